import ts = require('typescript');
import type { FactCollector, ProjectFacts } from '../../engine/types';
import { buildRoutes, callTarget, entryId, mayNameProjectImport, projectImportNames, type CallTarget, type Entry, type RouteLocator } from '../../routes';
import { mayHaveRoutes } from '../../routes/build';
import { keyMatches } from '../../engine/module-key';
import { isAuthGuard, isRoleGuard, projectAuthenticates } from './support';
import { checksAccess } from './support-access';
import { isPossessionToken, isScopedToPrincipal, readsRequestId } from './support-resource';
import { AUTHORIZATION } from './support-knowledge';

/**
 * A handler that hands an id from the request to a function of another file (`this.orders.findOne(id)`,
 * `getDocument(req.params.id)`) without checking access itself: that function's load decides.
 */
export const REQUEST_ID_CALL = 'authorization/request-id-call';

export interface RequestIdCallFact {
  target: CallTarget;
  /** Positions of the arguments that carry the request's id. */
  idArgs: number[];
  /** Authenticated in its own file (a guard, a principal read); else the project's mounts decide. */
  user: boolean;
  locator: RouteLocator;
  route: string;
}

/** The text of an argument that can carry a record's id: `id`, `documentId`, `req.params.slug`, `Number(id)`, `+id`. */
const ID_LIKE = /(^|[^\w$])(id|\w*(Id|ID|Uid|UID|_id)|slug|uuid|key)\b/;

export const requestIdCallCollector: FactCollector = {
  name: 'authorization/request-id-calls',
  kinds: [ts.SyntaxKind.SourceFile],
  prefilter: /\bimport\b/,
  create(context) {
    return {
      [ts.SyntaxKind.SourceFile]: () => {
        const { file, values, settings } = context;
        if (!mayHaveRoutes(file)) return;
        const projectNames = projectImportNames(file.sourceFile);
        if (projectNames.size === 0) return;
        for (const route of buildRoutes(file, values, settings)) {
          const handler = route.handler;
          // A guard besides authentication (`TeamMemberGuard`, `GqlTeamEnvTeamGuard`) checks access to what the route touches.
          if (!handler?.body || route.guards.some((g) => isRoleGuard(g) || AUTHORIZATION.accessGuard.test(g.name) || (!isAuthGuard(g) && /guard/i.test(g.name))) || route.authOptOut) continue;
          const recorded = new Set<string>();
          const visit = (node: ts.Node): void => {
            if (ts.isCallExpression(node) && node.arguments.length > 0 && mayNameProjectImport(node.expression, projectNames)) record(node);
            ts.forEachChild(node, visit);
          };
          const record = (call: ts.CallExpression) => {
            const target = callTarget(call.expression, values, file.path);
            if (!target) return;
            // Cheap first: an argument named like an id (`id`, `docId`, `params.slug`, `+id`), then whether it is the request's.
            const idArgs = call.arguments.flatMap((arg, index) => (!ts.isSpreadElement(arg) && ID_LIKE.test(arg.getText()) && readsRequestId(arg, route, values) && !isPossessionToken(arg) ? [index] : []));
            if (idArgs.length === 0) return;
            // Handed the caller too (`getProfile(username, req.user?.id)`): the function can scope by it, and decides whether to.
            if (call.arguments.some((arg) => !ts.isSpreadElement(arg) && isScopedToPrincipal(arg, route, values))) return;
            if (checksAccess(handler, call, route, values, settings)) return;
            const user = route.principal.reads.length > 0 || route.guards.some((g) => isAuthGuard(g) && !g.optional);
            const id = `${entryId(target)} ${idArgs.join(',')}`;
            if (recorded.has(id)) return;
            recorded.add(id);
            const data: RequestIdCallFact = { target, idArgs, user, locator: route.locator, route: `${route.method} ${route.path ?? ''}`.trim() };
            context.add({ kind: REQUEST_ID_CALL, data });
          };
          visit(handler.body);
        }
      },
    };
  },
};

/** A route of another file that hands the request's id to this entry at `index`, for a caller it authenticates. */
export function requestIdCaller(fileKey: string, entries: readonly Entry[], index: number, facts: ProjectFacts): RequestIdCallFact | undefined {
  const calls = facts.all(REQUEST_ID_CALL) as RequestIdCallFact[];
  const ids = new Set(entries.map(entryId));
  return calls.find((c) => ids.has(entryId(c.target)) && keyMatches(c.target.to, fileKey) && c.idArgs.includes(index) && (c.user || projectAuthenticates(c.locator, facts)));
}

/** Whether a where names an owner or tenant key (`{ id, userId }`, `{ id, team: { members: … } }`): the caller passes the scope. */
export function namesOwnerKey(selector: ts.Node): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if ((ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) && ts.isIdentifier(node.name) && AUTHORIZATION.ownerKey.test(node.name.text)) found = true;
    else ts.forEachChild(node, visit);
  };
  visit(selector);
  return found;
}
