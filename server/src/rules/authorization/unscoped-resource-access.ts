import ts = require('typescript');
import type { RuleContext, RuleModule } from '../../engine/types';
import { exportedFunctions, type Entry, type RouteLocator } from '../../routes';
import { moduleKey } from '../../engine/module-key';
import { enclosingFunction } from '../../engine/values';
import { enclosingHandlerScope, handlerScopes } from '../../routes/reach';
import { isRoleGuard, projectAuthenticates } from './support';
import { checksAccess, identifierNames, idsTiedToCaller } from './support-access';
import { namesOwnerKey, requestIdCaller } from './facts-request-ids';
import { ownershipFixes } from './support-ownership-fix';
import { isPossessionToken, isScopedToPrincipal, readsRequestId, resourceAccess } from './support-resource';

const rule: RuleModule = {
  meta: {
    id: 'authorization/unscoped-resource-access',
    category: 'authorization',
    layer: 'constraints',
    description:
      'A request handler loads, updates or deletes a record by an id taken from the request (params, query, body, Nest `@Param`, Next.js route params) with a query not constrained by the current user or tenant, and no ownership or permission check in the handler.',
    why: 'Any signed-in user can read or change any other user\'s record by changing the id in the URL (IDOR, the most common API vulnerability). Authentication says who the caller is; only a scoped query or an ownership check says the record is theirs.',
    howToFix: 'Constrain the query by the principal (`where: { id, ownerId: user.id }`), or check ownership after the load and answer 404/403.',
    messages: {
      unscoped: '`{{call}}` selects a record by `{{id}}` from the request, but nothing ties it to the caller: constrain the query by the user or tenant, or check ownership before using it.',
      unscopedReached: '`{{call}}` selects a record by `{{id}}`, which a route of another file passes from the request to `{{entry}}`, and nothing ties it to the caller: take the user or tenant and constrain the query by it, or check ownership before using it.',
      scopeQuery: 'Constrain the query by the caller (`{{property}}`)',
      addGuard: 'Check ownership after the load and answer 404',
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.CallExpression],
  prefilter: /\b(find\w*|update\w*|delete\w*|upsert|destroy|softDelete|where)\(/,
  create(context) {
    // One finding per gap: a handler that updates then re-reads the same id is reported once.
    const reported = new Set<string>();
    return {
      [ts.SyntaxKind.CallExpression]: (node) => check(node as ts.CallExpression, context, reported),
    };
  },
  resolve: (pending, facts) => {
    const remote = pending as RemotePending;
    if (remote.kind === 'remote') return !!requestIdCaller(remote.file, remote.entries, remote.index, facts);
    return projectAuthenticates(pending as RouteLocator, facts);
  },
};

/** A load in a function of a service file: kept when a route of another file hands it the request's id. */
interface RemotePending {
  kind: 'remote';
  file: string;
  entries: Entry[];
  index: number;
}

function check(call: ts.CallExpression, context: RuleContext, reported: Set<string>): void {
  const { file, values, settings } = context;
  const scopes = handlerScopes(file, values, settings);
  const scope = scopes.size > 0 ? enclosingHandlerScope(call, scopes) : undefined;
  if (!scope) return checkReached(call, context);
  const access = resourceAccess(call, values);
  if (!access) return;
  const { route } = scope;
  // Admin and role-guarded routes authorize by role, not by owner.
  if (route.guards.some((g) => isRoleGuard(g))) return;
  // Routes without a user (signed webhooks, cron jobs, token links) have no caller to scope by.
  const hasUser = route.principal.reads.length > 0 || route.guards.some((g) => g.kind === 'auth' && !g.optional);
  const idSelector = access.selectors.find((s) => readsRequestId(s, route, values));
  if (!idSelector || access.selectors.some((s) => isScopedToPrincipal(s, route, values))) return;
  const id = requestValueText(idSelector, route, values);
  if (isPossessionToken(idSelector)) return;
  if (isExistenceCheck(call)) return;
  // The load may sit in a callback (`prisma.$transaction(async (tx) => …)`): checks anywhere up to the request's function count.
  const functions = enclosingFunctions(call, scopes);
  if (functions.some((fn) => checksAccess(fn, call, route, values, settings))) return;
  // An id the handler tied to its caller (a scoped query names it, or a query with a tied id: `document.findUnique({ where: { id: docId, teamId } })`)
  // is scoped for every later load, in the handler or in a helper it calls.
  if (route.handler && idsTiedToCaller(route.handler, route, values).has(id)) return;
  const gap = `${functions[functions.length - 1]?.pos}:${id}`;
  if (reported.has(gap)) return;
  reported.add(gap);
  context.report({
    node: access.anchor,
    messageId: 'unscoped',
    data: { call: access.anchor.getText().replace(/\s+/g, ''), id },
    fixes: ownershipFixes(access, scope, context, rule.meta.messages),
    // Without authentication in this file, only a project that authenticates the route has a caller to scope by.
    ...(hasUser ? {} : { pending: route.locator }),
  });
}

/**
 * A load by a parameter in a function other files call (a service method): reported when a route of
 * another file passes the request's id in that parameter, for a caller it authenticates, and neither
 * side ties the record to the caller (an owner key in the where, an ownership check here or there).
 */
function checkReached(call: ts.CallExpression, context: RuleContext): void {
  const { file, values, settings } = context;
  const access = resourceAccess(call, values);
  if (!access) return;
  const exported = exportedFunctions(file.sourceFile);
  let fn = enclosingFunction(call);
  // `prisma.$transaction(async (tx) => …)`: the callback's load belongs to the method around it.
  for (let hops = 0; fn && !exported.has(fn) && hops < 3; hops++) fn = enclosingFunction(fn);
  const entries = fn && exported.get(fn);
  if (!fn || !entries) return;
  // `domainExists(slug)`, `isTaken(id)`: an availability check answers whether the id exists, not with the record.
  if (entries.some((e) => /^(is|has)[A-Z]|Exists?$|^exists/.test(e.member ?? e.name))) return;
  const parameter = idParameter(access.selectors, fn, values);
  if (!parameter || access.selectors.some(namesOwnerKey) || isExistenceCheck(call)) return;
  if (checksAccess(fn, call, undefined, values, settings) || loadsScopedFirst(fn, call, parameter.name, values)) return;
  const entry = entries[0].member ? `${entries[0].name}.${entries[0].member}` : entries[0].name;
  const pending: RemotePending = { kind: 'remote', file: moduleKey(file.path), entries, index: parameter.index };
  context.report({
    node: access.anchor,
    messageId: 'unscopedReached',
    data: { call: access.anchor.getText().replace(/\s+/g, ''), id: parameter.name, entry },
    // Through another file the route's own checks are out of sight: one step lower.
    demote: 1,
    pending,
  });
}

/** An earlier load of the same id scoped by an owner (`findFirst({ where: { id, userUid: user.uid } })`, then `update({ where: { id } })`). */
function loadsScopedFirst(fn: ts.FunctionLikeDeclaration, call: ts.CallExpression, idName: string, values: RuleContext['values']): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || node === call) return;
    if (ts.isCallExpression(node) && node.getEnd() <= call.getStart()) {
      const other = resourceAccess(node, values);
      if (other && other.selectors.some((s) => namesOwnerKey(s) && identifierNames(s).includes(idName))) {
        found = true;
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return found;
}

/** The parameter of a function a selector uses as is (`where: { id }`, `findById(id)`, `eq(t.id, +id)`), by position. */
function idParameter(selectors: readonly ts.Expression[], fn: ts.FunctionLikeDeclaration, values: RuleContext['values']): { index: number; name: string } | undefined {
  let found: { index: number; name: string } | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) && !(ts.isPropertyAssignment(node.parent) && node.parent.name === node)) {
      const declaration = values.scopes.resolve(node);
      if (declaration?.kind === 'parameter' && declaration.path.length === 0) {
        const index = fn.parameters.indexOf(declaration.node);
        if (index >= 0) found = { index, name: node.text };
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  selectors.forEach(visit);
  return found;
}

const READS = /^find|^get|^load|^fetch/;

/**
 * A read whose result is only tested for presence (`if (project) return taken`): a slug or name
 * availability check discloses whether the id exists, not the record.
 */
function isExistenceCheck(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !READS.test(callee.name.text)) return false;
  let node: ts.Node = call;
  while (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const declaration = node.parent;
  if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return false;
  const name = declaration.name.text;
  let scope: ts.Node = declaration;
  while (scope.parent && !ts.isBlock(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  const uses: ts.Identifier[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n.text === name && n !== declaration.name && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) uses.push(n);
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return uses.length > 0 && uses.every(isPresenceTest);
}

function isPresenceTest(use: ts.Identifier): boolean {
  let node: ts.Node = use;
  while (ts.isPrefixUnaryExpression(node.parent) && node.parent.operator === ts.SyntaxKind.ExclamationToken) node = node.parent;
  const parent = node.parent;
  return (ts.isIfStatement(parent) && parent.expression === node) || (ts.isConditionalExpression(parent) && parent.condition === node) || (ts.isCallExpression(parent) && parent.expression.getText() === 'Boolean');
}

function enclosingFunctions(node: ts.Node, scopes: ReadonlyMap<ts.Node, unknown>): ts.FunctionLikeDeclaration[] {
  const functions: ts.FunctionLikeDeclaration[] = [];
  for (let current = node.parent; current; current = current.parent) {
    if (!ts.isFunctionLike(current)) continue;
    functions.push(current as ts.FunctionLikeDeclaration);
    if (scopes.has(current)) break;
  }
  return functions;
}

/** The shortest request-derived piece of a selector, for the message (`params.id`, `id`). */
function requestValueText(selector: ts.Expression, route: Parameters<typeof readsRequestId>[1], values: Parameters<typeof readsRequestId>[2]): string {
  let best: ts.Node = selector;
  const visit = (node: ts.Node): void => {
    if (ts.isExpression(node) && !ts.isObjectLiteralExpression(node) && readsRequestId(node, route, values) && node.getWidth() < best.getWidth()) best = node;
    ts.forEachChild(node, visit);
  };
  visit(selector);
  const text = best.getText().replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

export default rule;
