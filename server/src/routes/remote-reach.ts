import ts = require('typescript');
import type { FactCollector, ProjectFacts } from '../engine/types';
import { enclosingFunction, unwrapExpression, type ValueResolver } from '../engine/values';
import { importedModuleKey, keyMatches, moduleKey } from '../engine/module-key';
import { mayHaveRoutes } from './build';
import { calledFunctions, handlerScopes } from './reach';

/**
 * Request reach across files. A handler that calls a function of another file (`getOrders(userId)`
 * imported from `../services/orders`, an injected `this.orders.findAll()`) makes that function run for
 * a request, and with it the local helpers it calls. The handler's file records its calls as facts
 * (REQUEST_CALL); a rule asks `reachedFromRequest` with the entries of the function it looks at.
 * One file deep: a service's own calls into a third file are not followed (on real code the findings
 * two files away were mostly lists meant to be read whole, and recording every export's calls doubled the cost).
 */
export const REQUEST_CALL = 'routes/request-call';

/** How many calls deep, inside one file, an exported function's local helpers are followed. */
const MAX_LOCAL_DEPTH = 3;

/** A function as other files name it: an export (`getOrders`, `default`), or a member of one (`OrdersService.findAll`). */
export interface Entry {
  name: string;
  member?: string;
}

/** The function a call names in another module. */
export interface CallTarget extends Entry {
  to: { key: string } | { suffix: string };
}

/** Where the request comes in, for messages. */
export interface RequestRoute {
  method: string;
  path?: string;
  file: string;
}

export interface RequestCallFact {
  target: CallTarget;
  route: RequestRoute;
}

export const entryId = (e: Entry) => (e.member ? `${e.name}.${e.member}` : e.name);
const targetId = (t: CallTarget) => `${'key' in t.to ? t.to.key : `…${t.to.suffix}`}#${entryId(t)}`;

/**
 * Records the calls into other files that handlers make: calls are gathered in the engine's walk
 * (only callees named after a project import are resolved), facts at its end.
 */
export const remoteReachCollector: FactCollector = {
  name: 'routes/remote-reach',
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.EndOfFileToken],
  prefilter: /\bimport\b/,
  create(context) {
    const { file, values, settings } = context;
    // Only handlers' calls are recorded: a file that registers no route has none. Only unbounded-query
    // reads them, and only when the configuration asks it to follow calls (`queries.acrossFiles`).
    const projectNames = settings.queries.acrossFiles && mayHaveRoutes(file) ? projectImportNames(file.sourceFile) : new Set<string>();
    const calls = new Map<ts.Node, CallTarget[]>();
    return {
      [ts.SyntaxKind.CallExpression]: (node) => {
        const call = node as ts.CallExpression;
        if (projectNames.size === 0 || !mayNameProjectImport(call.expression, projectNames)) return;
        const inner = enclosingFunction(call);
        const target = inner && callTarget(call.expression, values, file.path);
        if (!target) return;
        const id = targetId(target);
        // A callback's calls count for the functions around it too.
        for (let fn: ts.FunctionLikeDeclaration | undefined = inner; fn; fn = enclosingFunction(fn)) {
          const list = calls.get(fn);
          if (!list) calls.set(fn, [target]);
          else if (!list.some((t) => targetId(t) === id)) list.push(target);
        }
      },
      [ts.SyntaxKind.EndOfFileToken]: () => {
        if (calls.size === 0) return;
        const scopes = handlerScopes(file, values, settings);
        const recorded = new Set<string>();
        for (const [fn, scope] of scopes) {
          const route: RequestRoute = { method: scope.route.method, ...(scope.route.path !== undefined ? { path: scope.route.path } : {}), file: file.relativePath };
          for (const target of calls.get(fn) ?? []) {
            const id = `${scope.route.method} ${scope.route.path ?? ''} ${targetId(target)}`;
            if (recorded.has(id)) continue;
            recorded.add(id);
            const data: RequestCallFact = { target, route };
            context.add({ kind: REQUEST_CALL, data });
          }
        }
      },
    };
  },
};

/** The route a function of this file serves through a handler of another file that calls one of its entries. */
export function reachedFromRequest(fileKey: string, entries: readonly Entry[], facts: ProjectFacts): RequestRoute | undefined {
  const requests = requestIndex(facts);
  for (const entry of entries) {
    const hit = (requests.get(entryId(entry)) ?? []).find((f) => keyMatches(f.target.to, fileKey));
    if (hit) return hit.route;
  }
  return undefined;
}

const indexes = new WeakMap<ProjectFacts, { version: number; requests: Map<string, RequestCallFact[]> }>();

/** Request calls by the name they target, rebuilt when the project's facts change. */
function requestIndex(facts: ProjectFacts): Map<string, RequestCallFact[]> {
  const cached = indexes.get(facts);
  if (cached && cached.version === facts.version) return cached.requests;
  const requests = new Map<string, RequestCallFact[]>();
  for (const fact of facts.all(REQUEST_CALL) as RequestCallFact[]) {
    const id = entryId(fact.target);
    const bucket = requests.get(id);
    if (bucket) bucket.push(fact);
    else requests.set(id, [fact]);
  }
  indexes.set(facts, { version: facts.version, requests });
  return requests;
}

/** Local names bound by imports of the project's own modules (not of packages). */
export function projectImportNames(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !statement.importClause) continue;
    if (!isProjectSpecifier(statement.moduleSpecifier.text)) continue;
    const clause = statement.importClause;
    if (clause.name) names.add(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
    else if (bindings) for (const element of bindings.elements) names.add(element.name.text);
  }
  return names;
}

/** A cheap test before resolving: `f()`, `ns.f()`, `svc.m()` with a project import's name, or `this.svc.m()` (an injected service). */
export function mayNameProjectImport(callee: ts.Expression, names: ReadonlySet<string>): boolean {
  const node = unwrapExpression(callee);
  if (ts.isIdentifier(node)) return names.has(node.text);
  if (!ts.isPropertyAccessExpression(node)) return false;
  const receiver = unwrapExpression(node.expression);
  if (ts.isIdentifier(receiver)) return names.has(receiver.text);
  return ts.isPropertyAccessExpression(receiver) && receiver.expression.kind === ts.SyntaxKind.ThisKeyword;
}

const moduleCache = new Map<string, CallTarget['to'] | null>();

/**
 * The module of the project an import names: a relative path, an alias (`@/services/orders`), or a
 * workspace package's file (`@acme/lib/server/orders` → `…/server/orders`). A bare package name is not the project's.
 */
function projectModule(importer: string, specifier: string): CallTarget['to'] | undefined {
  if (!isProjectSpecifier(specifier)) return undefined;
  const cacheKey = specifier.startsWith('.') ? `${importer}\n${specifier}` : specifier;
  let known = moduleCache.get(cacheKey);
  if (known === undefined) {
    if (moduleCache.size > 50_000) moduleCache.clear();
    known = resolveProjectModule(importer, specifier) ?? null;
    moduleCache.set(cacheKey, known);
  }
  return known ?? undefined;
}

function resolveProjectModule(importer: string, specifier: string): CallTarget['to'] | undefined {
  if (specifier.startsWith('.') || /^[@~#]\//.test(specifier)) return importedModuleKey(importer, specifier);
  const parts = specifier.split('/');
  return { suffix: `/${moduleKey(parts.slice(specifier.startsWith('@') ? 2 : 1).join('/'))}` };
}

/** Relative, aliased, or two folders deep into a package (`@acme/lib/server/orders`): a module of the project. */
function isProjectSpecifier(specifier: string): boolean {
  const first = specifier.charCodeAt(0);
  if (first === 46 /* . */) return true;
  let slashes = 0;
  for (let i = specifier.indexOf('/'); i !== -1; i = specifier.indexOf('/', i + 1)) slashes++;
  if (slashes === 0) return false;
  if (/^[@~#]\//.test(specifier)) return true;
  return slashes >= (first === 64 /* @ */ ? 3 : 2);
}

/**
 * The function of another project module a call names, read off the callee's origin: an imported
 * function (`getOrders`, `orders.list` on a namespace), a method of an imported object (`orders.list`),
 * or a method of a service injected by type (`this.orders.list()`, Nest's constructor injection).
 */
export function callTarget(callee: ts.Expression, values: ValueResolver, filePath: string): CallTarget | undefined {
  const node = unwrapExpression(callee);
  if (!ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node)) return undefined;
  const origin = values.origin(node);
  let module: string;
  let exportPath: string[];
  if (origin.base.kind === 'module') {
    module = origin.base.module;
    // The origin of a default import starts at the module itself: its members are `default`'s.
    exportPath = isDefaultImport(node, values) ? ['default', ...origin.path] : origin.path;
  } else if (origin.base.kind === 'typed' && origin.base.type.base.kind === 'module') {
    module = origin.base.type.base.module;
    exportPath = [...(origin.base.type.path.length > 0 ? origin.base.type.path : ['default']), ...origin.path];
  } else return undefined;
  if (exportPath.length === 0 || exportPath.length > 2) return undefined;
  const to = projectModule(filePath, module);
  return to && { to, name: exportPath[0], ...(exportPath[1] !== undefined ? { member: exportPath[1] } : {}) };
}

/** `orders()` or `orders.list()` with `import orders from './orders'`. */
function isDefaultImport(node: ts.Expression, values: ValueResolver): boolean {
  let root = node;
  while (ts.isPropertyAccessExpression(root)) root = unwrapExpression(root.expression);
  if (!ts.isIdentifier(root)) return false;
  const declaration = values.scopes.resolve(root);
  return declaration?.kind === 'import' && declaration.imported === 'default';
}

const exportedCache = new WeakMap<ts.SourceFile, Map<ts.FunctionLikeDeclaration, Entry[]>>();

/**
 * Functions other files can call, with the names they call them by: exported functions and consts,
 * methods of classes (injected services), methods of exported objects; `default` for a default export.
 */
export function exportedFunctions(sourceFile: ts.SourceFile): Map<ts.FunctionLikeDeclaration, Entry[]> {
  let found = exportedCache.get(sourceFile);
  if (found) return found;
  found = new Map();
  const add = (fn: ts.FunctionLikeDeclaration, entry: Entry) => {
    const list = found!.get(fn);
    if (list) list.push(entry);
    else found!.set(fn, [entry]);
  };
  const functionOf = (expression: ts.Expression | undefined): ts.FunctionLikeDeclaration | undefined => {
    const node = expression && unwrapExpression(expression);
    return node && (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) ? node : undefined;
  };
  const addObject = (object: ts.ObjectLiteralExpression, name: string) => {
    for (const property of object.properties) {
      if (!property.name || !ts.isIdentifier(property.name)) continue;
      if (ts.isMethodDeclaration(property)) add(property, { name, member: property.name.text });
      else if (ts.isPropertyAssignment(property)) {
        const fn = functionOf(property.initializer);
        if (fn) add(fn, { name, member: property.name.text });
      }
    }
  };
  const localFunctions = new Map<string, ts.FunctionLikeDeclaration>();
  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && statement.body) localFunctions.set(statement.name.text, statement);
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        const fn = functionOf(d.initializer);
        if (fn && ts.isIdentifier(d.name)) localFunctions.set(d.name.text, fn);
      }
    }
  }
  for (const statement of sourceFile.statements) {
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) ?? [] : [];
    const exported = modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const isDefault = modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    if (ts.isFunctionDeclaration(statement) && statement.body && exported) {
      add(statement, { name: isDefault ? 'default' : statement.name?.text ?? 'default' });
    } else if (ts.isClassDeclaration(statement) && statement.name) {
      // Injected services are found by their class name, exported or not (a re-export names it too).
      const names = [statement.name.text, ...(isDefault ? ['default'] : [])];
      for (const member of statement.members) {
        if (!member.name || !ts.isIdentifier(member.name)) continue;
        const fn = ts.isMethodDeclaration(member) && member.body ? member : ts.isPropertyDeclaration(member) ? functionOf(member.initializer) : undefined;
        if (fn) for (const name of names) add(fn, { name, member: member.name.text });
      }
    } else if (ts.isVariableStatement(statement) && exported) {
      for (const d of statement.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || !d.initializer) continue;
        const fn = functionOf(d.initializer);
        const init = unwrapExpression(d.initializer);
        if (fn) add(fn, { name: d.name.text });
        else if (ts.isObjectLiteralExpression(init)) addObject(init, d.name.text);
      }
    } else if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
      const value = unwrapExpression(statement.expression);
      const fn = functionOf(value) ?? (ts.isIdentifier(value) ? localFunctions.get(value.text) : undefined);
      if (fn) add(fn, { name: 'default' });
      else if (ts.isObjectLiteralExpression(value)) addObject(value, 'default');
    } else if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      // `export { getOrders, list as listOrders }`
      for (const element of statement.exportClause.elements) {
        const fn = localFunctions.get((element.propertyName ?? element.name).text);
        if (fn) add(fn, { name: element.name.text });
      }
    }
  }
  exportedCache.set(sourceFile, found);
  return found;
}

const entriesCache = new WeakMap<ts.SourceFile, Map<ts.FunctionLikeDeclaration, Entry[]>>();

/**
 * The entries through which other files reach a function: its own export names, or those of the
 * exported functions that call it within the file (a local helper of a service method).
 */
export function entriesOf(fn: ts.Node, sourceFile: ts.SourceFile, values: ValueResolver): Entry[] {
  return entryMap(sourceFile, values).get(fn as ts.FunctionLikeDeclaration) ?? [];
}

function entryMap(sourceFile: ts.SourceFile, values: ValueResolver): Map<ts.FunctionLikeDeclaration, Entry[]> {
  let byFunction = entriesCache.get(sourceFile);
  if (byFunction) return byFunction;
  byFunction = new Map<ts.FunctionLikeDeclaration, Entry[]>();
  for (const [entryFn, entries] of exportedFunctions(sourceFile)) {
    const queue: { fn: ts.FunctionLikeDeclaration; depth: number }[] = [{ fn: entryFn, depth: 0 }];
    const seen = new Set<ts.Node>([entryFn]);
    while (queue.length > 0) {
      const { fn: current, depth } = queue.shift()!;
      const list = byFunction.get(current) ?? [];
      for (const entry of entries) if (!list.some((e) => entryId(e) === entryId(entry))) list.push(entry);
      byFunction.set(current, list);
      if (depth >= MAX_LOCAL_DEPTH || !current.body) continue;
      for (const callee of calledFunctions(current.body, values)) {
        if (seen.has(callee)) continue;
        seen.add(callee);
        queue.push({ fn: callee, depth: depth + 1 });
      }
    }
  }
  entriesCache.set(sourceFile, byFunction);
  return byFunction;
}
