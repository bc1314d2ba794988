import type { FactCollector, RuleModule } from '../../engine/types';
import unboundedQuery from './unbounded-query';
import { cappedCountCollector } from './facts-capped-counts';
import { prismaSchemaCollector } from './facts-prisma-schema';

export const resourceLimitsRules: RuleModule[] = [unboundedQuery];

export const resourceLimitsCollectors: FactCollector[] = [prismaSchemaCollector, cappedCountCollector];
