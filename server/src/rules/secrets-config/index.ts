import type { FactCollector, RuleModule } from '../../engine/types';

export const secretsConfigRules: RuleModule[] = [];

export const secretsConfigCollectors: FactCollector[] = [];
