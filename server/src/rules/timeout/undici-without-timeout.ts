import ts = require('typescript');
import type { RuleContext, RuleModule } from '../../engine/types';
import { formatMessage } from '../../engine/messages';
import { addOptionEdit } from '../../fixes/edits';
import { TIMEOUT_CLIENTS } from '../../knowledge/timeout-clients';
import { UNDICI_GLOBAL_DISPATCHER } from './facts';
import { hasSpreadArgument, isInsideTimeoutWrapper, isStringLike, optionsVerdict } from './support';

const { undici } = TIMEOUT_CLIENTS;

const rule: RuleModule = {
  meta: {
    id: 'timeout/undici-without-timeout',
    category: 'timeout',
    layer: 'constraints',
    description: 'An undici request, fetch or dispatcher (`Client`, `Pool`) that leaves the timeouts at their 300-second defaults.',
    why: 'undici waits up to 300 s for headers and 300 s between body chunks unless told otherwise: a slow upstream holds requests and sockets for minutes, long past any caller’s patience.',
    howToFix: 'Set `headersTimeout` and `bodyTimeout` (or a `signal`) on the request, or on the dispatcher that sends it.',
    messages: {
      requestWithDefaultTimeouts: '`{{callee}}` keeps undici’s 300 s header and body timeouts: set `headersTimeout`/`bodyTimeout` or a `signal`.',
      fetchWithoutSignal: '`{{callee}}` has no signal and keeps undici’s 300 s header and body timeouts: pass `signal: AbortSignal.timeout(ms)`.',
      dispatcherWithDefaultTimeouts: 'Requests through this `{{callee}}` keep undici’s 300 s header and body timeouts: set `headersTimeout` and `bodyTimeout`.',
      addTimeouts: 'Set {{ms}} ms header and body timeouts',
      addSignal: 'Abort after {{ms}} ms (AbortSignal.timeout)',
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression],
  prefilter: /undici/,
  create(context) {
    return {
      [ts.SyntaxKind.CallExpression]: (node) => checkCall(node as ts.CallExpression, context),
      [ts.SyntaxKind.NewExpression]: (node) => checkDispatcher(node as ts.NewExpression, context),
    };
  },
  // A global dispatcher with timeouts (`setGlobalDispatcher(new Agent({ headersTimeout }))`) covers request and fetch.
  resolve: (_pending, facts) => !facts.has(UNDICI_GLOBAL_DISPATCHER),
};

function undiciMember(expression: ts.Expression, context: RuleContext): string | undefined {
  const origin = context.values.origin(expression);
  if (origin.base.kind !== 'module' || !undici.modules.includes(origin.base.module) || origin.path.length !== 1) return undefined;
  return origin.path[0];
}

function checkCall(call: ts.CallExpression, context: RuleContext): void {
  const member = undiciMember(call.expression, context);
  if (member === undefined || !call.arguments[0] || hasSpreadArgument(call)) return;
  if (isInsideTimeoutWrapper(call, context.settings.timeoutWrappers)) return;
  const options = call.arguments[1];
  const ms = context.settings.timeoutBudgetMs;
  if (undici.requestFunctions.includes(member)) {
    if (optionsVerdict(context.values, options, undici.timeoutOptions, undici.opaqueOptions) !== 'unbounded') return;
    report(call, 'requestWithDefaultTimeouts', `headersTimeout: ${ms}, bodyTimeout: ${ms}`, 'addTimeouts', context, true);
  } else if (undici.fetchFunctions.includes(member)) {
    // A `Request` object may carry its own signal: only URLs are judged.
    if (!isStringLike(call.arguments[0], context.values)) return;
    if (optionsVerdict(context.values, options, undici.fetchTimeoutOptions, undici.opaqueOptions) !== 'unbounded') return;
    report(call, 'fetchWithoutSignal', `signal: AbortSignal.timeout(${ms})`, 'addSignal', context, true);
  }
}

/** `new Pool(origin, options)`: calls through the dispatcher are judged here, once. */
function checkDispatcher(node: ts.NewExpression, context: RuleContext): void {
  const member = undiciMember(node.expression, context);
  if (member === undefined || !undici.dispatchers.includes(member) || hasSpreadArgument(node)) return;
  if (optionsVerdict(context.values, node.arguments?.[1], undici.dispatcherTimeoutOptions) !== 'unbounded') return;
  const ms = context.settings.timeoutBudgetMs;
  report(node, 'dispatcherWithDefaultTimeouts', `headersTimeout: ${ms}, bodyTimeout: ${ms}`, 'addTimeouts', context, false);
}

function report(
  node: ts.CallExpression | ts.NewExpression,
  messageId: string,
  property: string,
  titleId: string,
  context: RuleContext,
  pending: boolean,
): void {
  const { file, settings } = context;
  const edit = addOptionEdit(node, 1, property, file.sourceFile);
  context.report({
    node: node.expression,
    messageId,
    data: { callee: node.expression.getText(file.sourceFile) },
    fixes: edit ? [{ title: formatMessage(rule.meta.messages[titleId], { ms: settings.timeoutBudgetMs }), kind: 'fix', edits: [edit] }] : [],
    pending: pending ? true : undefined,
  });
}

export default rule;
