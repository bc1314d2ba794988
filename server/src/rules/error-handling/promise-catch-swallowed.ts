import ts = require('typescript');
import type { Fix, RuleContext, RuleModule } from '../../engine/types';
import { propertyNameText, staticText, unwrapExpression } from '../../engine/values';
import { calleeName, documentsIntent, isBestEffortFunction, isHttpClientCall, leadingComments, receiverOf, references } from './support';
import { isExpectedFailureCall, recordsOwnFailures } from './support-expected';
import { handlesFailure, isDefaultValue } from './support-catch';
import { knowledge } from './support-knowledge';
import { logStatement } from './support-fix';
import { someCalleeRecords } from '../observability/facts-recording-functions';

const rule: RuleModule = {
  meta: {
    id: 'error-handling/promise-catch-swallowed',
    category: 'error-handling',
    layer: 'operation',
    description: '`.catch(() => {})` (or `() => null`, `noop`) on a write, payment, outbound call or message send.',
    why: 'The write, charge or message failed and the code carries on as if it succeeded: nothing is logged, retried or reported, and the lost data is found by a customer.',
    howToFix: 'Log the failure in the handler (and retry, compensate or rethrow where the caller depends on the operation).',
    messages: {
      swallowed: '`.catch` discards every failure of `{{operation}}`: log it (and retry or rethrow where the caller depends on it).',
      logFailure: 'Log the failure in the handler',
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.CallExpression],
  prefilter: /\.\s*catch\s*\(/,
  create(context) {
    return {
      [ts.SyntaxKind.CallExpression]: (node) => checkCatchCall(node as ts.CallExpression, context),
    };
  },
  resolve: (pending, facts) => !someCalleeRecords(pending as string[], facts),
};

function checkCatchCall(call: ts.CallExpression, context: RuleContext): void {
  const { file } = context;
  const callee = unwrapExpression(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'catch' || call.arguments.length !== 1) return;
  const handler = unwrapExpression(call.arguments[0]);
  if (!swallows(handler, context)) return;
  const operation = operationCall(callee.expression, context);
  if (!operation || !failureMatters(operation, context) || readsResponse(operation, callee.expression) || resultIsChecked(call)) return;
  // A probe (`getFileExists`, `isReachable`): the rejection is the answer.
  if (isBestEffortFunction(call)) return;
  const handlerText = file.text.slice(handler.getStart(file.sourceFile), handler.getEnd());
  if (documentsIntent(handlerText, true) || documentsIntent(commentsAbove(call, file.sourceFile), false)) return;
  const name = operation.expression.getText(file.sourceFile).replace(/\s+/g, '');
  const fix = logFix(handler, name, context);
  // A project function that logs its failure before rethrowing has it on record already: decided with the project's facts.
  const operationName = calleeName(operation);
  context.report({ node: callee.name, messageId: 'swallowed', data: { operation: name }, fixes: fix ? [fix] : [], ...(operationName ? { pending: [operationName] } : {}) });
}

/** `() => {}`, `() => null`, `(e) => undefined`, `noop`: a handler that drops the failure. */
function swallows(handler: ts.Expression, context: RuleContext): boolean {
  if (ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)) {
    const parameter = handler.parameters[0];
    const errorName = parameter && ts.isIdentifier(parameter.name) ? parameter.name.text : undefined;
    if (parameter && !errorName) return false;
    const body = handler.body;
    if (!ts.isBlock(body)) return isDefaultValue(body) && !handlesFailure(body, errorName, context.settings, context.values);
    if (handlesFailure(body, errorName, context.settings, context.values)) return false;
    return body.statements.every((statement) => ts.isReturnStatement(statement) && (!statement.expression || isDefaultValue(statement.expression)));
  }
  const text = handler.getText();
  return /^(noop|_\.noop|lodash\.noop|R\.empty|Function\.prototype)$/.test(text) || isEmptyLocalFunction(handler, context);
}

function isEmptyLocalFunction(handler: ts.Expression, context: RuleContext): boolean {
  if (!ts.isIdentifier(handler)) return false;
  const origin = context.values.origin(handler);
  if (origin.base.kind !== 'function' || origin.path.length) return false;
  const body = origin.base.node.body;
  return !!body && ts.isBlock(body) && body.statements.length === 0;
}

/** The call a `.catch` guards, through `.then(…)`/`.finally(…)` links and a const holding the promise. */
function operationCall(receiver: ts.Expression, context: RuleContext): ts.CallExpression | undefined {
  let node = unwrapExpression(receiver);
  for (let hops = 0; hops < 8; hops++) {
    if (ts.isIdentifier(node)) {
      const origin = context.values.origin(node);
      if (origin.base.kind !== 'call' || origin.path.length) return undefined;
      node = origin.base.node;
      continue;
    }
    if (!ts.isCallExpression(node)) return undefined;
    const name = calleeName(node);
    const inner = receiverOf(node);
    if (inner && (name === 'then' || name === 'finally' || name === 'catch')) {
      node = unwrapExpression(inner);
      continue;
    }
    return node;
  }
  return undefined;
}

/** Writes, payments, outbound calls and message sends matter; cleanup (unlink, close, quit) does not. */
function failureMatters(call: ts.CallExpression, context: RuleContext): boolean {
  const name = calleeName(call) ?? '';
  if (knowledge.cleanupMethods.has(name)) return false;
  const url = staticText(call.arguments[0]);
  if (url !== undefined && knowledge.bestEffortUrl.test(url)) return false;
  if (isExpectedFailureCall(call, context.values) || recordsOwnFailures(call, context.settings, context.values)) return false;
  if (isHttpClientCall(call, context.values)) return true;
  // A query builder is judged by its verb: `db.update(t).set(v).where(c)` is an update.
  for (let link: ts.Expression | undefined = call; link && ts.isCallExpression(link); link = receiverOf(link)) {
    const verb = calleeName(link) ?? '';
    if (knowledge.matterMethods.has(verb) || knowledge.matterName.test(verb)) return true;
    const receiver = receiverOf(link);
    if (knowledge.queueMethods.has(verb) && receiver && knowledge.queueReceiver.test(receiver.getText())) return true;
  }
  return false;
}

/**
 * `fetch(url).then((r) => r.json()).catch(() => [])`: an HTTP GET made for the data it returns,
 * with a stand-in for when it cannot be read. A read, not an outbound write: nothing was done that
 * the stand-in pretends succeeded. A request with another method, or whose response is not used, is
 * still judged.
 */
function readsResponse(operation: ts.CallExpression, guarded: ts.Expression): boolean {
  const link = unwrapExpression(guarded);
  if (!ts.isCallExpression(link) || calleeName(link) !== 'then' || link === operation) return false;
  const name = calleeName(operation);
  if (name === 'get' || name === 'head') return true;
  if (name !== 'fetch') return false;
  const options = operation.arguments[1];
  if (!options) return true;
  const init = unwrapExpression(options);
  if (!ts.isObjectLiteralExpression(init)) return false;
  const method = init.properties.find((property) => propertyNameText(property.name) === 'method');
  if (!method) return true;
  const verb = ts.isPropertyAssignment(method) ? staticText(method.initializer) : undefined;
  return verb !== undefined && /^(get|head)$/i.test(verb);
}

/**
 * `const token = await db.token.delete(…).catch(() => null); if (!token) throw …`: the stand-in
 * value is checked right away, so the failure is turned into the caller's error, not lost.
 */
function resultIsChecked(call: ts.CallExpression): boolean {
  let node: ts.Node = call;
  while (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent)) node = node.parent;
  const declaration = node.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== node || !ts.isIdentifier(declaration.name)) return false;
  const statement = declaration.parent.parent;
  const block = statement.parent;
  if (!ts.isBlock(block) && !ts.isSourceFile(block)) return false;
  const next = block.statements[block.statements.indexOf(statement as ts.Statement) + 1];
  return !!next && ts.isIfStatement(next) && references(next.expression, declaration.name.text);
}

/** Comments above the statement holding the call and above the two statements around it (`// best effort` over an `if`). */
function commentsAbove(call: ts.CallExpression, sourceFile: ts.SourceFile): string {
  const comments: string[] = [];
  for (let node: ts.Node = call.parent; comments.length < 3 && !ts.isFunctionLike(node) && !ts.isSourceFile(node); node = node.parent) {
    if (ts.isStatement(node) && !ts.isBlock(node)) comments.push(leadingComments(node, sourceFile));
  }
  return comments.join('\n');
}

/**
 * Replaces the handler with one that logs and returns what the old one returned. It does not
 * rethrow: a `.catch` is often the end of a detached promise, where a rethrow becomes an
 * unhandled rejection that can stop the process.
 */
function logFix(handler: ts.Expression, operation: string, context: RuleContext): Fix | undefined {
  const { file, settings, values } = context;
  const isFunction = ts.isArrowFunction(handler) || ts.isFunctionExpression(handler);
  const parameter = isFunction ? handler.parameters[0] : undefined;
  const errorName = parameter && ts.isIdentifier(parameter.name) ? parameter.name.text : 'err';
  const log = logStatement(handler, errorName, operation, settings, values);
  let value: string | undefined;
  if (isFunction && !ts.isBlock(handler.body)) value = unwrapExpression(handler.body).getText(file.sourceFile);
  else if (isFunction && ts.isBlock(handler.body)) {
    const last = handler.body.statements[handler.body.statements.length - 1];
    value = last && ts.isReturnStatement(last) && last.expression ? last.expression.getText(file.sourceFile) : undefined;
  }
  const keepValue = value !== undefined && value !== 'undefined' && value !== 'void 0';
  const newText = `(${errorName}) => { ${log}${keepValue ? ` return ${value};` : ''} }`;
  return { title: rule.meta.messages.logFailure, kind: 'suggestion', edits: [{ start: handler.getStart(file.sourceFile), end: handler.getEnd(), newText }] };
}

export default rule;
