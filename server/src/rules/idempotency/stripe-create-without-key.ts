import ts = require('typescript');
import type { Fix, RuleContext, RuleModule } from '../../engine/types';
import { formatMessage } from '../../engine/messages';
import { addOptionEdit } from '../../fixes/edits';
import { stripeCall, stripeKey, type StripeCall } from './support';
import { keyProperty, planKey } from './support-fixes';

const rule: RuleModule = {
  meta: {
    id: 'idempotency/stripe-create-without-key',
    category: 'idempotency',
    layer: 'constraints',
    description: 'A Stripe call that moves money (a payment intent, charge, refund, transfer, payout…) is made without an `idempotencyKey`.',
    why: 'When the response is lost (a timeout, a dropped connection, a crash after the call) and the call runs again — a retry, a re-run job, a double submit — Stripe performs it twice: the customer is charged or paid out twice.',
    howToFix: 'Pass request options `{ idempotencyKey }` derived from the id of the thing being paid (`` `pi-${order.id}` ``), or a key created once per operation and reused by every retry.',
    messages: {
      missingKey: '`{{callee}}` moves money without an `idempotencyKey`: if the response is lost and the call is repeated, the money moves twice.',
      addBusinessKey: 'Pass an idempotency key derived from `{{id}}`',
      addOnceKey: 'Pass an idempotency key created once, before any retry',
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.CallExpression],
  prefilter: /[Ss]tripe|STRIPE/,
  create(context) {
    return {
      [ts.SyntaxKind.CallExpression]: (node) => checkCall(node as ts.CallExpression, context),
    };
  },
};

function checkCall(call: ts.CallExpression, context: RuleContext): void {
  const stripe = stripeCall(call, context.values);
  if (!stripe?.money || stripeKey(stripe, context.values).status !== 'absent') return;
  context.report({
    node: call.expression,
    messageId: 'missingKey',
    data: { callee: call.expression.getText() },
    fixes: keyFix(stripe, context),
  });
}

function keyFix(stripe: StripeCall, context: RuleContext): Fix[] {
  const plan = planKey(stripe.call, stripe.money!.keyPrefix, context.values);
  if (!plan) return [];
  const option = addOptionEdit(stripe.call, stripe.money!.optionsArg, keyProperty('idempotencyKey', plan.expression), context.file.sourceFile);
  if (!option) return [];
  const messages = rule.meta.messages;
  const title = plan.source === 'business' ? formatMessage(messages.addBusinessKey, { id: plan.from! }) : messages.addOnceKey;
  return [{ title, kind: 'suggestion', edits: [...plan.edits, option] }];
}

export default rule;
