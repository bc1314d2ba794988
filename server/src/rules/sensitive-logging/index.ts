import type { FactCollector, RuleModule } from '../../engine/types';
import secretInLog from './secret-in-log';
import personalDataInLog from './personal-data-in-log';
import { redactionCollector } from './facts-redaction';

export const sensitiveLoggingRules: RuleModule[] = [secretInLog, personalDataInLog];

export const sensitiveLoggingCollectors: FactCollector[] = [redactionCollector];
