import type { FactCollector, RuleModule } from '../engine/types';
import { isScriptFile } from '../engine/parse';
import { timeoutCollectors, timeoutRules } from './timeout';
import { idempotencyCollectors, idempotencyRules } from './idempotency';
import { sensitiveLoggingCollectors, sensitiveLoggingRules } from './sensitive-logging';
import { errorHandlingCollectors, errorHandlingRules } from './error-handling';
import { migrationCollectors, migrationRules } from './migration';
import { secretsConfigCollectors, secretsConfigRules } from './secrets-config';
import { inputValidationCollectors, inputValidationRules } from './input-validation';
import { authorizationCollectors, authorizationRules } from './authorization';
import { resourceLimitsCollectors, resourceLimitsRules } from './resource-limits';
import { observabilityCollectors, observabilityRules } from './observability';
import { remoteReachCollector, routeFactsCollector } from '../routes';
import { clientImportsCollector } from '../engine/client-imports';

/** Every rule prodgap ships, in catalogue order. */
export const allRules: readonly RuleModule[] = [
  ...timeoutRules,
  ...idempotencyRules,
  ...sensitiveLoggingRules,
  ...errorHandlingRules,
  ...migrationRules,
  ...secretsConfigRules,
  ...resourceLimitsRules,
  ...inputValidationRules,
  ...authorizationRules,
  ...observabilityRules,
];

export const rulesById: ReadonlyMap<string, RuleModule> = new Map(allRules.map((rule) => [rule.meta.id, rule]));


export const knownRuleIds: ReadonlySet<string> = new Set(rulesById.keys());

/** Collectors of project facts, gathered in the same walk as the rules. */
export const allCollectors: readonly FactCollector[] = [
  ...timeoutCollectors,
  ...idempotencyCollectors,
  ...sensitiveLoggingCollectors,
  ...errorHandlingCollectors,
  ...migrationCollectors,
  ...secretsConfigCollectors,
  ...resourceLimitsCollectors,
  ...inputValidationCollectors,
  ...authorizationCollectors,
  ...observabilityCollectors,
  // Mounts and global guards: the route model's facts, shared by every request-path rule.
  routeFactsCollector,
  remoteReachCollector,
  // Which modules only client modules import (the server rules skip them).
  clientImportsCollector,
];

const textPaths = [...allRules.flatMap((rule) => (rule.text ? [rule.text.paths] : [])), ...allCollectors.flatMap((c) => (c.text ? [c.text.paths] : []))];

/** A file to analyze: a script, or a file a rule's text check or a collector asks for (a `.sql` migration, a `schema.prisma`). */
export function isAnalyzableFile(file: string): boolean {
  if (isScriptFile(file)) return true;
  const slashed = file.replace(/\\/g, '/');
  return textPaths.some((paths) => paths.test(slashed));
}
