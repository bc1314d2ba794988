import ts = require('typescript');
import type { FactCollector, FileSettings, ProjectFacts } from '../engine/types';
import { isDevelopmentOnly } from '../engine/runtime';
import { propertyNameText, unwrapExpression, type ValueResolver } from '../engine/values';
import { fileRegistrations } from './build';
import { guardRef } from './guards';
import { FRAMEWORKS } from './knowledge';
import { importedModuleKey, keyMatches, moduleKey } from '../engine/module-key';
import { isValidationPipe } from './nest';
import { guardsBefore } from './registrations';
import type { GuardData, GuardRef, InputRef, RouteLocator } from './types';

/** A router or plugin of another file mounted here, with the guards that run before it. */
export const ROUTE_MOUNT = 'routes/mount';
/** A Nest guard that runs before every route: `app.useGlobalGuards(…)` or an `APP_GUARD` provider. */
export const NEST_GLOBAL_GUARD = 'routes/nest-global-guard';
/** A Nest pipe that runs on every input: `app.useGlobalPipes(new ValidationPipe())` or an `APP_PIPE` provider. */
export const NEST_GLOBAL_PIPE = 'routes/nest-global-pipe';

export interface MountFact {
  /** The mounting file's module key. */
  from: string;
  to: { key: string } | { suffix: string };
  exportName: string;
  prefix?: string;
  guards: GuardData[];
  /** Mounted only in development or test (`if (env.ENVIRONMENT === "test") app.use(testRoutes)`). */
  developmentOnly?: true;
}

/** Nest middleware applied by a module: `consumer.apply(AuthMiddleware).forRoutes({ path: 'articles', method: RequestMethod.POST })`. */
export const NEST_MIDDLEWARE = 'routes/nest-middleware';

export type NestMiddlewareTarget = { path: string; method: string } | { controller: string };

export interface NestMiddlewareFact {
  guards: GuardData[];
  targets: NestMiddlewareTarget[];
}

export interface NestGlobalPipeFact {
  name: string;
  validates: boolean;
}

const { nest: NEST } = FRAMEWORKS;
const MARKER = /\.(use|register|route)\(|useGlobal|APP_GUARD|APP_PIPE|forRoutes/;
const MAX_MOUNT_DEPTH = 10;

const toData = ({ node: _node, ...data }: GuardRef): GuardData => data;

/** Records mounts across files and Nest's global guards and pipes, for `guardsFromProject` and `isValidated`. */
export const routeFactsCollector: FactCollector = {
  name: 'routes/mounts',
  kinds: [ts.SyntaxKind.SourceFile],
  prefilter: MARKER,
  create(context) {
    return {
      [ts.SyntaxKind.SourceFile]: () => {
        const { file, values, settings } = context;
        const from = moduleKey(file.path);
        const registrations = fileRegistrations(file, values, settings);
        for (const mount of registrations.mounts) {
          if (!mount.module) continue;
          const inherited = guardsBefore(registrations, mount.parent.key, mount.call.getEnd(), mount.prefix);
          const data: MountFact = {
            from,
            to: importedModuleKey(file.path, mount.module.specifier),
            exportName: mount.module.exportName,
            ...(mount.prefix !== undefined ? { prefix: mount.prefix } : {}),
            guards: [...inherited, ...mount.guards].map(toData),
            ...(isDevelopmentOnly(mount.call) ? { developmentOnly: true as const } : {}),
          };
          context.add({ kind: ROUTE_MOUNT, data });
        }
        if (/@nestjs\//.test(file.text)) collectNestGlobals(file.sourceFile, values, settings, context.add);
      },
    };
  },
};

function collectNestGlobals(sourceFile: ts.SourceFile, values: ValueResolver, settings: FileSettings, add: (fact: { kind: string; data: unknown }) => void): void {
  const addGuard = (expression: ts.Expression) => add({ kind: NEST_GLOBAL_GUARD, data: toData(guardRef(expression, 'global', values, settings)) });
  const addPipe = (expression: ts.Expression) => {
    const data: NestGlobalPipeFact = { name: guardRef(expression, 'global', values, settings).name, validates: isValidationPipe(expression) };
    add({ kind: NEST_GLOBAL_PIPE, data });
  };
  const walk = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      if (NEST.globalGuardMethods.includes(method)) node.arguments.forEach(addGuard);
      if (NEST.globalPipeMethods.includes(method)) node.arguments.forEach(addPipe);
      if (method === 'forRoutes') {
        const middleware = appliedMiddleware(node.expression.expression);
        if (middleware.length) {
          const data: NestMiddlewareFact = { guards: middleware.map((m) => toData(guardRef(m, 'global', values, settings))), targets: node.arguments.flatMap((a) => middlewareTarget(a, values)) };
          add({ kind: NEST_MIDDLEWARE, data });
        }
      }
    }
    if (ts.isObjectLiteralExpression(node)) {
      // `{ provide: APP_GUARD, useClass: JwtAuthGuard }`
      const provide = values.lookupProperty(node, ['provide']);
      const token = provide.status === 'present' && provide.value ? unwrapExpression(provide.value) : undefined;
      const tokenName = token && ts.isIdentifier(token) ? token.text : undefined;
      const provided = node.properties.find((p) => ts.isPropertyAssignment(p) && ['useClass', 'useExisting', 'useValue', 'useFactory'].includes(propertyNameText(p.name) ?? ''));
      if (tokenName && provided && ts.isPropertyAssignment(provided)) {
        if (NEST.guardTokens.includes(tokenName)) addGuard(provided.initializer);
        if (NEST.pipeTokens.includes(tokenName)) addPipe(provided.initializer);
      }
    }
    ts.forEachChild(node, walk);
  };
  walk(sourceFile);
}

/** `consumer.apply(A, B).exclude(…)` → A, B. */
function appliedMiddleware(receiver: ts.Expression): ts.Expression[] {
  let node = unwrapExpression(receiver);
  while (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    if (node.expression.name.text === 'apply') return [...node.arguments];
    node = unwrapExpression(node.expression.expression);
  }
  return [];
}

/** A `forRoutes` argument: a path, `{ path, method: RequestMethod.POST }`, or a controller class. */
function middlewareTarget(argument: ts.Expression, values: ValueResolver): NestMiddlewareTarget[] {
  const node = unwrapExpression(argument);
  if (ts.isStringLiteralLike(node)) return [{ path: node.text, method: 'ALL' }];
  if (ts.isIdentifier(node)) return [{ controller: node.text }];
  if (ts.isObjectLiteralExpression(node)) {
    const path = values.lookupProperty(node, ['path']);
    const method = values.lookupProperty(node, ['method']);
    const pathText = path.status === 'present' && path.value && ts.isStringLiteralLike(unwrapExpression(path.value)) ? (unwrapExpression(path.value) as ts.StringLiteral).text : undefined;
    const methodValue = method.status === 'present' && method.value ? unwrapExpression(method.value) : undefined;
    const methodText = methodValue && ts.isPropertyAccessExpression(methodValue) ? methodValue.name.text : 'ALL';
    return pathText !== undefined ? [{ path: pathText, method: methodText }] : [];
  }
  return [];
}

/** Guards of Nest middleware a module applies to a route, by its path and method or its controller. */
export function nestMiddlewareGuards(route: { method: string; path?: string; controller?: string }, facts: ProjectFacts): GuardData[] {
  const trim = (p: string) => p.replace(/^\/+|\/+$/g, '');
  const matches = (target: NestMiddlewareTarget): boolean => {
    if ('controller' in target) return target.controller === route.controller;
    if (target.method !== 'ALL' && target.method !== route.method) return false;
    const pattern = trim(target.path);
    if (pattern === '*' || pattern === '(.*)') return true;
    if (route.path === undefined) return false;
    const source = pattern.replace(/\(\.\*\)/g, '*').split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    const regex = new RegExp(`^${source}$`);
    return regex.test(trim(route.path));
  };
  return (facts.all(NEST_MIDDLEWARE) as NestMiddlewareFact[]).filter((f) => f.targets.some(matches)).flatMap((f) => f.guards);
}

/** One way a route's router is reached from an app: the path prefixes and the guards on the way, outermost first. */
export interface MountContext {
  prefix: string;
  guards: GuardData[];
  /** A mount on the way exists only in development or test. */
  developmentOnly: boolean;
}

/** Every chain of mounts, across files, that leads to a file's routers. Empty when no other file mounts it. */
export function mountContexts(locator: RouteLocator, facts: ProjectFacts): MountContext[] {
  const mounts = facts.all(ROUTE_MOUNT) as MountFact[];
  const walk = (key: string, depth: number, seen: Set<string>): MountContext[] => {
    if (depth > MAX_MOUNT_DEPTH || seen.has(key)) return [];
    const into = mounts.filter((m) => keyMatches(m.to, key) && m.from !== key);
    return into.flatMap((mount) => {
      const outer = walk(mount.from, depth + 1, new Set([...seen, key]));
      const own: MountContext = { prefix: mount.prefix ?? '', guards: mount.guards, developmentOnly: !!mount.developmentOnly };
      if (outer.length === 0) return [own];
      return outer.map((o) => ({ prefix: o.prefix + own.prefix, guards: [...o.guards, ...own.guards], developmentOnly: o.developmentOnly || own.developmentOnly }));
    });
  };
  return walk(locator.file, 0, new Set());
}

/**
 * Guards other files put before a route: those on every mount chain into its file (a guard on only
 * one of two mounts does not protect the route), and for Nest the global guards.
 */
export function guardsFromProject(locator: RouteLocator, facts: ProjectFacts): GuardData[] {
  if (locator.framework === 'nest') return facts.all(NEST_GLOBAL_GUARD) as GuardData[];
  const contexts = mountContexts(locator, facts);
  if (contexts.length === 0) return [];
  const [first, ...rest] = contexts;
  return first.guards.filter((guard) => rest.every((c) => c.guards.some((g) => g.name === guard.name)));
}

/** Whether a validator covers an input, counting a global Nest `ValidationPipe` for DTO-typed inputs. */
export function isValidated(input: InputRef, facts: ProjectFacts): boolean {
  if (input.validatedBy) return true;
  return !!input.needsGlobalPipe && hasGlobalValidationPipe(facts);
}

/** Whether the project registers a validating pipe for every Nest input (`useGlobalPipes(new ValidationPipe())`, `APP_PIPE`). */
export function hasGlobalValidationPipe(facts: ProjectFacts): boolean {
  return (facts.all(NEST_GLOBAL_PIPE) as NestGlobalPipeFact[]).some((pipe) => pipe.validates);
}
