import ts = require('typescript');
import type { ProjectFacts } from '../../engine/types';
import { unwrapExpression } from '../../engine/values';
import { guardsFromProject, mountContexts, type GuardData, type RouteHandler, type RouteLocator } from '../../routes';
import { AUTHORIZATION } from './support-knowledge';

const TOKEN_INPUT = /token|otp|signature|secret|^code$/i;

/**
 * Authentication that lets nobody anonymous through: a non-optional auth guard, or a guard the
 * catalogue can't classify whose name says it checks a caller (`withPartnerProfile`, `verifyCronToken`).
 */
export function isAuthGuard(guard: GuardData): boolean {
  if (guard.optional) return false;
  return guard.kind === 'auth' || (guard.kind === 'unknown' && AUTHORIZATION.authLikeWrapper.test(guard.name));
}

/** A guard that restricts by role or permission (admin-only routes check access by role, not by owner). */
export function isRoleGuard(guard: GuardData): boolean {
  return guard.kind === 'auth' && AUTHORIZATION.roleGuard.test(guard.name);
}

/** Whether a route is declared public in `auth.publicRoutes` ("POST /signup", "/webhooks/*"). */
export function isDeclaredPublic(method: string, paths: readonly string[], publicRoutes: readonly string[]): boolean {
  return publicRoutes.some((entry) => {
    const match = /^([A-Za-z]+)\s+(\S+)$/.exec(entry.trim());
    const entryMethod = match ? match[1].toUpperCase() : undefined;
    const pattern = match ? match[2] : entry.trim();
    if (entryMethod && entryMethod !== method) return false;
    const regex = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}/?$`);
    return paths.some((path) => regex.test(path));
  });
}

/** Every full path a route is reached at: its own path behind each mount prefix of other files. */
export function fullPaths(locator: RouteLocator, path: string | undefined, facts: ProjectFacts): string[] {
  if (path === undefined) return [];
  const prefixes = mountContexts(locator, facts).map((c) => c.prefix);
  return prefixes.length > 0 ? prefixes.map((prefix) => joinPath(prefix, path)) : [path];
}

function joinPath(prefix: string, path: string): string {
  return `${prefix.replace(/\/$/, '')}/${path.replace(/^\//, '')}`.replace(/\/$/, '') || '/';
}

/** Auth put before the route by other files: a mount's middleware, a Nest global guard. */
export function projectAuthenticates(locator: RouteLocator, facts: ProjectFacts): boolean {
  return guardsFromProject(locator, facts).some(isAuthGuard);
}

/**
 * Whether the handler itself verifies who calls — it reads the principal, takes a token, checks a
 * signature or the Authorization header — or only hands the request to a tRPC/GraphQL adapter whose
 * procedures are routes of their own.
 */
export function handlerAuthenticates(route: RouteHandler): boolean {
  if (route.principal.reads.length > 0) return true;
  // Possession of a token the handler checks authenticates: invite links, email verification, unsubscribe.
  if (route.inputs.some((input) => [input.key ?? '', ...input.bindings].some((name) => TOKEN_INPUT.test(name)))) return true;
  const body = route.handler?.body?.getText() ?? '';
  // A handler that answers 401/403 checks its caller, whatever helper of another file it asks; one that
  // reads the user of an `auth`/`session` a helper returned (`auth.user.id`) acts for an authenticated caller.
  // A call named for authenticating the caller (`return authorizeEnvoyRequest(request)`) does it out of sight.
  return AUTHORIZATION.signatureCheck.test(body) || AUTHORIZATION.adapter.test(body) || AUTHORIZATION.rejectsCaller.test(body) || AUTHORIZATION.principalRead.test(body) || AUTHORIZATION.authenticatingCall.test(body);
}

/**
 * A handler that changes nothing: its body only answers (`return new Response(null, { status: 405 })`,
 * `ctx.status = 405; ctx.body = {…}`, `res.status(405).end()`, `ctx.throw(500)`).
 */
export function onlyResponds(route: RouteHandler): boolean {
  const body = route.handler?.body;
  if (!body) return false;
  if (!ts.isBlock(body)) return answers(body);
  return body.statements.length > 0 && body.statements.every((s) => (ts.isReturnStatement(s) && !!s.expression && answers(s.expression)) || (ts.isExpressionStatement(s) && answers(s.expression)));
}

/**
 * A handler that hands the whole request to one function and answers with its result
 * (`return NextResponse.json(await handleSlashCommand(req))`, `return proxyRequest(request)`): that
 * function decides who may call, out of the handler's sight (a webhook's signature, a gateway's check).
 */
export function delegatesRequest(route: RouteHandler): boolean {
  const handler = route.handler;
  const request = handler?.parameters[0]?.name;
  if (!handler?.body || !request || !ts.isIdentifier(request)) return false;
  let value: ts.Expression | undefined;
  if (!ts.isBlock(handler.body)) value = handler.body;
  else if (handler.body.statements.length === 1) {
    const [only] = handler.body.statements;
    value = ts.isReturnStatement(only) ? only.expression : ts.isExpressionStatement(only) ? only.expression : undefined;
  }
  const call = value && delegatedCall(value);
  if (!call || !ts.isIdentifier(call.expression) || call.expression.text === 'fetch') return false;
  return call.arguments.some((argument) => {
    const node = unwrapExpression(argument);
    return ts.isIdentifier(node) && node.text === request.text;
  });
}

/** The call an answer wraps: `await f(req)`, `Response.json(await f(req))`. */
function delegatedCall(expression: ts.Expression): ts.CallExpression | undefined {
  let node = unwrapExpression(expression);
  if (ts.isAwaitExpression(node)) node = unwrapExpression(node.expression);
  if (ts.isCallExpression(node) && RESPONSE.test(node.expression.getText()) && node.arguments.length >= 1) return delegatedCall(node.arguments[0]);
  return ts.isCallExpression(node) ? node : undefined;
}

const RESPONSE = /^(Next)?Response$|^(Next)?Response\.\w+$/;
const RESPONSE_MEMBERS = new Set(['status', 'body', 'type', 'message']);
const RESPONSE_CALLS = new Set(['set', 'setHeader', 'header', 'throw', 'status', 'sendStatus', 'end', 'json', 'send', 'code']);

/** An expression that only sets the answer: a Response, an assignment to `ctx.status`/`ctx.body`, a call chain of `res`/`ctx` answer methods. */
function answers(expression: ts.Expression): boolean {
  const node = unwrapExpression(expression);
  // `new Response(null, { status: 405 })`, `NextResponse.json({ error: 'x' })`: not `Response.json(await save(…))`.
  if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && RESPONSE.test(node.expression.getText())) return (node.arguments ?? []).every(isConstantAnswer);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return ts.isPropertyAccessExpression(node.left) && RESPONSE_MEMBERS.has(node.left.name.text) && isConstantAnswer(node.right);
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && RESPONSE_CALLS.has(node.expression.name.text)) {
    const receiver = unwrapExpression(node.expression.expression);
    if (!node.arguments.every(isConstantAnswer)) return false;
    return ts.isIdentifier(receiver) || answers(receiver);
  }
  return false;
}

/** Literals and object or array literals of literals, `new Error()`: an answer that carries no state. */
function isConstantAnswer(expression: ts.Expression): boolean {
  const node = unwrapExpression(expression);
  if (ts.isLiteralExpression(node) || ts.isNoSubstitutionTemplateLiteral(node) || node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword || node.kind === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isObjectLiteralExpression(node)) return node.properties.every((p) => ts.isPropertyAssignment(p) && isConstantAnswer(p.initializer));
  if (ts.isArrayLiteralExpression(node)) return node.elements.every(isConstantAnswer);
  return ts.isNewExpression(node) && /Error$/.test(node.expression.getText()) && (node.arguments ?? []).every(isConstantAnswer);
}

/** The node an authorization finding about a whole route sits on: the path literal, else its name. */
export function routeAnchor(route: RouteHandler): ts.Node {
  return route.pathNode ?? route.anchorNode;
}
