import type { FactCollector, RuleModule } from '../../engine/types';

export const sensitiveLoggingRules: RuleModule[] = [];

export const sensitiveLoggingCollectors: FactCollector[] = [];
