import ts = require('typescript');
import type { RuleContext, RuleModule } from '../../engine/types';
import { formatMessage } from '../../engine/messages';
import { addOptionEdit } from '../../fixes/edits';
import { TIMEOUT_CLIENTS } from '../../knowledge/timeout-clients';
import { hasSpreadArgument, isInsideTimeoutWrapper, isStringLike, optionsVerdict, type Verdict } from './support';

const { got } = TIMEOUT_CLIENTS;

const rule: RuleModule = {
  meta: {
    id: 'timeout/got-without-timeout',
    category: 'timeout',
    layer: 'constraints',
    description: 'A got request, or a `got.extend` instance, without a `timeout`: it may wait forever.',
    why: 'got sets no timeout by default (only retries): a slow upstream holds the request, its socket and its memory until the service stops answering.',
    howToFix: 'Set `timeout: { request: ms }` on the instance (`got.extend`) or on the call.',
    messages: {
      callWithoutTimeout: '`{{callee}}` has no timeout and got waits forever by default: set `timeout: { request: ms }`.',
      instanceWithoutTimeout: 'Instances made by `{{callee}}` have no timeout, so every call through them may wait forever: set `timeout: { request: ms }` here.',
      addTimeout: 'Add a {{ms}} ms request timeout',
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.CallExpression],
  prefilter: /\bgot\b/,
  create(context) {
    return {
      [ts.SyntaxKind.CallExpression]: (node) => checkCall(node as ts.CallExpression, context),
    };
  },
};

function checkCall(call: ts.CallExpression, context: RuleContext): void {
  if (hasSpreadArgument(call)) return;
  const { values } = context;
  const origin = values.origin(call.expression);
  if (origin.base.kind !== 'module' || !got.modules.includes(origin.base.module) || origin.path.length > 1) return;
  const [member] = origin.path;
  if (member !== undefined && got.factories.includes(member)) {
    // `got.extend(a, b, …)` merges all its arguments, and `.extend(c)` chained on it adds more: any may carry the timeout.
    const verdicts: Verdict[] = extendChainArguments(call).map((arg) => optionsVerdict(values, arg, got.timeoutOptions));
    if (verdicts.every((v) => v === 'unbounded')) report(call, Math.max(call.arguments.length - 1, 0), 'instanceWithoutTimeout', context);
    return;
  }
  if (member !== undefined && !got.methods.includes(member)) return;
  const optionsIndex = optionsIndexOf(call, context);
  if (optionsIndex === undefined || isInsideTimeoutWrapper(call, context.settings.timeoutWrappers)) return;
  if (optionsVerdict(values, call.arguments[optionsIndex], got.timeoutOptions) === 'unbounded') {
    report(call, optionsIndex, 'callWithoutTimeout', context);
  }
}

/** The arguments of `got.extend(a)` and of every `.extend(b)` chained directly on its result. */
function extendChainArguments(call: ts.CallExpression): ts.Expression[] {
  const args = [...call.arguments];
  let current: ts.Expression = call;
  for (;;) {
    const access = current.parent;
    if (!ts.isPropertyAccessExpression(access) || access.expression !== current || !got.factories.includes(access.name.text)) return args;
    const next = access.parent;
    if (!ts.isCallExpression(next) || next.expression !== access) return args;
    args.push(...next.arguments);
    current = next;
  }
}

/** `got(url, options?)` or `got(options)`; a lone argument that is neither visibly is left alone. */
function optionsIndexOf(call: ts.CallExpression, context: RuleContext): number | undefined {
  const [first] = call.arguments;
  if (!first) return undefined;
  if (call.arguments.length > 1 || isStringLike(first, context.values)) return 1;
  return context.values.objectLiteral(first) ? 0 : undefined;
}

function report(call: ts.CallExpression, optionsIndex: number, messageId: string, context: RuleContext): void {
  const { file, settings } = context;
  const edit = addOptionEdit(call, optionsIndex, `timeout: { request: ${settings.timeoutBudgetMs} }`, file.sourceFile);
  context.report({
    node: call.expression,
    messageId,
    data: { callee: call.expression.getText(file.sourceFile) },
    fixes: edit ? [{ title: formatMessage(rule.meta.messages.addTimeout, { ms: settings.timeoutBudgetMs }), kind: 'fix', edits: [edit] }] : [],
  });
}

export default rule;
