import ts = require('typescript');
import type { AnalyzedFile, FileSettings } from '../engine/types';
import { unwrapExpression, type ValueResolver } from '../engine/values';
import { bindingNames } from './chains';
import { guardRef } from './guards';
import { readHandler, withReads, type RequestRoot } from './handler-reads';
import { resolveFunction } from './instances';
import { FRAMEWORKS } from './knowledge';
import type { Framework, GuardRef, RouteHandler, RouteLocator, RouteMethod } from './types';

const { next: NEXT, principal: PRINCIPAL } = FRAMEWORKS;
const ROUTE_FILE = new RegExp(NEXT.routeFile);
const PAGES_API_FILE = new RegExp(NEXT.pagesApiFile);
const COMPARISONS = [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken];

/** A route file (`app/…/route.ts`) or an API page (`pages/api/…`): a file whose exports Next.js serves as routes. */
export function isNextRouteFile(path: string): boolean {
  const filePath = path.split('\\').join('/');
  return ROUTE_FILE.test(filePath) || PAGES_API_FILE.test(filePath);
}

/** Next.js route handlers (`app/**\/route.ts` exporting GET, POST…) and API routes (`pages/api/**`). */
export function buildNextRoutes(file: AnalyzedFile, values: ValueResolver, settings: FileSettings, locator: (f: Framework) => RouteLocator): RouteHandler[] {
  const filePath = file.path.split('\\').join('/');
  const route = ROUTE_FILE.exec(filePath);
  if (route) return appRoutes(file.sourceFile, routePath(`/${route[2] ?? ''}`), values, settings, locator('next-app'));
  const pages = PAGES_API_FILE.exec(filePath);
  if (pages) return pagesRoutes(file.sourceFile, routePath(`/api/${pages[2]}`.replace(/\/index$/, '')), values, settings, locator('next-pages'));
  return [];
}

/** `/(marketing)/api/users/[id]/` → `/api/users/[id]`: route groups are not part of the URL. */
function routePath(folders: string): string {
  const path = folders.split('/').filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith('@')).join('/');
  return `/${path}`;
}

interface Export {
  name: string;
  nameNode: ts.Node;
  value: ts.Expression | ts.FunctionDeclaration;
}

function exportsOf(sourceFile: ts.SourceFile): Export[] {
  const found: Export[] = [];
  const isExported = (node: ts.Node) => ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) && isExported(statement)) {
      const isDefault = !!ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
      found.push({ name: isDefault ? 'default' : (statement.name?.text ?? 'default'), nameNode: statement.name ?? statement, value: statement });
    } else if (ts.isVariableStatement(statement) && isExported(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.initializer) found.push({ name: declaration.name.text, nameNode: declaration.name, value: declaration.initializer });
      }
    } else if (ts.isExportAssignment(statement)) {
      found.push({ name: 'default', nameNode: statement.expression, value: statement.expression });
    } else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause) && !statement.moduleSpecifier) {
      // `export { handler as GET, handler as POST }` (NextAuth's route file).
      for (const specifier of statement.exportClause.elements) {
        found.push({ name: specifier.name.text, nameNode: specifier.name, value: specifier.propertyName ?? specifier.name });
      }
    }
  }
  return found;
}

/** `withWorkspace(withRole(async (req) => …))`: the wrappers, outermost first, and the function inside. */
function unwrapHandler(value: Export['value'], values: ValueResolver): { wrappers: ts.CallExpression[]; handler?: ts.FunctionLikeDeclaration } {
  if (ts.isFunctionDeclaration(value)) return { wrappers: [], handler: value };
  const wrappers: ts.CallExpression[] = [];
  let node = unwrapExpression(value);
  while (ts.isCallExpression(node) && node.arguments.length) {
    wrappers.push(node);
    node = unwrapExpression(node.arguments[0]);
  }
  return { wrappers, handler: resolveFunction(node, values) };
}

function appRoutes(sourceFile: ts.SourceFile, path: string, values: ValueResolver, settings: FileSettings, locator: RouteLocator): RouteHandler[] {
  return exportsOf(sourceFile)
    .filter((exported) => NEXT.methods.includes(exported.name))
    .map((exported) => handlerRoute(exported, exported.name as RouteMethod, exported.nameNode, path, values, settings, locator));
}

function handlerRoute(exported: Export, method: RouteMethod, anchorNode: ts.Node, path: string, values: ValueResolver, settings: FileSettings, locator: RouteLocator): RouteHandler {
  const { wrappers, handler } = unwrapHandler(exported.value, values);
  const roots = handler ? requestRoots(handler, locator.framework) : [];
  const suppliesPrincipal = roots.some((r) => r.isPrincipal);
  const guards: GuardRef[] = wrappers.map((wrapper) => {
    const guard = guardRef(wrapper.expression, 'route', values, settings);
    // A wrapper that hands its handler the session or user is what authenticates the request.
    return suppliesPrincipal && guard.kind === 'unknown' ? { ...guard, kind: 'auth' } : guard;
  });
  return withReads({ framework: locator.framework, method, path, anchorNode, handler, guards, locator }, () => readHandler(handler, roots, values));
}

/** A plain handler's `(request, { params })`, or a wrapper's `({ req, params, session })`. */
function requestRoots(handler: ts.FunctionLikeDeclaration, framework: Framework): RequestRoot[] {
  const [first, second] = handler.parameters;
  if (!first) return [];
  if (ts.isObjectBindingPattern(first.name)) {
    const roots: RequestRoot[] = [];
    for (const element of first.name.elements) {
      const key = ((element.propertyName ?? element.name) as ts.Identifier).text;
      if (key === 'req' || key === 'request') roots.push({ parameter: first, base: [key], inputs: NEXT.requestInputs, principalPaths: [] });
      const source = NEXT.wrapperInputs[key];
      if (source) roots.push({ parameter: first, base: [key], inputs: [{ path: '', source }], principalPaths: [] });
      if (PRINCIPAL.wrapperArguments.includes(key) && bindingNames(element.name).length) {
        roots.push({ parameter: first, base: [key], inputs: [], principalPaths: [], isPrincipal: true });
      }
    }
    return roots;
  }
  const inputs = framework === 'next-pages' ? NEXT.pagesInputs : NEXT.requestInputs;
  const roots: RequestRoot[] = [{ parameter: first, base: [], inputs, principalPaths: framework === 'next-pages' ? PRINCIPAL.requestPaths : [] }];
  if (second && framework === 'next-app') roots.push({ parameter: second, base: [], inputs: NEXT.contextInputs, principalPaths: [] });
  return roots;
}

/** `export default function handler(req, res)`: one route per method the handler checks `req.method` for, else ALL. */
function pagesRoutes(sourceFile: ts.SourceFile, path: string, values: ValueResolver, settings: FileSettings, locator: RouteLocator): RouteHandler[] {
  const exported = exportsOf(sourceFile).find((e) => e.name === 'default');
  if (!exported) return [];
  const { handler } = unwrapHandler(exported.value, values);
  const checks = handler?.body ? methodChecks(handler.body) : [];
  if (checks.length === 0) return [handlerRoute(exported, 'ALL', exported.nameNode, path, values, settings, locator)];
  return checks.map((check) => handlerRoute(exported, check.text.toUpperCase() as RouteMethod, check, path, values, settings, locator));
}

/** The method literals of `req.method === 'POST'` and `switch (req.method) { case 'POST': … }`. */
function methodChecks(body: ts.Node): ts.StringLiteralLike[] {
  const found = new Map<string, ts.StringLiteralLike>();
  const isMethodRead = (node: ts.Expression) => ts.isPropertyAccessExpression(node) && node.name.text === 'method';
  const add = (node: ts.Expression) => {
    if (ts.isStringLiteralLike(node) && NEXT.methods.includes(node.text.toUpperCase()) && !found.has(node.text.toUpperCase())) found.set(node.text.toUpperCase(), node);
  };
  const walk = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && COMPARISONS.includes(node.operatorToken.kind)) {
      if (isMethodRead(node.left)) add(node.right);
      if (isMethodRead(node.right)) add(node.left);
    }
    if (ts.isSwitchStatement(node) && isMethodRead(node.expression)) {
      for (const clause of node.caseBlock.clauses) if (ts.isCaseClause(clause)) add(clause.expression);
    }
    ts.forEachChild(node, walk);
  };
  walk(body);
  return [...found.values()];
}
