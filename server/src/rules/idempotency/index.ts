import type { FactCollector, RuleModule } from '../../engine/types';
import stripeCreateWithoutKey from './stripe-create-without-key';
import paymentPostWithoutKey from './payment-post-without-key';
import retryNonIdempotent from './retry-non-idempotent';
import queueRetryNonIdempotent from './queue-retry-non-idempotent';

export const idempotencyRules: RuleModule[] = [stripeCreateWithoutKey, paymentPostWithoutKey, retryNonIdempotent, queueRetryNonIdempotent];

export const idempotencyCollectors: FactCollector[] = [];
