import type { FactCollector, RuleModule } from '../../engine/types';
import unauthenticatedMutation from './unauthenticated-mutation';
import unscopedResourceAccess from './unscoped-resource-access';
import { requestIdCallCollector } from './facts-request-ids';
import { authBuilderCollector } from './facts-auth-builders';

export const authorizationRules: RuleModule[] = [unauthenticatedMutation, unscopedResourceAccess];

export const authorizationCollectors: FactCollector[] = [requestIdCallCollector, authBuilderCollector];
