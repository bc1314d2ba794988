import { z } from 'zod';
import { commented, loadKnowledge, regexSource } from '../../knowledge/load';
import data from '../../../../rules/knowledge/authorization.json';

const names = z.array(z.string().min(1));

/** Schema of `rules/knowledge/authorization.json`. */
export const authorizationKnowledgeSchema = commented({
  publicPathPattern: regexSource,
  signatureCheckPattern: regexSource,
  adapterPattern: regexSource,
  publicNamePattern: regexSource,
  rejectsCallerPattern: regexSource,
  principalReadPattern: regexSource,
  accessGuardPattern: regexSource,
  /** A call whose name says it authenticates the caller (`authorizeEnvoyRequest(request)`, `handleAuthenticatedMcpRequest(…)`), not a payment's authorization. */
  authenticatingCallPattern: regexSource,
  optOutPattern: regexSource,
  authLikeWrapperPattern: regexSource,
  mutatingMethods: names,
  roleGuardPattern: regexSource,
  ownershipCheckPattern: regexSource,
  ownerKeyPattern: regexSource,
  loadMethods: commented({ whereOption: names, whereArgument: names }),
});

const raw = loadKnowledge('authorization', authorizationKnowledgeSchema, data);

export const AUTHORIZATION = {
  publicPath: new RegExp(raw.publicPathPattern, 'i'),
  signatureCheck: new RegExp(raw.signatureCheckPattern, 'i'),
  adapter: new RegExp(raw.adapterPattern),
  publicName: new RegExp(raw.publicNamePattern, 'i'),
  rejectsCaller: new RegExp(raw.rejectsCallerPattern),
  principalRead: new RegExp(raw.principalReadPattern),
  accessGuard: new RegExp(raw.accessGuardPattern, 'i'),
  optOut: new RegExp(raw.optOutPattern),
  authenticatingCall: new RegExp(raw.authenticatingCallPattern),
  authLikeWrapper: new RegExp(raw.authLikeWrapperPattern, 'i'),
  mutatingMethods: new Set(raw.mutatingMethods),
  roleGuard: new RegExp(raw.roleGuardPattern, 'i'),
  ownershipCheck: new RegExp(raw.ownershipCheckPattern),
  ownerKey: new RegExp(raw.ownerKeyPattern, 'i'),
  whereOption: new Set(raw.loadMethods.whereOption),
  whereArgument: new Set(raw.loadMethods.whereArgument),
};
