import ts = require('typescript');
import type { FileSettings } from '../../engine/types';
import { unwrapExpression, type ValueResolver } from '../../engine/values';
import { calleeName, isFailureShaped, isRecordingCall, receiverOf, references, signalsFailure } from './support';

/**
 * Whether a catch body (or a `.catch` handler's body) does something with the failure: throws,
 * records it (logger, tracker, span, metric), passes it on (`next(err)`, `reject(e)`), answers with
 * a failure status, or reads the error at all (`if (e.code === 'ENOENT') return null; throw e;`).
 */
export function handlesFailure(body: ts.Node, errorName: string | undefined, settings: FileSettings, values: ValueResolver): boolean {
  if (references(body, errorName)) return true;
  let handled = false;
  const walk = (node: ts.Node): void => {
    if (handled) return;
    if (ts.isThrowStatement(node)) handled = true;
    else if (ts.isCallExpression(node) && (isRecordingCall(node, settings, values) || signalsFailure(node))) handled = true;
    else if (ts.isNewExpression(node) && signalsFailure(node)) handled = true;
    else if (ts.isReturnStatement(node) && node.expression && isFailureShaped(node.expression)) handled = true;
    else ts.forEachChild(node, walk);
  };
  walk(body);
  return handled;
}

const DEFAULT_IDENTIFIERS = new Set(['undefined', 'NaN', 'Infinity']);

/**
 * A value that stands in for the real result: `null`, `false`, `0`, `''`, `[]`, `{}`, `{ ok: true }`,
 * a fallback variable, `new Map()`, `Promise.resolve(x)`. A failure-shaped object is not one.
 */
export function isDefaultValue(expression: ts.Expression): boolean {
  const node = unwrapExpression(expression);
  switch (node.kind) {
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.Identifier:
    case ts.SyntaxKind.ThisKeyword:
      return true;
  }
  if (ts.isPrefixUnaryExpression(node)) return ts.isNumericLiteral(unwrapExpression(node.operand));
  if (ts.isVoidExpression(node)) return true;
  if (ts.isPropertyAccessExpression(node)) return isDefaultValue(node.expression);
  if (ts.isArrayLiteralExpression(node)) return node.elements.every((element) => !ts.isSpreadElement(element) && isDefaultValue(element));
  if (ts.isObjectLiteralExpression(node)) {
    if (isFailureShaped(node)) return false;
    return node.properties.every(
      (property) => ts.isShorthandPropertyAssignment(property) || (ts.isPropertyAssignment(property) && isDefaultValue(property.initializer)),
    );
  }
  if (ts.isNewExpression(node)) return !node.arguments?.length && ts.isIdentifier(node.expression) && /^(Map|Set|WeakMap|Array|Object)$/.test(node.expression.text);
  if (ts.isCallExpression(node)) {
    const callee = node.expression.getText();
    return (callee === 'Promise.resolve' || callee === 'of') && node.arguments.every(isDefaultValue);
  }
  return DEFAULT_IDENTIFIERS.has(node.getText());
}

const RESPONSE_METHODS = new Set(['json', 'send', 'end', 'html', 'text', 'body']);

/** `res.json({ success: true })`, `c.json(data)`, `NextResponse.json({ ok: true })`: a success answer. */
export function isSuccessResponse(expression: ts.Expression): boolean {
  const node = unwrapExpression(expression);
  if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) return false;
  if (signalsFailure(node)) return false;
  const args = node.arguments ?? [];
  if (ts.isNewExpression(node)) {
    return ts.isIdentifier(node.expression) && /^(Response|NextResponse)$/.test(node.expression.text) && args.every(isDefaultValue);
  }
  const name = calleeName(node);
  if (!name || !RESPONSE_METHODS.has(name) || !receiverOf(node)) return false;
  const root = responseRoot(node);
  return !!root && /^(res|response|reply|c|ctx|context|NextResponse|Response)$/.test(root) && args.every(isDefaultValue);
}

/** The identifier a response chain starts from: `res` in `res.status(200).json(x)`. */
function responseRoot(call: ts.CallExpression): string | undefined {
  let current: ts.Expression = call.expression;
  for (;;) {
    const node = unwrapExpression(current);
    if (ts.isIdentifier(node)) return node.text;
    if (ts.isPropertyAccessExpression(node)) current = node.expression;
    else if (ts.isCallExpression(node)) current = node.expression;
    else return undefined;
  }
}

/**
 * A catch body that only hands back a stand-in: every statement is `return <default>`, a success
 * response, or `x = <default>`, and at least one returns or responds. Anything else (a call, a
 * branch, a state update) may be the handling, so the body is not judged.
 */
export function onlyReturnsDefault(block: ts.Block): boolean {
  let answers = false;
  for (const statement of block.statements) {
    if (ts.isReturnStatement(statement)) {
      if (statement.expression && !isDefaultValue(statement.expression) && !isSuccessResponse(statement.expression)) return false;
      answers = true;
    } else if (ts.isExpressionStatement(statement)) {
      const expression = unwrapExpression(statement.expression);
      if (isSuccessResponse(expression)) answers = true;
      else if (!(ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.EqualsToken && isDefaultValue(expression.right))) return false;
    } else {
      return false;
    }
  }
  return answers;
}
