import type { FactCollector, RuleModule } from '../../engine/types';

export const migrationRules: RuleModule[] = [];

export const migrationCollectors: FactCollector[] = [];
