import type { FactCollector, RuleModule } from '../../engine/types';
import unboundedQuery from './unbounded-query';

export const resourceLimitsRules: RuleModule[] = [unboundedQuery];

export const resourceLimitsCollectors: FactCollector[] = [];
