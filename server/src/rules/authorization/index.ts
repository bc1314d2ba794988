import type { FactCollector, RuleModule } from '../../engine/types';
import unauthenticatedMutation from './unauthenticated-mutation';

export const authorizationRules: RuleModule[] = [unauthenticatedMutation];

export const authorizationCollectors: FactCollector[] = [];
