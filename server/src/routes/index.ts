/** The route model: per file, every request handler with its guards, principal and inputs. See docs/route-model.md. */
export { buildRoutes } from './build';
export { guardsFromProject, hasGlobalValidationPipe, isValidated, mountContexts, nestMiddlewareGuards, routeFactsCollector, ROUTE_MOUNT, NEST_GLOBAL_GUARD, NEST_GLOBAL_PIPE } from './facts';
export type { MountContext, MountFact, NestGlobalPipeFact, NestMiddlewareFact } from './facts';
export { moduleKey } from '../engine/module-key';
export type * from './types';
export { callTarget, entriesOf, entryId, exportedFunctions, mayNameProjectImport, projectImportNames, reachedFromRequest, remoteReachCollector, type CallTarget, type Entry, type RequestRoute } from './remote-reach';
