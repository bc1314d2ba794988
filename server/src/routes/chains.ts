import ts = require('typescript');
import { propertyNameText, unwrapExpression, type ValueResolver } from '../engine/values';

/** A member chain read off a handler parameter: `req.params.id` → the `req` parameter, ['params', 'id']. */
export interface ParameterPath {
  parameter: ts.ParameterDeclaration;
  path: string[];
  /** The local const the chain went through (`const { id } = req.params` then `id`), and the path of its initializer. */
  via?: { variable: ts.VariableDeclaration; initPath: string[] };
}

const MAX_DEPTH = 8;

/**
 * Follows a member chain to the parameter it starts from, through destructuring and local consts
 * (`const { body } = req; body.email`). Parameter types are ignored on purpose: `req: Request` is
 * the handler's request whatever its annotation says.
 */
export function parameterPath(expression: ts.Expression, values: ValueResolver, depth = 0): ParameterPath | undefined {
  if (depth > MAX_DEPTH) return undefined;
  // Reads are asked about twice (as input, as principal): one answer per node and resolver.
  let cache = PATHS.get(values);
  if (!cache) PATHS.set(values, (cache = new WeakMap()));
  if (depth === 0 && cache.has(expression)) return cache.get(expression);
  const found = computeParameterPath(expression, values, depth);
  if (depth === 0) cache.set(expression, found);
  return found;
}

const PATHS = new WeakMap<ValueResolver, WeakMap<ts.Expression, ParameterPath | undefined>>();

function computeParameterPath(expression: ts.Expression, values: ValueResolver, depth: number): ParameterPath | undefined {
  const path: string[] = [];
  let node = unwrapExpression(expression);
  while (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    const name = ts.isPropertyAccessExpression(node) ? node.name.text : propertyNameText(node.argumentExpression);
    if (name === undefined) return undefined;
    path.unshift(name);
    node = unwrapExpression(node.expression);
  }
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = values.scopes.resolve(node);
  if (declaration?.kind === 'parameter') return { parameter: declaration.node, path: [...declaration.path, ...path] };
  if (declaration?.kind === 'variable' && declaration.init && declaration.isConst) {
    const inner = parameterPath(declaration.init, values, depth + 1);
    if (!inner) return undefined;
    const initPath = [...inner.path];
    return { parameter: inner.parameter, path: [...initPath, ...declaration.path, ...path], via: { variable: declaration.node, initPath } };
  }
  return undefined;
}

/** The local const a chain starts from, when it is not a parameter (`session` in `session.user.id`). */
export function rootVariable(expression: ts.Expression, values: ValueResolver): ts.VariableDeclaration | undefined {
  let node = unwrapExpression(expression);
  while (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) node = unwrapExpression(node.expression);
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = values.scopes.resolve(node);
  return declaration?.kind === 'variable' ? declaration.node : undefined;
}

export function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((part, i) => path[i] === part);
}

/**
 * Expressions of a handler body that read a value, outermost first in a chain: for `req.params.id`
 * only the whole chain, for `req.body.items.map(f)` the receiver `req.body.items`, and every call.
 */
export function forEachRead(body: ts.Node, visit: (node: ts.Expression) => void): void {
  const walk = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) visit(node);
    else if ((ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isIdentifier(node)) && isOutermostRead(node)) visit(node);
    ts.forEachChild(node, walk);
  };
  walk(body);
}

function isOutermostRead(node: ts.Expression): boolean {
  const parent = node.parent;
  if (ts.isIdentifier(node)) {
    // Declaration names and property names are not reads.
    if ((ts.isPropertyAccessExpression(parent) && parent.name === node) || ts.isBindingElement(parent) || ts.isParameter(parent)) return false;
    if ((ts.isVariableDeclaration(parent) || ts.isFunctionDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent)) && parent.name === node) return false;
  }
  if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === node) {
    // The receiver of a method call is the data read: `req.body.items` in `req.body.items.map(f)`.
    return ts.isPropertyAccessExpression(parent) && ts.isCallExpression(parent.parent) && parent.parent.expression === parent;
  }
  return !(ts.isCallExpression(parent) && parent.expression === node);
}

/** Names a read is bound to: `const { id, name } = req.body` → id, name; `const data = await c.req.json()` → data. */
export function bindingsOf(read: ts.Node): string[] {
  let node: ts.Node = read;
  while (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (!ts.isVariableDeclaration(parent) || parent.initializer !== node) return [];
  return bindingNames(parent.name);
}

export function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isBindingElement(element) ? bindingNames(element.name) : []));
}

export function textOf(node: ts.Node): string {
  const inner = ts.isExpression(node) ? unwrapExpression(node) : node;
  return inner.getText().replace(/\s+/g, '');
}
