import type { FactCollector, RuleModule } from '../../engine/types';
import rawSqlInjection from './raw-sql-injection';
import unvalidatedInputToSink from './unvalidated-input-to-sink';

export const inputValidationRules: RuleModule[] = [rawSqlInjection, unvalidatedInputToSink];

export const inputValidationCollectors: FactCollector[] = [];
