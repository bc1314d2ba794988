import ts = require('typescript');
import type { FileSettings } from '../engine/types';
import { staticText, unwrapExpression, type ValueResolver } from '../engine/values';
import { flattenArguments, guardName, guardRef } from './guards';
import { FRAMEWORKS } from './knowledge';
import { instanceOf, knowledgeOf, type Instance } from './instances';
import type { GuardRef } from './types';

/** `app.use(auth)`, `app.use('/api/*', jwt())`, `fastify.addHook('onRequest', auth)`: guards for later routes of an instance. */
interface Use {
  instance: Instance;
  call: ts.CallExpression;
  pattern?: string;
  guards: GuardRef[];
}

/** `app.use('/api', auth, router)` with a router of this file (`child`) or of another (`module`). */
export interface Mount {
  parent: Instance;
  call: ts.CallExpression;
  prefix?: string;
  guards: GuardRef[];
  child?: ts.Node;
  module?: { specifier: string; exportName: string };
}

/** A route registration call on an app or router, to be read by the framework's route builder. */
export interface RouteCall {
  instance: Instance;
  call: ts.CallExpression;
  method: string;
}

export interface Registrations {
  uses: Use[];
  mounts: Mount[];
  routeCalls: RouteCall[];
}

const ROUTER_NAME = /router|routes|controller/i;
const MAYBE_ROUTER_NAME = /api|app|plugin|module/i;
const RELATIVE = /^(\.{1,2}\/|[@~#]\/)/;

/** Every app and router call of a file: the uses, mounts and route registrations. */
export function scanRegistrations(sourceFile: ts.SourceFile, values: ValueResolver, settings: FileSettings): Registrations {
  const found: Registrations = { uses: [], mounts: [], routeCalls: [] };
  const walk = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) readCall(node, node.expression, values, settings, found);
    ts.forEachChild(node, walk);
  };
  walk(sourceFile);
  return found;
}

function readCall(call: ts.CallExpression, callee: ts.PropertyAccessExpression, values: ValueResolver, settings: FileSettings, found: Registrations): void {
  const instance = instanceOf(callee.expression, values);
  if (!instance) return;
  const method = callee.name.text;
  const known = knowledgeOf(instance.framework);
  if (method === 'route' && instance.framework === 'hono') return readUse(call, instance, values, settings, found, true);
  if (known.methods[method] !== undefined || (method === 'route' && instance.framework === 'fastify') || (method === 'openapi' && instance.framework === 'hono')) {
    found.routeCalls.push({ instance, call, method });
    return;
  }
  if (known.middleware.includes(method)) return readUse(call, instance, values, settings, found, false);
  if (instance.framework !== 'fastify') return;
  if (method === 'register') return readRegister(call, instance, values, found);
  const hook = call.arguments[0] && staticText(call.arguments[0]);
  if (FRAMEWORKS.fastify.hookMethods.includes(method) && hook && FRAMEWORKS.fastify.guardHooks.includes(hook) && call.arguments[1]) {
    found.uses.push({ instance, call, guards: flattenArguments(call.arguments.slice(1)).map((arg) => guardRef(arg, instance.level, values, settings)) });
  }
}

/** `use([path], ...middleware)`: middleware become guards, routers become mounts (Hono's `route(path, app)` too). */
function readUse(call: ts.CallExpression, instance: Instance, values: ValueResolver, settings: FileSettings, found: Registrations, onlyMounts: boolean): void {
  const [first, ...rest] = call.arguments;
  if (!first) return;
  const prefix = staticText(first);
  const args = flattenArguments(prefix === undefined ? call.arguments : rest);
  const guards: GuardRef[] = [];
  args.forEach((arg, index) => {
    const isLast = index === args.length - 1;
    const mount = mountTarget(arg, values, settings, onlyMounts || (isLast && prefix !== undefined && args.length > 1));
    if (mount) found.mounts.push({ parent: instance, call, prefix, guards: [...guards], ...mount });
    else if (!onlyMounts) guards.push(guardRef(arg, instance.level, values, settings));
  });
  if (guards.length) found.uses.push({ instance, call, pattern: prefix, guards });
}

/** `fastify.register(plugin, { prefix })`: a plugin of this file or of another. */
function readRegister(call: ts.CallExpression, instance: Instance, values: ValueResolver, found: Registrations): void {
  const [plugin, options] = call.arguments;
  if (!plugin) return;
  const prefixProperty = options && values.lookupProperty(options, ['prefix']);
  const prefix = prefixProperty?.status === 'present' ? staticText(prefixProperty.value) : undefined;
  const inline = unwrapExpression(plugin);
  if ((ts.isArrowFunction(inline) || ts.isFunctionExpression(inline)) && inline.parameters[0]) {
    found.mounts.push({ parent: instance, call, prefix, guards: [], child: inline.parameters[0] });
    return;
  }
  const module = importedModule(plugin, values);
  if (module) found.mounts.push({ parent: instance, call, prefix, guards: [], module });
}

/** A router argument of `use`: an instance of this file, `router.routes()` (Koa), or a router imported from a project file. */
function mountTarget(arg: ts.Expression, values: ValueResolver, settings: FileSettings, expectRouter: boolean): Pick<Mount, 'child' | 'module'> | undefined {
  let node = unwrapExpression(arg);
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ['routes', 'middleware'].includes(node.expression.name.text)) {
    // `errors.routes()`: only a (Koa) router has routes to hand over.
    node = node.expression.expression;
    expectRouter = true;
  }
  const local = instanceOf(node, values);
  if (local) return { child: local.key };
  const module = importedModule(node, values);
  if (!module) return undefined;
  const name = guardName(node);
  const looksLikeGuard = guardRef(node, 'route', values, settings).kind !== 'unknown';
  return ROUTER_NAME.test(name) || (!looksLikeGuard && (expectRouter || MAYBE_ROUTER_NAME.test(name))) ? { module } : undefined;
}

/** `usersRouter` imported from './routes/users', or `createUsersRouter(deps)` of such a module. */
function importedModule(expression: ts.Expression, values: ValueResolver): Mount['module'] {
  let node = unwrapExpression(expression);
  if (ts.isCallExpression(node)) node = unwrapExpression(node.expression);
  const origin = values.origin(node);
  if (origin.base.kind !== 'module' || !RELATIVE.test(origin.base.module)) return undefined;
  return { specifier: origin.base.module, exportName: origin.path[0] ?? 'default' };
}

/** Does a path-scoped `use` apply to a route path? `/api/*` and `/api` cover `/api/users`; an unknown path is covered. */
export function patternApplies(pattern: string | undefined, path: string | undefined): boolean {
  if (pattern === undefined || path === undefined) return true;
  const prefix = pattern.replace(/\/?\*$/, '');
  return prefix === '' || path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}

/**
 * Guards that run before a point of an instance: its own uses before it (Fastify hooks wherever they
 * are), and, through mounts of this file, the guards of the instances it is mounted on.
 */
export function guardsBefore(registrations: Registrations, key: ts.Node, position: number, path: string | undefined, seen = new Set<ts.Node>()): GuardRef[] {
  if (seen.has(key)) return [];
  seen.add(key);
  const inherited = registrations.mounts
    .filter((mount) => mount.child === key)
    .flatMap((mount) => [...guardsBefore(registrations, mount.parent.key, mount.call.getEnd(), joinPath(mount.prefix, path), seen), ...mount.guards]);
  const own = registrations.uses
    .filter((use) => use.instance.key === key && (use.instance.framework === 'fastify' || use.call.getEnd() < position) && patternApplies(use.pattern, path))
    .flatMap((use) => use.guards);
  return [...inherited, ...own];
}

export function joinPath(prefix: string | undefined, path: string | undefined): string | undefined {
  if (prefix === undefined) return path;
  if (path === undefined) return undefined;
  return `${prefix.replace(/\/$/, '')}/${path.replace(/^\//, '')}`.replace(/\/$/, '') || '/';
}
