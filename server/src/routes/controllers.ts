import ts = require('typescript');
import type { FileSettings } from '../engine/types';
import { unwrapExpression, type ValueResolver } from '../engine/values';
import { requestRoots } from './call-routes';
import { readHandler, withReads } from './handler-reads';
import type { RouteHandler, RouteLocator } from './types';

const REQUEST = /^(req|request)$/;
const RESPONSE = /^(res|response)$/;

/**
 * Express controllers: functions exported from a file of their own and registered elsewhere
 * (`router.post('/account/delete', isAuthenticated, userController.postDeleteAccount)`). A function
 * exported with the `(req, res[, next])` signature is a request handler; its method and path are
 * the registering file's, so it is modelled as `ALL` with no path, and its guards come from other
 * files through the project's facts like a mounted router's.
 */
export function buildControllerRoutes(sourceFile: ts.SourceFile, values: ValueResolver, _settings: FileSettings, locator: RouteLocator): RouteHandler[] {
  const routes: RouteHandler[] = [];
  const add = (name: ts.Node, fn: ts.Expression | ts.FunctionDeclaration | undefined) => {
    const handler = fn && (ts.isFunctionDeclaration(fn) ? fn : functionOf(fn));
    if (!handler || !isHandlerSignature(handler)) return;
    const roots = requestRoots('express', handler);
    routes.push(withReads({ framework: 'express', method: 'ALL', anchorNode: name, handler, guards: [], locator }, () => readHandler(handler, roots, values)));
  };
  for (const statement of sourceFile.statements) {
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (ts.isFunctionDeclaration(statement) && exported && statement.name) add(statement.name, statement);
    else if (ts.isVariableStatement(statement) && exported) {
      for (const declaration of statement.declarationList.declarations) if (declaration.initializer) add(declaration.name, declaration.initializer);
    } else if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) && statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      // CommonJS: `exports.postLogin = async (req, res, next) => { … }`
      const target = statement.expression.left;
      if (ts.isPropertyAccessExpression(target) && /^(exports|module\.exports)$/.test(target.expression.getText())) add(target.name, statement.expression.right);
    }
  }
  return routes;
}

function functionOf(expression: ts.Expression): ts.FunctionLikeDeclaration | undefined {
  const node = unwrapExpression(expression);
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node) ? node : undefined;
}

function isHandlerSignature(fn: ts.FunctionLikeDeclaration): boolean {
  const [first, second] = fn.parameters;
  return !!first && !!second && ts.isIdentifier(first.name) && ts.isIdentifier(second.name) && REQUEST.test(first.name.text) && RESPONSE.test(second.name.text) && fn.parameters.length <= 3;
}
