import type { FactCollector, RuleModule } from '../../engine/types';
import criticalOperationUnrecorded from './critical-operation-unrecorded';
import failureResponseUnrecorded from './failure-response-unrecorded';
import { criticalFunctionsCollector } from './facts-critical-functions';
import { nestFiltersCollector } from './facts-nest-filters';
import { recordingFunctionsCollector } from './facts-recording-functions';

export const observabilityRules: RuleModule[] = [criticalOperationUnrecorded, failureResponseUnrecorded];

export const observabilityCollectors: FactCollector[] = [criticalFunctionsCollector, nestFiltersCollector, recordingFunctionsCollector];
