import { z } from 'zod';
import { loadKnowledge, regexSource, commented } from '../../knowledge/load';
import data from '../../../../rules/knowledge/sensitive-data.json';

const names = z.array(z.string().min(1));
const LOGGER_FAMILIES = ['pino', 'winston', 'bunyan', 'nest', 'other'] as const;

/** Schema of `rules/knowledge/sensitive-data.json`. */
export const sensitiveDataSchema = commented({
  loggers: commented({
    methods: names,
    consoleMethods: names,
    modules: z.record(z.string(), z.enum(LOGGER_FAMILIES)),
    receiverNamePattern: regexSource,
    typeNamePattern: regexSource,
    pinoLogOwners: names,
  }),
  secret: commented({ phrases: names, notSecret: names }),
  personal: commented({ phrases: names, notPersonal: names, ofRecord: names, ofRecordOwners: names }),
  prepositions: commented({ words: names, phrases: names }),
  payment: commented({ phrases: names }),
  wholeRecord: commented({ nouns: names, suffixes: names, configOwners: names }),
  request: commented({ names, types: names, parts: names, bodyMethods: names, headerGetters: names }),
  environment: commented({ names }),
  safe: commented({ prefixes: names, masked: names, suffixes: names }),
  calls: commented({ stringifiers: names, toString: names, passthroughMethods: names, returningVerbs: names }),
});

export type LoggerFamily = (typeof LOGGER_FAMILIES)[number] | 'console' | 'custom';

const raw = loadKnowledge('sensitive-data', sensitiveDataSchema, data);

/** Splits a name into lower-case words: `STRIPE_SECRET_KEY`, `apiKey`, `x-api-key` → [.., 'api', 'key']. */
export function nameTokens(name: string): string[] {
  return (name.match(/[A-Z]+(?![a-z])\d*|[A-Z]?[a-z]+\d*|\d+/g) ?? []).map((token) => token.toLowerCase());
}

const phrases = (list: readonly string[]) => list.map((phrase) => phrase.split(' '));
const lower = (list: readonly string[]) => new Set(list.map((name) => name.toLowerCase()));

/** The catalogue, compiled once. */
export const knowledge = {
  logMethods: new Set(raw.loggers.methods),
  consoleMethods: new Set(raw.loggers.consoleMethods),
  loggerModules: new Map(Object.entries(raw.loggers.modules)),
  loggerReceiverName: new RegExp(raw.loggers.receiverNamePattern),
  loggerTypeName: new RegExp(raw.loggers.typeNamePattern),
  pinoLogOwners: new Set(raw.loggers.pinoLogOwners),
  secretPhrases: phrases(raw.secret.phrases),
  notSecretPhrases: phrases(raw.secret.notSecret),
  personalPhrases: phrases(raw.personal.phrases),
  notPersonalPhrases: phrases(raw.personal.notPersonal),
  personalOfRecord: phrases(raw.personal.ofRecord),
  personOwners: new Set(raw.personal.ofRecordOwners),
  prepositions: new Set(raw.prepositions.words),
  prepositionPhrases: phrases(raw.prepositions.phrases),
  paymentPhrases: phrases(raw.payment.phrases),
  recordNouns: new Set(raw.wholeRecord.nouns),
  recordSuffixes: new Set(raw.wholeRecord.suffixes),
  configOwners: new Set(raw.wholeRecord.configOwners),
  requestNames: new Set(raw.request.names),
  requestTypes: new Set(raw.request.types),
  requestParts: new Set(raw.request.parts),
  bodyMethods: new Set(raw.request.bodyMethods),
  headerGetters: new Set(raw.request.headerGetters),
  environmentNames: lower(raw.environment.names),
  safePrefixes: new Set(raw.safe.prefixes),
  maskedWords: new Set(raw.safe.masked),
  safeSuffixes: phrases(raw.safe.suffixes),
  stringifiers: new Set(raw.calls.stringifiers),
  toStringCalls: new Set(raw.calls.toString),
  passthroughMethods: new Set(raw.calls.passthroughMethods),
  returningVerbs: new Set(raw.calls.returningVerbs),
};
