import type { FactCollector, RuleModule } from '../engine/types';
import { timeoutCollectors, timeoutRules } from './timeout';
import { idempotencyCollectors, idempotencyRules } from './idempotency';
import { sensitiveLoggingCollectors, sensitiveLoggingRules } from './sensitive-logging';
import { errorHandlingCollectors, errorHandlingRules } from './error-handling';
import { migrationCollectors, migrationRules } from './migration';
import { secretsConfigCollectors, secretsConfigRules } from './secrets-config';
import { resourceLimitsCollectors, resourceLimitsRules } from './resource-limits';
import { observabilityCollectors, observabilityRules } from './observability';
import { routeFactsCollector } from '../routes';

/** Every rule prodgap ships, in catalogue order. */
export const allRules: readonly RuleModule[] = [
  ...timeoutRules,
  ...idempotencyRules,
  ...sensitiveLoggingRules,
  ...errorHandlingRules,
  ...migrationRules,
  ...secretsConfigRules,
  ...resourceLimitsRules,
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
  ...observabilityCollectors,
  // Mounts and global guards: the route model's facts, shared by every request-path rule.
  routeFactsCollector,
];
