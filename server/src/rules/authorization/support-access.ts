import ts = require('typescript');
import type { FileSettings } from '../../engine/types';
import { calleeName, unwrapExpression, type ValueResolver } from '../../engine/values';
import type { RouteHandler } from '../../routes';
import { AUTHORIZATION } from './support-knowledge';
import { isScopedToPrincipal, readsRequestId, resourceAccess } from './support-resource';

const COMPARISONS = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);
const FORBIDDEN = /\b403\b|Forbidden|FORBIDDEN/;

/**
 * Whether a function checks that the caller may touch what it loads: an ownership or permission
 * call (`assertOwner`, `ability.can`, `auth.ownershipChecks`), a comparison of an owner field
 * (`doc.ownerId !== user.id`), a membership query scoped by the caller, or a 403 answer.
 */
export function checksAccess(fn: ts.FunctionLikeDeclaration, load: ts.CallExpression, route: RouteHandler | undefined, values: ValueResolver, settings: FileSettings): boolean {
  const body = fn.body;
  if (!body) return false;
  if (FORBIDDEN.test(body.getText())) return true;
  const access = resourceAccess(load, values);
  const loadKeys = new Set((access?.selectors ?? load.arguments).flatMap((s) => valueKeys(s, route)));
  const loadVar = loadedInto(load);
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node) && node !== load) {
      const name = calleeName(node.expression);
      if (name && (settings.ownershipChecks.includes(name) || AUTHORIZATION.ownershipCheck.test(name))) {
        found = true;
        return;
      }
      const other = resourceAccess(node, values);
      // Without a route (a service function), only checks that name an owner count.
      // A membership query counts for the records it shares a key with (`member.findFirst({ teamId, userId })`
      // covers `doc.findFirst({ id, teamId })`, not `doc.findUnique({ id })`, which may be another team's).
      if (other && route && other.selectors.some((s) => isScopedToPrincipal(s, route, values)) && coversLoad(other.selectors, loadKeys, loadVar, route)) {
        found = true;
        return;
      }
      // A helper handed both the request's id and the caller or tenant (`getBountyOrThrow({ bountyId, programId })`) loads scoped.
      if (!other && route && node.arguments.some((a) => readsRequestId(a, route, values)) && node.arguments.some((a) => isScopedToPrincipal(a, route, values))) {
        found = true;
        return;
      }
    }
    if (ts.isBinaryExpression(node) && COMPARISONS.has(node.operatorToken.kind) && (isOwnerField(node.left) || isOwnerField(node.right))) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

/** `doc.ownerId`, `project.organizationId`, `note.user_id`: a record's owner or tenant field. */
function isOwnerField(expression: ts.Expression): boolean {
  const node = unwrapExpression(expression);
  return ts.isPropertyAccessExpression(node) && AUTHORIZATION.ownerKey.test(node.name.text) && node.name.text !== 'id';
}

const tiedCache = new WeakMap<ts.Node, Set<string>>();

/**
 * The names of ids a handler ties to its caller before handing them to a helper: those a query scoped
 * by the caller names (`team.findFirst({ where: { id: teamId, users: { some: { userId } } } })` ties
 * `teamId`), then those a query names together with a tied one (`dataroom.findUnique({ where: { id:
 * dataroomId, teamId } })` ties `dataroomId`), or whose record's owner field is compared with a tied one.
 */
export function idsTiedToCaller(handler: ts.FunctionLikeDeclaration, route: RouteHandler, values: ValueResolver): Set<string> {
  let tied = tiedCache.get(handler);
  if (tied) return tied;
  tied = new Set<string>();
  tiedCache.set(handler, tied);
  if (!handler.body) return tied;
  const loads: { access: NonNullable<ReturnType<typeof resourceAccess>>; names: string[] }[] = [];
  const comparisons: ts.BinaryExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const access = resourceAccess(node, values);
      if (access) loads.push({ access, names: access.selectors.flatMap(identifierNames) });
    }
    if (ts.isBinaryExpression(node) && COMPARISONS.has(node.operatorToken.kind)) comparisons.push(node);
    ts.forEachChild(node, visit);
  };
  visit(handler.body);
  for (const load of loads) if (load.access.selectors.some((s) => isScopedToPrincipal(s, route, values))) load.names.forEach((n) => tied.add(n));
  for (let round = 0; round < 3; round++) {
    const before = tied.size;
    for (const load of loads) if (load.names.some((n) => tied.has(n))) load.names.forEach((n) => tied.add(n));
    for (const comparison of comparisons) {
      const [field, other] = isOwnerField(comparison.left) ? [comparison.left, comparison.right] : [comparison.right, comparison.left];
      const otherNode = unwrapExpression(other);
      if (!isOwnerField(field) || !identifierNames(otherNode).some((n) => tied.has(n))) continue;
      const record = unwrapExpression((unwrapExpression(field) as ts.PropertyAccessExpression).expression);
      const load = ts.isIdentifier(record) ? loads.find((l) => loadedInto(l.access.call) === record.text) : undefined;
      load?.names.forEach((n) => tied.add(n));
    }
    if (tied.size === before) break;
  }
  return tied;
}

/** A membership query covers a load when it shares a key with it (`teamId`), or names the loaded record (`projectId: invoice.workspace.id`). */
function coversLoad(selectors: readonly ts.Node[], loadKeys: ReadonlySet<string>, loadVar: string | undefined, route: RouteHandler): boolean {
  return selectors.some((s) => valueKeys(s, route).some((k) => loadKeys.has(k)) || (!!loadVar && identifierNames(s).includes(loadVar)));
}

/**
 * The keys a selector's values name, the principal left out: `{ id: req.params.teamId, userId: req.user.id }`
 * → teamId; `{ id, teamId }` → id, teamId.
 */
function valueKeys(selector: ts.Node, route: RouteHandler | undefined): string[] {
  const keys: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isShorthandPropertyAssignment(node)) {
      keys.push(node.name.text);
      return;
    }
    if (ts.isPropertyAssignment(node)) return visit(node.initializer);
    if (ts.isPropertyAccessExpression(node)) {
      if (!route?.principal.matches(node)) keys.push(node.name.text);
      return;
    }
    if (ts.isIdentifier(node)) {
      if (!route?.principal.matches(node)) keys.push(node.text);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(selector);
  return keys;
}

/** Identifier names in an expression, shorthand properties included (`{ id: dataroomId, teamId }` → dataroomId, teamId). */
export function identifierNames(node: ts.Node): string[] {
  const names: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && !(ts.isPropertyAssignment(n.parent) && n.parent.name === n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) names.push(n.text);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return names;
}

/** `const dataroom = await prisma.dataroom.findUnique(…)` → `dataroom`. */
function loadedInto(call: ts.CallExpression): string | undefined {
  let node: ts.Node = call;
  while (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent)) node = node.parent;
  return ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name) ? node.parent.name.text : undefined;
}
