import ts = require('typescript');
import type { AnalyzedFile, FileSettings } from '../engine/types';
import { unwrapExpression, type ValueResolver } from '../engine/values';
import { buildRoutes } from './build';
import type { RouteHandler } from './types';

/** How deep calls are followed from a handler into functions of the same file. */
const MAX_CALL_DEPTH = 3;

/** A function that runs for a request: a route's handler, or a function of the same file it calls. */
export interface HandlerScope {
  route: RouteHandler;
  /** The handler itself (depth 0) or the function reached from it through `depth` calls. */
  depth: number;
}

const cache = new WeakMap<ts.SourceFile, Map<ts.Node, HandlerScope>>();

/**
 * Every function of a file that runs for a request, with the route it serves: handlers, and the
 * functions and `this` methods of the same file they call (up to three calls deep). Built once per
 * syntax tree; a function reached from several routes keeps the first, nearest one.
 */
export function handlerScopes(file: AnalyzedFile, values: ValueResolver, settings: FileSettings): Map<ts.Node, HandlerScope> {
  let scopes = cache.get(file.sourceFile);
  if (scopes) return scopes;
  scopes = new Map();
  const queue: { fn: ts.FunctionLikeDeclaration; scope: HandlerScope }[] = [];
  for (const route of buildRoutes(file, values, settings)) {
    if (route.handler && !scopes.has(route.handler)) {
      const scope = { route, depth: 0 };
      scopes.set(route.handler, scope);
      queue.push({ fn: route.handler, scope });
    }
  }
  while (queue.length > 0) {
    const { fn, scope } = queue.shift()!;
    if (scope.depth >= MAX_CALL_DEPTH || !fn.body) continue;
    for (const callee of calledFunctions(fn.body, values)) {
      if (scopes.has(callee)) continue;
      const next = { route: scope.route, depth: scope.depth + 1 };
      scopes.set(callee, next);
      queue.push({ fn: callee, scope: next });
    }
  }
  cache.set(file.sourceFile, scopes);
  return scopes;
}

/** The request scope a node runs in: the nearest enclosing function (callbacks included) that serves a request. */
export function enclosingHandlerScope(node: ts.Node, scopes: Map<ts.Node, HandlerScope>): HandlerScope | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) {
      const scope = scopes.get(current);
      if (scope) return scope;
    }
  }
  return undefined;
}

/** Functions of this file a body calls: `helper(x)`, `this.load(id)`, `await service.helper()` when `service` is a local object. */
export function calledFunctions(body: ts.Node, values: ValueResolver): ts.FunctionLikeDeclaration[] {
  const found: ts.FunctionLikeDeclaration[] = [];
  const walk = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const target = localFunction(node.expression, values);
      if (target) found.push(target);
    }
    ts.forEachChild(node, walk);
  };
  walk(body);
  return found;
}

function localFunction(callee: ts.Expression, values: ValueResolver): ts.FunctionLikeDeclaration | undefined {
  const node = unwrapExpression(callee);
  if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) return classMethod(node);
  const origin = values.origin(node);
  if (origin.path.length > 0) return undefined;
  if (origin.base.kind === 'function') return origin.base.node as ts.FunctionLikeDeclaration;
  if (ts.isIdentifier(node)) {
    const declaration = values.scopes.resolve(node);
    if (declaration?.kind === 'function') return declaration.node;
  }
  return undefined;
}

/** `this.load` inside a class: the class's own method or arrow-function property named `load`. */
function classMethod(access: ts.PropertyAccessExpression): ts.FunctionLikeDeclaration | undefined {
  let owner: ts.Node | undefined = access.parent;
  while (owner && !ts.isClassLike(owner)) owner = owner.parent;
  if (!owner) return undefined;
  const name = access.name.text;
  for (const member of owner.members) {
    if (!member.name || !ts.isIdentifier(member.name) || member.name.text !== name) continue;
    if (ts.isMethodDeclaration(member) && member.body) return member;
    if (ts.isPropertyDeclaration(member) && member.initializer) {
      const init = unwrapExpression(member.initializer);
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
    }
  }
  return undefined;
}
