import type { FactCollector, RuleModule } from '../../engine/types';
import rawSqlInjection from './raw-sql-injection';

export const inputValidationRules: RuleModule[] = [rawSqlInjection];

export const inputValidationCollectors: FactCollector[] = [];
