import { z } from 'zod';
import { loadKnowledge, regexSource } from '../../knowledge/load';
import secretsJson from '../../../../rules/knowledge/secrets.json';
import endpointsJson from '../../../../rules/knowledge/endpoints.json';

const envName = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'an environment variable name like STRIPE_SECRET_KEY');
const words = z.array(z.string().min(1));

export const secretsSchema = z.object({
  $comment: z.string().optional(),
  formats: z.array(z.strictObject({ id: z.string(), label: z.string(), pattern: regexSource, env: envName, testMode: z.boolean().optional() })),
  namedFormats: z.array(z.strictObject({ id: z.string(), label: z.string(), names: words, pattern: regexSource, env: envName })),
  secretNouns: words,
  keyQualifiers: words,
  publicQualifiers: words,
  placeholders: words,
  placeholderMarkers: words,
  publicPrefixes: words,
  signingCalls: z.array(z.strictObject({ callee: z.string(), argument: z.number().int().min(0), env: envName })),
  signingOptions: z.array(z.strictObject({ callee: z.string(), property: z.string(), env: envName })),
  signingProperties: z.array(z.strictObject({ property: z.string(), env: envName })),
  connectionSchemes: z.record(z.string(), envName),
  notProductionPaths: z.array(regexSource),
  /** A comment above a declaration that says its value is not a secret (`// not actually a secret`): the author's word wins over a name. */
  notSecretComments: regexSource,
  entropy: z.strictObject({ minLength: z.number().int().positive(), minBitsPerChar: z.number().positive() }),
});

export const endpointsSchema = z.object({
  $comment: z.string().optional(),
  internalSuffixes: words,
  internalLabels: words,
  ignoredHosts: words,
  localHosts: words,
  testSuffixes: words,
  hostNames: words,
});

const secrets = loadKnowledge('secrets', secretsSchema, secretsJson);
const endpoints = loadKnowledge('endpoints', endpointsSchema, endpointsJson);

export interface SecretFormat {
  label: string;
  pattern: RegExp;
  env: string;
  testMode: boolean;
}

export const SECRETS = {
  formats: secrets.formats.map((f): SecretFormat => ({ label: f.label, pattern: new RegExp(f.pattern), env: f.env, testMode: !!f.testMode })),
  namedFormats: secrets.namedFormats.map((f) => ({ label: f.label, names: new Set(f.names), pattern: new RegExp(f.pattern), env: f.env })),
  secretNouns: new Set(secrets.secretNouns),
  keyQualifiers: new Set(secrets.keyQualifiers),
  publicQualifiers: new Set(secrets.publicQualifiers),
  placeholders: new Set(secrets.placeholders),
  placeholderMarkers: secrets.placeholderMarkers,
  publicPrefixes: secrets.publicPrefixes,
  signingCalls: secrets.signingCalls,
  signingOptions: secrets.signingOptions,
  signingProperties: new Map(secrets.signingProperties.map((p) => [p.property, p.env])),
  connectionSchemes: new Map(Object.entries(secrets.connectionSchemes)),
  notProductionPaths: secrets.notProductionPaths.map((source) => new RegExp(source, 'i')),
  notSecretComments: new RegExp(secrets.notSecretComments, 'i'),
  entropy: secrets.entropy,
};

export const ENDPOINTS = {
  internalSuffixes: endpoints.internalSuffixes,
  internalLabels: new Set(endpoints.internalLabels),
  ignoredHosts: new Set(endpoints.ignoredHosts),
  localHosts: new Set(endpoints.localHosts),
  testSuffixes: endpoints.testSuffixes,
  hostNames: new Set(endpoints.hostNames),
};
