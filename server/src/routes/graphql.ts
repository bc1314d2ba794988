import ts = require('typescript');
import type { FileSettings } from '../engine/types';
import { propertyNameText, unwrapExpression, type ValueResolver } from '../engine/values';
import { guardRef } from './guards';
import { readHandler, withReads, type RequestRoot } from './handler-reads';
import { resolveFunction } from './instances';
import { FRAMEWORKS } from './knowledge';
import type { Framework, GuardRef, RouteHandler, RouteLocator, RouteMethod } from './types';

const { graphql: GRAPHQL } = FRAMEWORKS;

/** Resolver maps: `{ Query: { user: (parent, args, context) => … }, Mutation: { … } }`. */
export function buildGraphqlRoutes(sourceFile: ts.SourceFile, values: ValueResolver, settings: FileSettings, locator: (f: Framework) => RouteLocator): RouteHandler[] {
  const routes: RouteHandler[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent)) {
      const operation = propertyNameText(node.name);
      const method = operation !== undefined ? GRAPHQL.operationTypes[operation] : undefined;
      const fields = method && values.objectLiteral(node.initializer);
      if (method && fields) routes.push(...fieldRoutes(operation!, method, fields, values, settings, locator('graphql')));
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return routes;
}

function fieldRoutes(operation: string, method: RouteMethod, fields: ts.ObjectLiteralExpression, values: ValueResolver, settings: FileSettings, locator: RouteLocator): RouteHandler[] {
  const routes: RouteHandler[] = [];
  for (const field of fields.properties) {
    const name = field.name && propertyNameText(field.name);
    if (!name || !field.name) continue;
    const { wrappers, handler } = ts.isMethodDeclaration(field)
      ? { wrappers: [], handler: field }
      : ts.isPropertyAssignment(field)
        ? unwrapResolver(field.initializer, values)
        : { wrappers: [], handler: undefined };
    if (!handler) continue;
    const guards: GuardRef[] = wrappers.map((w) => guardRef(w.expression, 'route', values, settings));
    const node = field.name;
    routes.push(withReads({ framework: 'graphql', method, path: `${operation}.${name}`, pathNode: node, anchorNode: node, handler, guards, locator }, () => readHandler(handler, resolverRoots(handler), values)));
  }
  return routes;
}

/** `requireAuth((parent, args, ctx) => …)`: wrappers (graphql-shield style) are guards of the field. */
function unwrapResolver(value: ts.Expression, values: ValueResolver): { wrappers: ts.CallExpression[]; handler?: ts.FunctionLikeDeclaration } {
  const wrappers: ts.CallExpression[] = [];
  let node = unwrapExpression(value);
  while (ts.isCallExpression(node) && node.arguments.length) {
    wrappers.push(node);
    node = unwrapExpression(node.arguments[node.arguments.length - 1]);
  }
  return { wrappers, handler: resolveFunction(node, values) };
}

function resolverRoots(handler: ts.FunctionLikeDeclaration): RequestRoot[] {
  const roots: RequestRoot[] = [];
  const args = handler.parameters[GRAPHQL.argsParameter];
  const context = handler.parameters[GRAPHQL.contextParameter];
  if (args) roots.push({ parameter: args, base: [], inputs: [{ path: '', source: 'args' }], principalPaths: [] });
  if (context) roots.push({ parameter: context, base: [], inputs: [], principalPaths: GRAPHQL.contextPrincipalPaths });
  return roots;
}
