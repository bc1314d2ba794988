import type ts from 'typescript';
import type { AnalyzedFile, FileSettings } from '../engine/types';
import type { ValueResolver } from '../engine/values';
import { buildCallRoutes } from './call-routes';
import { buildControllerRoutes } from './controllers';
import { buildGraphqlRoutes } from './graphql';
import { moduleKey } from '../engine/module-key';
import { buildNestRoutes } from './nest';
import { buildNextRoutes, isNextRouteFile } from './next';
import { scanRegistrations, type Registrations } from './registrations';
import { buildTrpcRoutes } from './trpc';
import type { Framework, RouteHandler, RouteLocator } from './types';

/** Cheap tests on a file's text: a framework whose marker is absent can't register a route there. */
const CALL_FRAMEWORK_MARKER = /\b(express|koa|hono|fastify|FastifyInstance)\b|\.register\(/;
const NEST_MARKER = /@nestjs\//;
// Case spelled out: a case-insensitive alternation scans several times slower.
const GRAPHQL_MARKER = /\b([rR]esolvers?|[gG]raph[qQ][lL]|GRAPHQL|gql|[aA]pollo|[mM]ercurius|[yY]oga)\b/;
const CONTROLLER_MARKER = /\(\s*(req|request)\b[^)]*,\s*(res|response)\b/;
const TRPC_MARKER = /[pP]rocedure|PROCEDURE/;

interface FileRoutes {
  registrations: Registrations;
  routes?: RouteHandler[];
}

// Per syntax tree: rules and the fact collector of one walk share one build.
const cache = new WeakMap<ts.SourceFile, FileRoutes>();

function entry(file: AnalyzedFile, values: ValueResolver, settings: FileSettings): FileRoutes {
  let found = cache.get(file.sourceFile);
  if (!found) {
    const registrations = CALL_FRAMEWORK_MARKER.test(file.text)
      ? scanRegistrations(file.sourceFile, values, settings)
      : { uses: [], mounts: [], routeCalls: [] };
    found = { registrations };
    cache.set(file.sourceFile, found);
  }
  return found;
}

/** The app and router calls of a file (uses, mounts, route registrations), for the fact collector. */
export function fileRegistrations(file: AnalyzedFile, values: ValueResolver, settings: FileSettings): Registrations {
  return entry(file, values, settings).registrations;
}

/** A cheap test on a file: whether it can register a route at all (a framework marker, a Next.js route file). */
export function mayHaveRoutes(file: AnalyzedFile): boolean {
  let known = routeMarkers.get(file.sourceFile);
  if (known === undefined) {
    const text = file.text;
    known = isNextRouteFile(file.path) || CALL_FRAMEWORK_MARKER.test(text) || NEST_MARKER.test(text) || TRPC_MARKER.test(text) || CONTROLLER_MARKER.test(text) || GRAPHQL_MARKER.test(text);
    routeMarkers.set(file.sourceFile, known);
  }
  return known;
}

const routeMarkers = new WeakMap<ts.SourceFile, boolean>();

/** Every route handler a file registers, in any supported framework. Built once per file and walk. */
export function buildRoutes(file: AnalyzedFile, values: ValueResolver, settings: FileSettings): RouteHandler[] {
  const found = entry(file, values, settings);
  if (found.routes) return found.routes;
  const key = moduleKey(file.path);
  const locator = (framework: Framework): RouteLocator => ({ framework, file: key });
  const routes = [
    ...buildCallRoutes(values, settings, found.registrations, locator),
    ...buildNextRoutes(file, values, settings, locator),
    ...(NEST_MARKER.test(file.text) ? buildNestRoutes(file.sourceFile, values, settings, locator) : []),
    ...(GRAPHQL_MARKER.test(file.text) ? buildGraphqlRoutes(file.sourceFile, values, settings, locator) : []),
    ...(TRPC_MARKER.test(file.text) ? buildTrpcRoutes(file.sourceFile, values, settings, locator) : []),
  ];
  // A file that registers no route may hold the controllers another file registers.
  if (routes.length === 0 && CONTROLLER_MARKER.test(file.text)) routes.push(...buildControllerRoutes(file.sourceFile, values, settings, locator('express')));
  found.routes = routes;
  return routes;
}
