import type { FactCollector, RuleModule } from '../../engine/types';

export const errorHandlingRules: RuleModule[] = [];

export const errorHandlingCollectors: FactCollector[] = [];
