import type { FactCollector, RuleModule } from '../engine/types';
import { timeoutRules } from './timeout';
import { factCollectors } from '../facts';

/** Every rule prodgap ships, in catalogue order. */
export const allRules: readonly RuleModule[] = [...timeoutRules];

export const rulesById: ReadonlyMap<string, RuleModule> = new Map(allRules.map((rule) => [rule.meta.id, rule]));

export const allCollectors: readonly FactCollector[] = factCollectors;
