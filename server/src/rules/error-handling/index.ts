import type { FactCollector, RuleModule } from '../../engine/types';
import emptyCatch from './empty-catch';
import catchReturnsDefault from './catch-returns-default';
import promiseCatchSwallowed from './promise-catch-swallowed';
import unawaitedReturnInTry from './unawaited-return-in-try';

export const errorHandlingRules: RuleModule[] = [emptyCatch, catchReturnsDefault, promiseCatchSwallowed, unawaitedReturnInTry];

export const errorHandlingCollectors: FactCollector[] = [];
