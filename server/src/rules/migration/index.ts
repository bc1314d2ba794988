import type { FactCollector, RuleModule } from '../../engine/types';
import constraintWithoutNotValid from './constraint-without-not-valid';
import destructiveChange from './destructive-change';
import { dialectCollector } from './facts-dialect';
import indexWithoutConcurrently from './index-without-concurrently';
import missingDown from './missing-down';
import tableRewrite from './table-rewrite';

export const migrationRules: RuleModule[] = [indexWithoutConcurrently, constraintWithoutNotValid, tableRewrite, destructiveChange, missingDown];

export const migrationCollectors: FactCollector[] = [dialectCollector];
