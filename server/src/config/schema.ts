import { z } from 'zod';
import { CRITICALITIES, CATEGORIES, SEVERITIES } from '../engine/types';

const globMap = <T extends z.ZodType>(value: T) => z.record(z.string().min(1), value);
const severityOrOff = z.enum([...SEVERITIES, 'off']);

/** `.prodgap.json`: the production context a team declares for its code. Unknown keys are errors. */
export const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    extends: z.string().min(1).optional().describe('Path of a config this one extends (relative to this file).'),
    criticality: globMap(z.enum(CRITICALITIES))
      .optional()
      .describe('Criticality per path glob; the last matching glob wins. Unmatched paths are customer-facing.'),
    defaultCriticality: z.enum(CRITICALITIES).optional(),
    owners: globMap(z.string().regex(/^@?[\w.-]+(\/[\w.-]+)?$/, 'an owner is a handle like @payments-team'))
      .optional()
      .describe('Owner per path glob; acceptances inserted by the quick fix name it.'),
    auth: z
      .strictObject({
        middleware: z.array(z.string()).optional().describe('Names of authentication middleware, guards or hooks.'),
        ownershipChecks: z.array(z.string()).optional().describe('Functions that check a principal may access a resource.'),
        publicRoutes: z.array(z.string()).optional().describe('Routes that are public on purpose, as "METHOD /path" or "/path".'),
      })
      .optional(),
    logging: z
      .strictObject({
        loggers: z.array(z.string()).optional().describe('Names of project loggers besides console, pino, winston, bunyan and Nest Logger.'),
        redactionHelper: z.string().optional().describe('A function that masks a value before it is logged, e.g. "redact".'),
        sensitiveFields: z.array(z.string()).optional().describe('Extra field names that hold secrets or personal data.'),
      })
      .optional(),
    metrics: z
      .strictObject({
        modules: z.array(z.string()).optional().describe('Modules whose calls count as metrics or traces.'),
        criticalOperations: z
          .array(z.string().min(1))
          .optional()
          .describe('Names of project functions that move money or are otherwise critical (e.g. "chargeCustomer"): they must leave a log, metric or span.'),
      })
      .optional(),
    queries: z
      .strictObject({
        pageSize: z.number().int().positive().max(100_000).optional().describe('Page size inserted by fixes for unbounded queries (default 100).'),
        uniqueKeys: z.array(z.string().min(1)).optional().describe('Column names besides id, _id and uuid that identify one row: a query pinned by one is bounded.'),
        acrossFiles: z
          .boolean()
          .optional()
          .describe('Also report unbounded queries in functions of other files that a request handler calls, one file deep, one severity step lower (default false: on real code half of them were judged false alarms).'),
      })
      .optional(),
    timeouts: z
      .strictObject({
        budgetMs: z.number().int().positive().max(3_600_000).optional().describe('Timeout inserted by fixes (default 10000).'),
        wrappers: z.array(z.string()).optional().describe('Project functions that always apply a timeout to outbound calls.'),
      })
      .optional(),
    rules: z
      .record(z.string(), severityOrOff)
      .optional()
      .describe('Severity per rule id or category, or "off".'),
    ignore: z.array(z.string()).optional().describe('Globs of files not to analyze (besides .gitignore).'),
    acceptance: z.strictObject({ allowOpenEnded: z.boolean().optional() }).optional(),
    limits: z
      .strictObject({
        maxFileBytes: z.number().int().positive().optional(),
        maxNesting: z.number().int().positive().max(5000).optional(),
        timePerFileMs: z.number().int().positive().optional(),
      })
      .optional(),
  })
  .describe('prodgap project configuration');

export type ProdgapConfig = z.infer<typeof configSchema>;

export const KNOWN_RULE_KEYS_HINT = `rule ids like "timeout/fetch-without-signal" or categories: ${CATEGORIES.join(', ')}`;
