import ts = require('typescript');
import { staticText, type ValueResolver } from '../../engine/values';
import type { Verdict } from './support';

/** What bounds a request object (Node's `ClientRequest`, a superagent request) after it is made. */
export interface RequestPolicy {
  /** Methods that bound it: `req.setTimeout(ms)`, `.timeout(ms)`. */
  boundingMethods: readonly string[];
  /** Events whose listener bounds it (`req.on('timeout', …)`). */
  boundingEvents: readonly string[];
  /** Events or members through which it may be bounded unseen (`req.on('socket', s => s.setTimeout(…))`). */
  opaqueEvents: readonly string[];
  /** Methods that send it; no timeout can be added after them (`.then`, `.end`). */
  sendingMethods: readonly string[];
  /** Returning it from an async function sends it (superagent requests are thenables). */
  sentWhenReturnedFromAsync: boolean;
}

const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
const ABORT_METHODS = new Set(['destroy', 'abort']);
const MAX_ALIASES = 3;

/**
 * Follows a request from the call that makes it, through its method chain and the local variable
 * that holds it, to decide whether anything bounds it. A request handed elsewhere (an argument, a
 * returned value, a field) may be bounded there: unknown.
 */
export function requestUsage(call: ts.Expression, values: ValueResolver, policy: RequestPolicy): Verdict {
  return usageFrom(call, values, policy, 0);
}

function usageFrom(start: ts.Expression, values: ValueResolver, policy: RequestPolicy, depth: number): Verdict {
  let node: ts.Expression = start;
  for (;;) {
    const parent = node.parent;
    if (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isNonNullExpression(parent)) {
      node = parent;
      continue;
    }
    if (!ts.isPropertyAccessExpression(parent) || parent.expression !== node) break;
    const method = parent.name.text;
    const call = parent.parent;
    if (!ts.isCallExpression(call) || call.expression !== parent) return policy.opaqueEvents.includes(method) ? 'unknown' : 'unbounded';
    const verdict = methodVerdict(method, call, policy);
    if (verdict) return verdict;
    node = call;
  }
  return contextVerdict(node, values, policy, depth);
}

function methodVerdict(method: string, call: ts.CallExpression, policy: RequestPolicy): Verdict | undefined {
  if (policy.boundingMethods.includes(method)) return 'bounded';
  if (LISTENER_METHODS.has(method)) {
    const event = staticText(call.arguments[0]) ?? '';
    if (policy.boundingEvents.includes(event)) return 'bounded';
    if (policy.opaqueEvents.includes(event)) return 'unknown';
  }
  if (ABORT_METHODS.has(method) && isInsideTimer(call)) return 'bounded';
  if (policy.sendingMethods.includes(method)) return 'unbounded';
  return undefined;
}

/** Where the request ends up once its chain ends. */
function contextVerdict(node: ts.Expression, values: ValueResolver, policy: RequestPolicy, depth: number): Verdict {
  const parent = node.parent;
  if (ts.isExpressionStatement(parent) || ts.isAwaitExpression(parent) || ts.isVoidExpression(parent)) return 'unbounded';
  if (ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isIdentifier(parent.name)) {
    return depth < MAX_ALIASES ? variableUsage(parent, values, policy, depth + 1) : 'unknown';
  }
  const returned = ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === node);
  if (returned && policy.sentWhenReturnedFromAsync && isInAsyncFunction(node)) return 'unbounded';
  return 'unknown';
}

/** Combines the uses of a `const req = …` in its function: one bounding use is enough. */
function variableUsage(declaration: ts.VariableDeclaration, values: ValueResolver, policy: RequestPolicy, depth: number): Verdict {
  let scope: ts.Node = declaration;
  while (!ts.isSourceFile(scope) && !ts.isFunctionLike(scope)) scope = scope.parent;
  let verdict: Verdict = 'unbounded';
  const visit = (node: ts.Node): void => {
    if (verdict === 'bounded') return;
    if (ts.isIdentifier(node) && node !== declaration.name && isReference(node)) {
      const resolved = values.scopes.resolve(node);
      if (resolved?.kind === 'variable' && resolved.node === declaration) {
        const use = usageFrom(node, values, policy, depth);
        if (use !== 'unbounded') verdict = use;
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return verdict;
}

/** An identifier that reads a variable (not a member name or a property key). */
function isReference(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === id) return false;
  return !(ts.isBindingElement(parent) && parent.propertyName === id);
}

/** `setTimeout(() => req.destroy(), ms)`: a hand-made deadline. */
function isInsideTimer(node: ts.Node): boolean {
  for (let current = node.parent, hops = 0; current && hops < 6; current = current.parent, hops++) {
    if (ts.isCallExpression(current) && ts.isIdentifier(current.expression) && current.expression.text === 'setTimeout') return true;
  }
  return false;
}

function isInAsyncFunction(node: ts.Node): boolean {
  let current: ts.Node = node;
  while (!ts.isSourceFile(current) && !ts.isFunctionLike(current)) current = current.parent;
  return ts.isFunctionLike(current) && !!ts.getModifiers(current as ts.FunctionLikeDeclaration)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}
