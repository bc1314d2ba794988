import ts = require('typescript');
import type { RuleContext, RuleModule, TextEdit } from '../../engine/types';
import { formatMessage } from '../../engine/messages';
import { unwrapExpression } from '../../engine/values';
import { addOptionEdit, appendArgument } from '../../fixes/edits';
import { TIMEOUT_CLIENTS } from '../../knowledge/timeout-clients';
import { hasSpreadArgument, isStringLike, optionsVerdict } from './support';
import { requestUsage, type RequestPolicy } from './support-usage';

const { http } = TIMEOUT_CLIENTS;

const POLICY: RequestPolicy = {
  boundingMethods: http.boundingMethods,
  boundingEvents: http.boundingEvents,
  opaqueEvents: http.opaqueEvents,
  sendingMethods: [],
  sentWhenReturnedFromAsync: false,
};

const rule: RuleModule = {
  meta: {
    id: 'timeout/http-request-without-timeout',
    category: 'timeout',
    layer: 'constraints',
    description: '`http.request`/`http.get` (or `https`) without a timeout option, `signal` or `req.setTimeout`: the request may wait forever.',
    why: "Node's http client has no request timeout: a peer that stops answering holds the socket, the request and whatever waits on it until the service runs out of sockets or memory.",
    howToFix: 'Pass `signal: AbortSignal.timeout(ms)` in the options, or call `req.setTimeout(ms, () => req.destroy())`.',
    messages: {
      requestWithoutTimeout: '`{{callee}}` has no timeout: pass `signal: AbortSignal.timeout(ms)` or call `req.setTimeout(ms, () => req.destroy())`.',
      addSignal: 'Abort after {{ms}} ms (AbortSignal.timeout)',
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.CallExpression],
  prefilter: /https?['\"]/,
  create(context) {
    return {
      [ts.SyntaxKind.CallExpression]: (node) => checkCall(node as ts.CallExpression, context),
    };
  },
};

/** Where the options are: an argument index, or where a new options object goes (before the callback). */
interface OptionsPlace {
  index: number;
  exists: boolean;
}

function checkCall(call: ts.CallExpression, context: RuleContext): void {
  const { values } = context;
  const origin = values.origin(call.expression);
  if (origin.base.kind !== 'module' || !http.modules.includes(origin.base.module)) return;
  if (origin.path.length !== 1 || !http.functions.includes(origin.path[0]) || hasSpreadArgument(call)) return;
  const place = optionsPlace(call, context);
  if (!place) return;
  if (place.exists && optionsVerdict(values, call.arguments[place.index], http.timeoutOptions, http.opaqueOptions) !== 'unbounded') return;
  if (requestUsage(call, values, POLICY) !== 'unbounded') return;
  const ms = context.settings.timeoutBudgetMs;
  const edit = signalEdit(call, place, `signal: AbortSignal.timeout(${ms})`, context);
  context.report({
    node: call.expression,
    messageId: 'requestWithoutTimeout',
    data: { callee: call.expression.getText(context.file.sourceFile) },
    fixes: edit ? [{ title: formatMessage(rule.meta.messages.addSignal, { ms }), kind: 'fix', edits: [edit] }] : [],
  });
}

/** `request(options, cb?)`, `request(url, options?, cb?)`; undefined when an argument can't be placed. */
function optionsPlace(call: ts.CallExpression, context: RuleContext): OptionsPlace | undefined {
  const { values } = context;
  const [first, second] = call.arguments;
  if (!first) return undefined;
  if (values.objectLiteral(first)) return { index: 0, exists: true };
  if (!isStringLike(first, values)) return undefined;
  if (!second || isCallback(second, context)) return { index: 1, exists: false };
  return values.objectLiteral(second) ? { index: 1, exists: true } : undefined;
}

/** A response callback: a function, a name declared with a function type, or named like a handler (`onResponse`, `done`). */
function isCallback(expression: ts.Expression, context: RuleContext): boolean {
  const node = unwrapExpression(expression);
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || context.values.origin(node).base.kind === 'function') return true;
  if (!ts.isIdentifier(node)) return false;
  const declaration = context.values.scopes.resolve(node);
  if ((declaration?.kind === 'parameter' || declaration?.kind === 'variable') && declaration.node.type && ts.isFunctionTypeNode(declaration.node.type)) return true;
  return /^(cb|callback|done|(on|handle)[A-Z]\w*)$/.test(node.text);
}

function signalEdit(call: ts.CallExpression, place: OptionsPlace, property: string, context: RuleContext): TextEdit | undefined {
  if (place.exists) return addOptionEdit(call, place.index, property, context.file.sourceFile);
  const callback = call.arguments[place.index];
  if (!callback) return appendArgument(call, `{ ${property} }`);
  // `http.get(url, { signal }, callback)` is one of the documented signatures.
  const start = callback.getStart(context.file.sourceFile);
  return { start, end: start, newText: `{ ${property} }, ` };
}

export default rule;
