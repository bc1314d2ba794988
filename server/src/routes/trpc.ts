import ts = require('typescript');
import type { FileSettings } from '../engine/types';
import { propertyNameText, unwrapExpression, type ValueResolver } from '../engine/values';
import { guardRef } from './guards';
import { readHandler, withReads, type RequestRoot, type RouteValidation } from './handler-reads';
import { resolveFunction } from './instances';
import { FRAMEWORKS } from './knowledge';
import type { Framework, GuardLevel, GuardRef, RouteHandler, RouteLocator } from './types';

const { trpc: TRPC } = FRAMEWORKS;
const PROCEDURE = new RegExp(TRPC.procedurePattern, 'i');
const PUBLIC = new RegExp(TRPC.publicPattern, 'i');
const MAX_DEPTH = 8;

/** tRPC procedures: `protectedProcedure.input(z.object(…)).mutation(({ input, ctx }) => …)` in a router object. */
export function buildTrpcRoutes(sourceFile: ts.SourceFile, values: ValueResolver, settings: FileSettings, locator: (f: Framework) => RouteLocator): RouteHandler[] {
  const routes: RouteHandler[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && TRPC.operations[node.expression.name.text] && node.arguments[0]) {
      const route = procedureRoute(node, node.expression, values, settings, locator('trpc'));
      if (route) routes.push(route);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return routes;
}

function procedureRoute(call: ts.CallExpression, callee: ts.PropertyAccessExpression, values: ValueResolver, settings: FileSettings, locator: RouteLocator): RouteHandler | undefined {
  const chain = readChain(callee.expression, values, settings, 'route', 0);
  if (!chain) return undefined;
  const handler = resolveFunction(call.arguments[0], values);
  const validation: RouteValidation = chain.input ? { input: chain.input } : {};
  const field = enclosingField(call);
  return withReads({
    framework: 'trpc',
    method: TRPC.operations[callee.name.text],
    ...(field ? { path: field.path, pathNode: field.node } : {}),
    anchorNode: field?.node ?? callee.name,
    handler,
    guards: chain.guards,
    locator,
  }, () => readHandler(handler, procedureRoots(handler), values, validation));
}

interface Chain {
  guards: GuardRef[];
  input?: string;
}

/**
 * Reads a procedure builder back to its base: `.use(mw)` adds a guard, `.input(schema)` validates;
 * a local base (`const protectedProcedure = t.procedure.use(isAuthed)`) is followed; an imported one
 * is a guard by its name unless the name says public. Undefined when the chain is not a procedure.
 */
function readChain(expression: ts.Expression, values: ValueResolver, settings: FileSettings, where: GuardLevel, depth: number): Chain | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = unwrapExpression(expression);
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    const inner = readChain(node.expression.expression, values, settings, where, depth + 1);
    if (!inner) return undefined;
    const method = node.expression.name.text;
    if (TRPC.middlewareMethods.includes(method)) inner.guards.push(...node.arguments.map((arg) => guardRef(arg, where, values, settings)));
    if (TRPC.inputMethods.includes(method)) inner.input ??= '.input';
    return inner;
  }
  if (ts.isPropertyAccessExpression(node)) return PROCEDURE.test(node.name.text) ? { guards: [] } : undefined;
  if (!ts.isIdentifier(node) || !PROCEDURE.test(node.text)) return undefined;
  const declaration = values.scopes.resolve(node);
  if (declaration?.kind === 'variable' && declaration.init) return readChain(declaration.init, values, settings, 'router', depth + 1);
  if (PUBLIC.test(node.text)) return { guards: [] };
  return { guards: [guardRef(node, 'router', values, settings)] };
}

/** `user: router({ byId: publicProcedure… })` → `user.byId`, named at the innermost key. */
function enclosingField(call: ts.CallExpression): { path: string; node: ts.Node } | undefined {
  const names: string[] = [];
  let node: ts.Node | undefined;
  for (let current: ts.Node = call; current.parent; current = current.parent) {
    if (ts.isPropertyAssignment(current.parent) && current.parent.initializer === current) {
      const name = propertyNameText(current.parent.name);
      if (name === undefined) break;
      names.unshift(name);
      node ??= current.parent.name;
    }
    // `export const createDocument = authenticatedProcedure…mutation(…)`: a procedure in its own file.
    if (!node && ts.isVariableDeclaration(current.parent) && ts.isIdentifier(current.parent.name)) return { path: current.parent.name.text, node: current.parent.name };
    if (ts.isSourceFile(current.parent) || ts.isFunctionLike(current.parent)) break;
  }
  return node ? { path: names.join('.'), node } : undefined;
}

function procedureRoots(handler: ts.FunctionLikeDeclaration | undefined): RequestRoot[] {
  const parameter = handler?.parameters[0];
  if (!parameter) return [];
  return [
    { parameter, base: ['input'], inputs: [{ path: '', source: 'input' }], principalPaths: [] },
    { parameter, base: ['ctx'], inputs: [], principalPaths: TRPC.contextPrincipalPaths },
  ];
}
