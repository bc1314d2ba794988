import ts = require('typescript');
import { propertyNameText, unwrapExpression, type ValueResolver } from '../../engine/values';
import { knowledge } from './support-knowledge';

/** A 5xx answer: the node that shows the status, and the whole response expression or throw. */
export interface ServerErrorResponse {
  anchor: ts.Node;
  response: ts.Node;
  /** The response goes through an object the function receives (`res`, `reply`, `ctx`, `c`) or is a `Response`: HTTP for sure. */
  selfEvident: boolean;
}

/**
 * The 5xx response a node makes, if it is one: `res.status(500)…`, `res.sendStatus(503)`,
 * `reply.code(500).send(…)`, `ctx.status = 500`, `c.json(body, 500)`, `NextResponse.json(x, { status: 500 })`,
 * `new Response(x, { status: 500 })`, a ts-rest `return { status: 500, body }`, or a thrown Nest
 * 5xx exception. A status the file can't resolve to a number is not judged.
 */
export function serverErrorResponse(node: ts.Node, values: ValueResolver): ServerErrorResponse | undefined {
  if (ts.isCallExpression(node)) return statusCall(node, values) ?? initResponse(node, node.expression, values);
  if (ts.isNewExpression(node)) return isResponseClass(node.expression) ? initResponse(node, node.expression, values) : undefined;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) return statusAssignment(node, values);
  if (ts.isReturnStatement(node) && node.expression) return tsRestResponse(node.expression, values);
  if (ts.isThrowStatement(node)) return nestException(node, values);
  return undefined;
}

/** Whether an expression is a 5xx status: a literal, a `HttpStatus.INTERNAL_SERVER_ERROR`-style constant, a const holding one. */
export function isServerErrorStatus(expression: ts.Expression | undefined, values: ValueResolver, depth = 0): boolean {
  if (!expression || depth > 3) return false;
  const node = unwrapExpression(expression);
  if (ts.isNumericLiteral(node)) return Number(node.text) >= 500 && Number(node.text) <= 599;
  if (ts.isPropertyAccessExpression(node)) return knowledge.serverErrorStatusName.test(node.name.text);
  if (ts.isIdentifier(node)) {
    const declaration = values.scopes.resolve(node);
    return declaration?.kind === 'variable' && declaration.isConst && !declaration.path.length && isServerErrorStatus(declaration.init, values, depth + 1);
  }
  return false;
}

/** `res.status(500)`, `res.sendStatus(500)`, `res.writeHead(500)`, `reply.code(500)` (then `.send`). */
function statusCall(call: ts.CallExpression, values: ValueResolver): ServerErrorResponse | undefined {
  const callee = unwrapExpression(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !isServerErrorStatus(call.arguments[0], values)) return undefined;
  const name = callee.name.text;
  const chained = outermostChain(call);
  if (name === 'code' && chained === call) return undefined;
  if (name !== 'status' && name !== 'sendStatus' && name !== 'writeHead' && name !== 'code') return undefined;
  return { anchor: call, response: chained, selfEvident: isParameterRooted(callee.expression, values) };
}

/** `c.json(body, 500)`, `NextResponse.json(x, { status: 500 })`, `new Response(x, { status: 500 })`. */
function initResponse(node: ts.CallExpression | ts.NewExpression, calleeExpression: ts.Expression, values: ValueResolver): ServerErrorResponse | undefined {
  const callee = unwrapExpression(calleeExpression);
  const isNew = ts.isNewExpression(node);
  if (!isNew && !(ts.isPropertyAccessExpression(callee) && knowledge.responseMethods.has(callee.name.text))) return undefined;
  const second = node.arguments?.[1] && unwrapExpression(node.arguments[1]);
  if (!second) return undefined;
  const response = outermostChain(node);
  if (!ts.isObjectLiteralExpression(second)) {
    if (isNew || !isServerErrorStatus(second, values)) return undefined;
    return { anchor: second, response, selfEvident: isParameterRooted((callee as ts.PropertyAccessExpression).expression, values) };
  }
  const status = statusProperty(second, values);
  if (!status) return undefined;
  const selfEvident = isNew || isResponseClass((callee as ts.PropertyAccessExpression).expression);
  return { anchor: status, response, selfEvident };
}

/** Koa: `ctx.status = 500`, `ctx.response.status = 500`. */
function statusAssignment(node: ts.BinaryExpression, values: ValueResolver): ServerErrorResponse | undefined {
  const target = unwrapExpression(node.left);
  if (!ts.isPropertyAccessExpression(target) || target.name.text !== 'status' || !isServerErrorStatus(node.right, values)) return undefined;
  return { anchor: node, response: node, selfEvident: isParameterRooted(target.expression, values) };
}

/** ts-rest: a handler returns `{ status: 500, body: … }`. */
function tsRestResponse(expression: ts.Expression, values: ValueResolver): ServerErrorResponse | undefined {
  const node = unwrapExpression(expression);
  if (!ts.isObjectLiteralExpression(node) || !node.properties.some((p) => propertyNameText(p.name) === 'body')) return undefined;
  const status = statusProperty(node, values);
  return status && { anchor: status, response: node, selfEvident: true };
}

/** `throw new InternalServerErrorException(…)`, `throw new HttpException(msg, HttpStatus.INTERNAL_SERVER_ERROR)`. */
function nestException(node: ts.ThrowStatement, values: ValueResolver): ServerErrorResponse | undefined {
  const thrown = unwrapExpression(node.expression);
  if (!ts.isNewExpression(thrown) || !ts.isIdentifier(thrown.expression)) return undefined;
  const origin = values.origin(thrown.expression);
  if (origin.base.kind !== 'module' || origin.base.module !== '@nestjs/common') return undefined;
  const name = thrown.expression.text;
  if (knowledge.nestServerExceptions.has(name)) return { anchor: thrown.expression, response: node, selfEvident: true };
  const status = thrown.arguments?.[1];
  if (name === 'HttpException' && status && isServerErrorStatus(status, values)) return { anchor: status, response: node, selfEvident: true };
  return undefined;
}

function statusProperty(object: ts.ObjectLiteralExpression, values: ValueResolver): ts.Node | undefined {
  return object.properties.find((p) => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'status' && isServerErrorStatus(p.initializer, values));
}

function isResponseClass(expression: ts.Expression): boolean {
  const node = unwrapExpression(expression);
  return ts.isIdentifier(node) && (node.text === 'Response' || node.text === 'NextResponse');
}

/** `res` in `res.status(500)` (through `ctx.response`, `reply.raw`) is a parameter of an enclosing function. */
function isParameterRooted(expression: ts.Expression, values: ValueResolver): boolean {
  let node = unwrapExpression(expression);
  while (ts.isPropertyAccessExpression(node) || ts.isCallExpression(node)) node = unwrapExpression(node.expression);
  return ts.isIdentifier(node) && values.scopes.resolve(node)?.kind === 'parameter';
}

/** The whole chain a call starts: `res.status(500)` → `res.status(500).json({ … })`. */
function outermostChain(call: ts.CallExpression | ts.NewExpression): ts.Expression {
  let current: ts.Expression = call;
  while (ts.isPropertyAccessExpression(current.parent) && ts.isCallExpression(current.parent.parent) && current.parent.parent.expression === current.parent) {
    current = current.parent.parent;
  }
  return current;
}
