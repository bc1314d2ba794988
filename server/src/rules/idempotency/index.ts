import type { FactCollector, RuleModule } from '../../engine/types';

export const idempotencyRules: RuleModule[] = [];

export const idempotencyCollectors: FactCollector[] = [];
