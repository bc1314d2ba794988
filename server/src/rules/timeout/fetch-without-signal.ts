import ts = require('typescript');
import type { RuleContext, RuleModule } from '../../engine/types';
import { qualifiedName, unwrapExpression, type ValueResolver } from '../../engine/values';
import { addOptionEdit } from '../../fixes/edits';
import { FETCH_FUNCTIONS, isInsideTimeoutWrapper, } from './support';

const rule: RuleModule = {
  meta: {
    id: 'timeout/fetch-without-signal',
    category: 'timeout',
    layer: 'constraints',
    description: '`fetch` called without an abort signal, so the request has no timeout.',
    why: 'fetch waits as long as the peer keeps the connection open; one slow upstream then holds requests, sockets and memory until the service stops answering.',
    howToFix: 'Pass `signal: AbortSignal.timeout(ms)` in the init object (combine with an existing signal via `AbortSignal.any`).',
    messages: {
      missingSignal: '`{{callee}}` has no timeout: pass `signal: AbortSignal.timeout(ms)` so a slow upstream cannot hang this call.',
      signalNeverAborts: '`{{callee}}` gets the signal of an AbortController that nothing aborts: it has no timeout.',
      addTimeout: 'Add a {{ms}} ms timeout (AbortSignal.timeout)',
      combineTimeout: 'Combine the signal with a {{ms}} ms timeout (AbortSignal.any)',
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.CallExpression],
  prefilter: /fetch/,
  create(context) {
    return {
      [ts.SyntaxKind.CallExpression]: (node) => checkFetchCall(node as ts.CallExpression, context),
    };
  },
};

function checkFetchCall(call: ts.CallExpression, context: RuleContext): void {
  const { values, settings, file } = context;
  if (!mayBeFetch(call.expression, values)) return;
  const name = qualifiedName(values.origin(call.expression));
  if (!name || !FETCH_FUNCTIONS.has(name)) return;
  if (call.arguments.length === 0 || isInsideTimeoutWrapper(call, settings.timeoutWrappers)) return;
  const input = unwrapExpression(call.arguments[0]);
  if (!isPlainUrl(input, values)) return;
  const init = call.arguments[1];
  const signal = values.lookupProperty(init, ['signal']);
  if (signal.status === 'unknown') return;
  const ms = settings.timeoutBudgetMs;
  const callee = call.expression.getText(file.sourceFile);
  if (signal.status === 'absent') {
    const edit = addOptionEdit(call, 1, `signal: AbortSignal.timeout(${ms})`, file.sourceFile);
    context.report({
      node: call.expression,
      messageId: 'missingSignal',
      data: { callee },
      fixes: edit ? [{ title: rule.meta.messages.addTimeout.replace('{{ms}}', String(ms)), kind: 'fix', edits: [edit] }] : [],
    });
    return;
  }
  if (signal.value && signalNeverAborts(signal.value, values, file.sourceFile)) {
    const existing = signal.value.getText(file.sourceFile);
    const replacement = `AbortSignal.any([${existing}, AbortSignal.timeout(${ms})])`;
    const edits = ts.isShorthandPropertyAssignment(signal.element)
      ? [{ start: signal.element.getStart(file.sourceFile), end: signal.element.getEnd(), newText: `signal: ${replacement}` }]
      : [{ start: signal.value.getStart(file.sourceFile), end: signal.value.getEnd(), newText: replacement }];
    context.report({
      node: call.expression,
      messageId: 'signalNeverAborts',
      data: { callee },
      fixes: [{ title: rule.meta.messages.combineTimeout.replace('{{ms}}', String(ms)), kind: 'fix', edits }],
    });
  }
}

/** A cheap syntactic test before resolving: `fetch`, `x.fetch`, or a name imported or required from a fetch package. */
function mayBeFetch(callee: ts.Expression, values: ValueResolver): boolean {
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text === 'fetch';
  if (!ts.isIdentifier(callee)) return false;
  if (callee.text === 'fetch') return true;
  const declaration = values.scopes.resolve(callee);
  return declaration?.kind === 'import' || (declaration?.kind === 'variable' && !!declaration.init && ts.isCallExpression(declaration.init));
}

/**
 * A URL (string, template, URL object or a variable holding one). A `Request`, which may carry its
 * own signal, is not judged: neither is a value typed or named as one (`req`, `input: RequestInfo`).
 */
function isPlainUrl(input: ts.Expression, values: ValueResolver): boolean {
  // A path like '/api/x' only resolves against a page's origin: that fetch runs in a browser.
  const head = ts.isStringLiteralLike(input) ? input.text : ts.isTemplateExpression(input) ? input.head.text : undefined;
  if (head !== undefined) return !/^\/(?!\/)/.test(head);
  if (ts.isBinaryExpression(input)) return true;
  const origin = values.origin(input);
  const base = origin.base;
  if (base.kind === 'new') return qualifiedName(base.ctor) !== 'Request' && !isBundledAsset(base.node);
  if (base.kind === 'typed') return !/Request|Input/.test(base.typeName);
  const name = ts.isIdentifier(input) ? input.text : ts.isPropertyAccessExpression(input) ? input.name.text : undefined;
  if (name === undefined) return ts.isCallExpression(input);
  return !/^(req|request|input|resource)$/i.test(name) && !/Request$/.test(name);
}

/** `new URL('../public/font.ttf', import.meta.url)`: a file shipped with the code, read through fetch, not a network call. */
function isBundledAsset(node: ts.NewExpression): boolean {
  const base = node.arguments?.[1];
  return !!base && ts.isPropertyAccessExpression(base) && base.name.text === 'url' && ts.isMetaProperty(base.expression);
}

/** `controller.signal` of a local `new AbortController()` whose `abort` is never referenced in the file. */
function signalNeverAborts(value: ts.Expression, values: ValueResolver, sourceFile: ts.SourceFile): boolean {
  const node = unwrapExpression(value);
  if (!ts.isPropertyAccessExpression(node) || node.name.text !== 'signal' || !ts.isIdentifier(node.expression)) return false;
  const owner = values.origin(node.expression);
  if (owner.base.kind !== 'new' || owner.path.length || qualifiedName(owner.base.ctor) !== 'AbortController') return false;
  const controller = node.expression.text;
  const text = sourceFile.text;
  const aborted = new RegExp(`\\b${controller}\\s*\\??\\.\\s*abort\\b`).test(text);
  // Handed to another function (which may abort it), e.g. `track(controller)`.
  const handedOn = new RegExp(`[(,]\\s*${controller}\\s*[,)]`).test(text);
  return !aborted && !handedOn;
}

export default rule;
