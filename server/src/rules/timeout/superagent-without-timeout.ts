import ts = require('typescript');
import type { RuleContext, RuleModule } from '../../engine/types';
import { formatMessage } from '../../engine/messages';
import { TIMEOUT_CLIENTS } from '../../knowledge/timeout-clients';
import { hasSpreadArgument, } from './support';
import { requestUsage, type RequestPolicy } from './support-usage';

const { superagent } = TIMEOUT_CLIENTS;

const POLICY: RequestPolicy = {
  boundingMethods: superagent.timeoutMethods,
  boundingEvents: [],
  opaqueEvents: [],
  sendingMethods: superagent.sendingMethods,
  sentWhenReturnedFromAsync: true,
};

const rule: RuleModule = {
  meta: {
    id: 'timeout/superagent-without-timeout',
    category: 'timeout',
    layer: 'constraints',
    description: 'A superagent request sent without `.timeout(...)` in its chain: it may wait forever.',
    why: 'superagent sets no timeout by default: a slow upstream holds the request, its socket and its memory until the service stops answering.',
    howToFix: 'Add `.timeout(ms)` (or `.timeout({ response, deadline })`) to the request chain before it is sent.',
    messages: {
      requestWithoutTimeout: '`{{callee}}` is sent without `.timeout(...)` and superagent waits forever by default.',
      addTimeout: 'Add .timeout({{ms}})',
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.CallExpression],
  prefilter: /superagent/,
  create(context) {
    return {
      [ts.SyntaxKind.CallExpression]: (node) => checkCall(node as ts.CallExpression, context),
    };
  },
};

function checkCall(call: ts.CallExpression, context: RuleContext): void {
  const origin = context.values.origin(call.expression);
  if (origin.base.kind !== 'module' || !superagent.modules.includes(origin.base.module) || hasSpreadArgument(call)) return;
  // `superagent(method, url)` or `superagent.get(url)`; `superagent.agent()` and the like are not requests.
  const isRequest = origin.path.length === 0 ? call.arguments.length > 0 : origin.path.length === 1 && superagent.methods.includes(origin.path[0]);
  if (!isRequest || requestUsage(call, context.values, POLICY) !== 'unbounded') return;
  const ms = context.settings.timeoutBudgetMs;
  context.report({
    node: call.expression,
    messageId: 'requestWithoutTimeout',
    data: { callee: call.expression.getText(context.file.sourceFile) },
    // Right after the call that makes the request: every later link in the chain returns the same request.
    fixes: [{ title: formatMessage(rule.meta.messages.addTimeout, { ms }), kind: 'fix', edits: [{ start: call.getEnd(), end: call.getEnd(), newText: `.timeout(${ms})` }] }],
  });
}

export default rule;
