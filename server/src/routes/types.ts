import type * as ts from 'typescript';

export type Framework = 'express' | 'fastify' | 'koa' | 'hono' | 'nest' | 'next-app' | 'next-pages' | 'graphql' | 'trpc';
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'ALL' | 'QUERY' | 'MUTATION';
export type GuardKind = 'auth' | 'validation' | 'other' | 'unknown';
/** Where a guard is attached: on the route, its router, the app, a Nest class or method, or globally. */
export type GuardLevel = 'route' | 'router' | 'app' | 'class' | 'method' | 'global';
export type InputSource = 'params' | 'query' | 'body' | 'headers' | 'cookies' | 'args' | 'input';

/** A guard as plain data: what facts carry between files. */
export interface GuardData {
  /** The middleware, guard, hook or wrapper as written, call arguments dropped: `auth.required`, `AuthGuard`. */
  name: string;
  kind: GuardKind;
  where: GuardLevel;
  /** Authentication that lets anonymous requests through (`auth.optional`). */
  optional?: boolean;
}

export interface GuardRef extends GuardData {
  node?: ts.Node;
}

/** One read of request data inside a handler. */
export interface InputRef {
  source: InputSource;
  /** The read: `req.params.id`, `c.req.param('id')`, `await request.json()`, a Nest `@Param('id') id` parameter. */
  node: ts.Node;
  /** The key read, when the code shows it (`id` in `req.params.id`, `@Param('id')`, `c.req.param('id')`). */
  key?: string;
  /** Local names the read is bound to (`const { id, name } = req.body` → id, name). */
  bindings: string[];
  /** The validator that covers this input, when one is seen: a schema, a pipe, a middleware, `.parse`. */
  validatedBy?: string;
  /** Nest: a DTO-typed input that is validated exactly when a global `ValidationPipe` runs (see `isValidated`). */
  needsGlobalPipe?: boolean;
}

/** How the current user is read in a handler, as nodes and as a matcher for any expression. */
export interface PrincipalAccess {
  /** Reads of the principal seen in the handler (`req.user`, `c.get('user')`, `await auth()`, a `@CurrentUser()` parameter). */
  reads: ts.Node[];
  /** Whether an expression reads the principal (`req.user.id`, `user.id` of a `@User() user`, `session.user`). */
  matches(expression: ts.Expression): boolean;
}

/**
 * Where a handler's router leaves its file, for facts of other files: the module key of the file
 * (see `moduleKey`). Plain data, so a rule may put it in a pending finding.
 */
export interface RouteLocator {
  framework: Framework;
  file: string;
}

export interface RouteHandler {
  framework: Framework;
  method: RouteMethod;
  /** The path as registered in this file (`/users/:id`), derived from the file name for Next.js, the field for GraphQL and tRPC. */
  path?: string;
  /** The path literal: where authorization findings sit. */
  pathNode?: ts.Node;
  /** The node that names the route when there is no path literal: a method decorator, an exported name, a property. */
  anchorNode: ts.Node;
  /** The handler function; undefined when it lives in another file (`router.get('/', controller.list)` with an import). */
  handler?: ts.FunctionLikeDeclaration;
  /** Guards seen in this file, in the order they run. Guards of other files: `guardsFromProject`. */
  guards: GuardRef[];
  /** Nest `@Public()`-style metadata that tells a global guard to let the route through. */
  authOptOut?: string;
  principal: PrincipalAccess;
  inputs: InputRef[];
  locator: RouteLocator;
}
