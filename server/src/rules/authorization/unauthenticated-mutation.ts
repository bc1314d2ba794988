import ts = require('typescript');
import type { RuleContext, RuleModule } from '../../engine/types';
import { isDevelopmentOnly } from '../../engine/runtime';
import { buildRoutes, mountContexts, nestMiddlewareGuards, type RouteHandler, type RouteLocator } from '../../routes';
import { AUTHORIZATION } from './support-knowledge';
import { authenticatingBuilders } from './facts-auth-builders';
import { delegatesRequest, fullPaths, handlerAuthenticates, isAuthGuard, isDeclaredPublic, onlyResponds, projectAuthenticates, routeAnchor } from './support';

interface Pending {
  locator: RouteLocator;
  method: string;
  path?: string;
  /** Nest: the controller class, which `consumer.apply(Auth).forRoutes(Controller)` may name. */
  controller?: string;
  /** Guards no name classifies (`spaceProcedure`): a builder of another file may reject anonymous callers. */
  unknownGuards?: string[];
  publicRoutes: string[];
}

const rule: RuleModule = {
  meta: {
    id: 'authorization/unauthenticated-mutation',
    category: 'authorization',
    layer: 'constraints',
    description:
      'A state-changing route (POST, PUT, PATCH, DELETE, a GraphQL or tRPC mutation) with no authentication at all: nothing on the route, its router, the app before it (in any file that mounts it), Nest guards at method, class or global level, and the handler never reads the current user.',
    why: 'Anyone who finds the URL can change data: create records, trigger side effects, delete what is not theirs. Missing authentication on one route is invisible in tests that always send a token.',
    howToFix: 'Put the project\'s authentication middleware or guard on the route (or its router), or declare the route public in `.prodgap.json` (`auth.publicRoutes`) when it is meant to be open.',
    messages: {
      unauthenticated: '`{{method}} {{path}}` changes state but nothing authenticates the caller: no auth middleware or guard runs before it and the handler never reads the user. Add the project\'s auth, or declare the route public in `auth.publicRoutes`.',
    },
    fixable: false,
  },
  kinds: [ts.SyntaxKind.SourceFile],
  create(context) {
    return {
      [ts.SyntaxKind.SourceFile]: () => {
        for (const route of buildRoutes(context.file, context.values, context.settings)) checkRoute(route, context);
      },
    };
  },
  resolve(pending, facts) {
    const { locator, method, path, controller, publicRoutes, unknownGuards } = pending as Pending;
    if (projectAuthenticates(locator, facts)) return false;
    if (unknownGuards?.length) {
      const authenticating = authenticatingBuilders(facts);
      if (unknownGuards.some((name) => authenticating.has(name))) return false;
    }
    // Routes only mounted in development or test never serve production traffic.
    const mounts = mountContexts(locator, facts);
    if (mounts.length > 0 && mounts.every((m) => m.developmentOnly)) return false;
    if (locator.framework === 'nest' && nestMiddlewareGuards({ method, path, controller }, facts).some(isAuthGuard)) return false;
    return !isDeclaredPublic(method, fullPaths(locator, path, facts), publicRoutes);
  },
};

function checkRoute(route: RouteHandler, context: RuleContext): void {
  if (!AUTHORIZATION.mutatingMethods.has(route.method) || !route.handler) return;
  if (route.guards.some(isAuthGuard) || route.authOptOut || handlerAuthenticates(route) || onlyResponds(route) || delegatesRequest(route)) return;
  // Registered only in development or test; or public by an explicit opt-out in the code (`parseRequest(req, schema, { skipAuth: true })`).
  if (isDevelopmentOnly(route.anchorNode) || AUTHORIZATION.optOut.test(route.handler.body?.getText() ?? '')) return;
  const path = route.path ?? '';
  if (AUTHORIZATION.publicPath.test(path) || AUTHORIZATION.publicPath.test(context.file.relativePath) || AUTHORIZATION.publicName.test(path)) return;
  if (isDeclaredPublic(route.method, [path], context.settings.publicRoutes)) return;
  const owner = route.handler.parent;
  const controller = ts.isClassLike(owner) && owner.name ? owner.name.text : undefined;
  const unknownGuards = route.guards.filter((g) => g.kind === 'unknown' && !g.optional).map((g) => g.name);
  const pending: Pending = { locator: route.locator, method: route.method, path: route.path, ...(controller ? { controller } : {}), ...(unknownGuards.length ? { unknownGuards } : {}), publicRoutes: context.settings.publicRoutes };
  context.report({ node: routeAnchor(route), messageId: 'unauthenticated', data: { method: route.method, path: path || route.anchorNode.getText() }, pending });
}

export default rule;
