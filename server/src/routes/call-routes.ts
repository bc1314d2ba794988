import ts = require('typescript');
import type { FileSettings } from '../engine/types';
import { staticText, unwrapExpression, type ValueResolver } from '../engine/values';
import { flattenArguments, guardRef } from './guards';
import { readHandler, withReads, VALID_TARGETS, type RequestRoot, type RouteValidation } from './handler-reads';
import { FRAMEWORKS } from './knowledge';
import { knowledgeOf, resolveFunction } from './instances';
import { guardsBefore, type Registrations, type RouteCall } from './registrations';
import type { GuardRef, InputSource, RouteHandler, RouteLocator, RouteMethod } from './types';

const HONO_PRINCIPAL_PATHS = ['var.user', 'var.session', 'var.jwtPayload', 'var.auth'];
const EXPRESS_VALIDATOR_SOURCES: Record<string, InputSource> = { body: 'body', query: 'query', param: 'params', header: 'headers', cookie: 'cookies' };

interface RouteParts {
  method: RouteMethod;
  pathNode?: ts.Expression;
  guards: ts.Expression[];
  handler?: ts.Expression;
  validation: RouteValidation;
  /** Fastify's route options: its hooks are route guards. */
  options?: ts.Expression;
}

/** Routes registered by calls on apps and routers: Express, Koa + koa-router, Hono, Fastify. */
export function buildCallRoutes(values: ValueResolver, settings: FileSettings, registrations: Registrations, locator: (f: RouteHandler['framework']) => RouteLocator): RouteHandler[] {
  const routes: RouteHandler[] = [];
  for (const routeCall of registrations.routeCalls) {
    const parts = routeParts(routeCall, values);
    if (!parts) continue;
    const { instance, call } = routeCall;
    const path = parts.pathNode && staticText(parts.pathNode);
    const routeGuards: GuardRef[] = parts.guards.map((g) => guardRef(g, 'route', values, settings));
    if (parts.options) routeGuards.push(...fastifyHookGuards(parts.options, values, settings));
    const guards = [...guardsBefore(registrations, instance.key, call.getEnd(), path), ...routeGuards];
    const validation = { ...routeValidation(routeGuards), ...parts.validation };
    const handler = parts.handler && resolveFunction(parts.handler, values);
    const roots = requestRoots(instance.framework, handler);
    routes.push(withReads({
      framework: instance.framework,
      method: parts.method,
      ...(path !== undefined ? { path } : {}),
      ...(parts.pathNode ? { pathNode: parts.pathNode } : {}),
      anchorNode: parts.pathNode ?? (call.expression as ts.PropertyAccessExpression).name,
      handler,
      guards,
      locator: locator(instance.framework),
    }, () => readHandler(handler, roots, values, validation)));
  }
  return routes;
}

function routeParts({ instance, call, method }: RouteCall, values: ValueResolver): RouteParts | undefined {
  const args = call.arguments;
  if (instance.framework === 'fastify' && method === 'route') return fastifyRouteObject(args[0], values);
  if (method === 'openapi') return honoOpenApi(args, values);
  const routeMethod = knowledgeOf(instance.framework).methods[method];
  // `app.get('trust proxy')` reads a setting; a route has a path and a handler.
  if (args.length < 2 || !routeMethod) return undefined;
  let rest = [...args];
  // koa-router's named routes: `router.get('user', '/users/:id', handler)`.
  if (instance.framework === 'koa' && rest.length > 2 && staticText(rest[1]) !== undefined) rest = rest.slice(1);
  const [pathNode, ...after] = rest;
  const handler = after[after.length - 1];
  let middleware = flattenArguments(after.slice(0, -1));
  let options: ts.Expression | undefined;
  const validation: RouteValidation = {};
  if (instance.framework === 'fastify' && middleware.length && values.objectLiteral(middleware[0])) {
    options = middleware[0];
    middleware = middleware.slice(1);
    Object.assign(validation, fastifySchemaValidation(options, values));
  }
  const inOptions = options && values.lookupProperty(options, ['handler']);
  const routeHandler = inOptions?.status === 'present' ? inOptions.value : handler;
  return { method: routeMethod, pathNode, guards: middleware, handler: routeHandler, validation, options };
}

/** `fastify.route({ method, url, schema, preHandler, handler })`. */
function fastifyRouteObject(options: ts.Expression | undefined, values: ValueResolver): RouteParts | undefined {
  if (!options || !values.objectLiteral(options)) return undefined;
  const read = (name: string) => {
    const found = values.lookupProperty(options, [name]);
    return found.status === 'present' ? found.value : undefined;
  };
  const methodText = staticText(read('method'));
  const method = (methodText?.toUpperCase() ?? 'ALL') as RouteMethod;
  return { method, pathNode: read('url') ?? read('path'), guards: [], handler: read('handler'), validation: fastifySchemaValidation(options, values), options };
}

/** `app.openapi(createRoute({ method, path, request }), handler)`: the route's request schemas validate what `c.req.valid` returns. */
function honoOpenApi(args: readonly ts.Expression[], values: ValueResolver): RouteParts | undefined {
  const [route, handler] = args;
  if (!route || !handler) return undefined;
  let config: ts.Expression = unwrapExpression(route);
  if (ts.isIdentifier(config)) {
    const declaration = values.scopes.resolve(config);
    if (declaration?.kind === 'variable' && declaration.init) config = unwrapExpression(declaration.init);
  }
  if (ts.isCallExpression(config) && config.arguments[0]) config = config.arguments[0];
  const read = (name: string) => {
    const found = values.lookupProperty(config, [name]);
    return found.status === 'present' ? found.value : undefined;
  };
  const method = (staticText(read('method'))?.toUpperCase() ?? 'ALL') as RouteMethod;
  const middleware = read('middleware');
  const guards = middleware ? flattenArguments([middleware]) : [];
  return { method, pathNode: read('path'), guards, handler, validation: {} };
}

/** Fastify's `schema.body/querystring/params/headers` validate those inputs before the handler runs. */
function fastifySchemaValidation(options: ts.Expression, values: ValueResolver): RouteValidation {
  const schema = values.lookupProperty(options, ['schema']);
  if (schema.status !== 'present' || !schema.value) return {};
  const validation: RouteValidation = {};
  for (const [key, source] of Object.entries(FRAMEWORKS.fastify.schemaSources)) {
    if (values.lookupProperty(schema.value, [key]).status === 'present') validation[source] = `schema.${key}`;
  }
  return validation;
}

function fastifyHookGuards(options: ts.Expression, values: ValueResolver, settings: FileSettings): GuardRef[] {
  return FRAMEWORKS.fastify.guardHooks.flatMap((hook) => {
    const found = values.lookupProperty(options, [hook]);
    return found.status === 'present' && found.value ? flattenArguments([found.value]).map((g) => guardRef(g, 'route', values, settings)) : [];
  });
}

/** Validation middleware of a route and the inputs it covers: `zValidator('json', s)` the body, `body('email')` the body, else all. */
function routeValidation(guards: readonly GuardRef[]): RouteValidation {
  const validation: RouteValidation = {};
  for (const guard of guards) {
    if (guard.kind !== 'validation') continue;
    const node = guard.node && unwrapExpression(guard.node as ts.Expression);
    const target = node && ts.isCallExpression(node) && node.arguments[0] ? staticText(node.arguments[0]) : undefined;
    const base = guard.name.split('.')[0];
    const source = (target && VALID_TARGETS[target]) || EXPRESS_VALIDATOR_SOURCES[base];
    validation[source ?? '*'] ??= guard.name;
  }
  return validation;
}

export function requestRoots(framework: RouteCall['instance']['framework'], handler: ts.FunctionLikeDeclaration | undefined): RequestRoot[] {
  const parameter = handler?.parameters[0];
  if (!parameter) return [];
  const principalPaths = framework === 'hono' ? [...FRAMEWORKS.principal.requestPaths, ...HONO_PRINCIPAL_PATHS] : FRAMEWORKS.principal.requestPaths;
  return [{ parameter, base: [], inputs: knowledgeOf(framework).inputs, principalPaths, principalGetters: framework === 'hono' ? ['get'] : undefined }];
}
