import ts = require('typescript');
import type { Fix, RuleContext, RuleModule } from '../../engine/types';
import { formatMessage } from '../../engine/messages';
import { httpKey, httpWrite, isPaymentUrl, keyHeaderFor, type HttpWrite } from './support';
import { headerEdit, planKey } from './support-fixes';

const rule: RuleModule = {
  meta: {
    id: 'idempotency/payment-post-without-key',
    category: 'idempotency',
    layer: 'constraints',
    description: 'A POST to a payment endpoint (a payment provider, or a `/payments`, `/charges`, `/refunds`… URL) is sent without an `Idempotency-Key` header.',
    why: 'A POST that timed out may still have been processed; when it is sent again — by a retry, a re-run job or the user — the provider sees a new request and the payment, refund or payout happens twice.',
    howToFix: 'Send an `Idempotency-Key` header (PayPal: `PayPal-Request-Id`) derived from the id of the thing being paid, or created once per operation and reused by every retry.',
    messages: {
      missingKey: '`{{callee}}` POSTs to a payment endpoint without the `{{header}}` header: if the response is lost and the request is repeated, the payment happens twice.',
      addBusinessKey: 'Send the {{header}} header derived from `{{id}}`',
      addOnceKey: 'Send the {{header}} header created once, before any retry',
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.CallExpression],
  prefilter: /[Pp]ayment|[Cc]harge|[Rr]efund|[Pp]ayout|[Tt]ransfer|[Cc]heckout|[Cc]apture|[Dd]isbursement|[Ww]ithdrawal|[Rr]emittance|PAYMENT|CHARGE|REFUND|PAYOUT|TRANSFER|CHECKOUT/,
  create(context) {
    return {
      [ts.SyntaxKind.CallExpression]: (node) => checkCall(node as ts.CallExpression, context),
    };
  },
};

function checkCall(call: ts.CallExpression, context: RuleContext): void {
  const write = httpWrite(call, context.values);
  if (!write || write.method !== 'POST' || !isPaymentUrl(write.url)) return;
  if (httpKey(write, context.values).status !== 'absent') return;
  const header = keyHeaderFor(write.url);
  context.report({
    node: call.expression,
    messageId: 'missingKey',
    data: { callee: call.expression.getText(), header },
    fixes: keyFix(write, header, context),
  });
}

function keyFix(write: HttpWrite, header: string, context: RuleContext): Fix[] {
  const plan = planKey(write.call, 'payment', context.values);
  if (!plan) return [];
  const edit = headerEdit(write, header, plan.expression, context.file.sourceFile);
  if (!edit) return [];
  const messages = rule.meta.messages;
  const title = plan.source === 'business' ? formatMessage(messages.addBusinessKey, { header, id: plan.from! }) : formatMessage(messages.addOnceKey, { header });
  return [{ title, kind: 'suggestion', edits: [...plan.edits, edit] }];
}

export default rule;
