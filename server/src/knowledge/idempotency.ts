import { z } from 'zod';
import { loadKnowledge } from './load';
import data from '../../../rules/knowledge/idempotency.json';

const patterns = z.array(z.string().min(1)).refine(
  (list) => list.every((p) => { try { new RegExp(p); return true; } catch { return false; } }),
  'every entry must be a valid regular expression',
);
const names = z.array(z.string().min(1));

const schema = z.strictObject({
  stripe: z.strictObject({
    modules: names,
    moneyMethods: z.array(z.strictObject({ method: z.string().min(1), optionsArg: z.number().int().min(1), keyPrefix: z.string().min(1) })),
    keyOption: z.string().min(1),
  }),
  http: z.strictObject({
    writeMethods: names,
    paymentPaths: patterns,
    notPaymentPaths: patterns,
    keyHeaders: names,
    keyBodyFields: names,
    hostKeyHeaders: z.array(z.strictObject({ host: z.string().min(1), header: z.string().min(1) })),
  }),
  retry: z.strictObject({ libraries: names, helperNames: patterns, freshKeyCalls: names }),
  operations: z.strictObject({
    dbInsertMethods: names,
    dbInsertSafeChains: names,
    prismaCreateMethods: names,
    prismaClientNames: patterns,
    sqlCallMethods: names,
    messageMethods: names,
    messageChains: names,
    messageModules: names,
    messageCommands: names,
    keyProperties: names,
  }),
  queues: z.strictObject({ modules: names, sideEffectJobNames: patterns }),
});

export type IdempotencyKnowledge = z.infer<typeof schema>;

/** What the idempotency rules know about payment APIs, retry libraries and side-effecting calls. */
export const idempotencyKnowledge: IdempotencyKnowledge = loadKnowledge('idempotency', schema, data);
