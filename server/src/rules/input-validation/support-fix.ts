import ts = require('typescript');
import type { TextEdit } from '../../engine/types';
import { propertyNameText, unwrapExpression, type ValueResolver } from '../../engine/values';
import { textOf } from '../../routes/chains';
import type { InputRef, RouteHandler } from '../../routes';
import { INPUT_SINKS } from './support-sinks';

/** Frameworks whose inputs the fix can wrap in place; Nest (DTOs), GraphQL and tRPC validate elsewhere. */
const WRAPPABLE = new Set(['express', 'fastify', 'koa', 'hono', 'next-app', 'next-pages']);

export interface SchemaFix {
  schema: string;
  edits: TextEdit[];
}

/**
 * A zod schema stub for the fields the handler reads off an input, and the read wrapped in
 * `Schema.parse(…)`: `const BodySchema = z.object({ url: z.string() })` and
 * `BodySchema.parse(req.body).url`. None when the file already uses another validator, when no field
 * is visible (a schema of unknown keys validates nothing), or when the input is not a plain read.
 */
export function zodSchemaFix(input: InputRef, route: RouteHandler, sourceFile: ts.SourceFile, values: ValueResolver): SchemaFix | undefined {
  if (!WRAPPABLE.has(route.framework) || !route.handler?.body || !ts.isExpression(input.node)) return undefined;
  const modules = importedModules(sourceFile);
  const zod = modules.get('zod');
  if (!zod && INPUT_SINKS.validatorModules.some((m) => m !== 'zod' && modules.has(m))) return undefined;
  const whole = wholeRead(input);
  if (!whole) return undefined;
  const keys = readKeys(whole, route.handler.body, values);
  if (keys.length === 0) return undefined;
  const schema = freeName(`${input.source[0].toUpperCase()}${input.source.slice(1)}Schema`, sourceFile.text);
  const z = zod ?? 'z';
  const declaration = `const ${schema} = ${z}.object({ ${keys.map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${z}.string()`).join(', ')} });\n\n`;
  const statement = topLevelStatement(route.handler);
  const imports = sourceFile.statements.filter(ts.isImportDeclaration);
  const importAt = imports.length > 0 ? imports[imports.length - 1].getEnd() : 0;
  const importText = zod ? '' : importAt > 0 ? "\nimport { z } from 'zod';" : "import { z } from 'zod';\n";
  const wrapped = outerAwait(whole);
  const edits: TextEdit[] = [];
  if (importText && importAt === statement.getStart()) edits.push({ start: importAt, end: importAt, newText: importText + declaration });
  else {
    if (importText) edits.push({ start: importAt, end: importAt, newText: importText });
    edits.push({ start: statement.getStart(), end: statement.getStart(), newText: declaration });
  }
  edits.push({ start: wrapped.getStart(), end: wrapped.getEnd(), newText: `${schema}.parse(${wrapped.getText()})` });
  return { schema, edits };
}

/** The whole request object an input reads from: `req.body` for `req.body.url`, the `await c.req.json()` call. */
function wholeRead(input: InputRef): ts.Expression | undefined {
  const node = unwrapExpression(input.node as ts.Expression);
  if (input.key === undefined) return node;
  let current: ts.Expression = node;
  while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) {
    const name = ts.isPropertyAccessExpression(current) ? current.name.text : propertyNameText(current.argumentExpression);
    if (name === input.key) return current.expression;
    current = current.expression;
  }
  return undefined;
}

/** Keys read off the whole object: `req.body.url`, `const { url, name } = req.body`, `const body = req.body; body.url`. */
function readKeys(whole: ts.Expression, body: ts.Node, values: ValueResolver): string[] {
  const keys = new Set<string>();
  const wholeText = textOf(whole);
  let holder: ts.Node = whole;
  while (ts.isAwaitExpression(holder.parent) || ts.isParenthesizedExpression(holder.parent) || ts.isAsExpression(holder.parent)) holder = holder.parent;
  const declaration = ts.isVariableDeclaration(holder.parent) && holder.parent.initializer === holder ? holder.parent : undefined;
  if (declaration && ts.isObjectBindingPattern(declaration.name)) {
    for (const element of declaration.name.elements) {
      const key = element.dotDotDotToken ? undefined : propertyNameText(element.propertyName ?? (element.name as ts.Identifier));
      if (key) keys.add(key);
    }
  }
  const alias = declaration && ts.isIdentifier(declaration.name) ? declaration : undefined;
  const walk = (node: ts.Node): void => {
    // `searchParams.get('u')` calls a method: not a field of the input.
    if (ts.isPropertyAccessExpression(node) && !(ts.isCallExpression(node.parent) && node.parent.expression === node)) {
      const base = unwrapExpression(node.expression);
      const aliased = alias && ts.isIdentifier(base) && values.scopes.resolve(base)?.node === alias;
      if (aliased || textOf(base) === wholeText) keys.add(node.name.text);
    }
    ts.forEachChild(node, walk);
  };
  walk(body);
  return [...keys].filter((key) => key !== 'length');
}

/** Local names of imports by module: `zod` → `z`. */
function importedModules(sourceFile: ts.SourceFile): Map<string, string | undefined> {
  const modules = new Map<string, string | undefined>();
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    const local = bindings && ts.isNamespaceImport(bindings) ? bindings.name.text : bindings && ts.isNamedImports(bindings) ? bindings.elements.find((e) => (e.propertyName ?? e.name).text === 'z')?.name.text : undefined;
    modules.set(statement.moduleSpecifier.text, local ?? statement.importClause?.name?.text);
  }
  return modules;
}

function freeName(name: string, text: string): string {
  let candidate = name;
  for (let i = 2; new RegExp(`\\b${candidate}\\b`).test(text); i++) candidate = `${name}${i}`;
  return candidate;
}

function topLevelStatement(node: ts.Node): ts.Node {
  let current = node;
  while (!ts.isSourceFile(current.parent)) current = current.parent;
  return current;
}

function outerAwait(node: ts.Expression): ts.Expression {
  let current: ts.Expression = node;
  while (ts.isAwaitExpression(current.parent) || ts.isParenthesizedExpression(current.parent)) current = current.parent;
  return current;
}
