import ts = require('typescript');
import type { Fix, RuleContext, TextEdit } from '../../engine/types';
import { formatMessage } from '../../engine/messages';
import { propertyNameText } from '../../engine/values';
import { indentOf, insertProperty } from '../../fixes/edits';
import type { RouteHandler } from '../../routes';
import type { HandlerScope } from '../../routes/reach';
import { AUTHORIZATION } from './support-knowledge';
import type { ResourceAccess } from './support-resource';

/**
 * The two fixes of an unscoped access: constrain the query the way a sibling query on the same
 * model already does (`ownerId: req.user.id`), else check ownership right after the load and answer
 * 404 in the framework's idiom. Both are suggestions: they change who may see the record.
 */
export function ownershipFixes(access: ResourceAccess, scope: HandlerScope, context: RuleContext, messages: Record<string, string>): Fix[] {
  const { route } = scope;
  const sourceFile = context.file.sourceFile;
  const principalId = principalIdText(route);
  const sibling = siblingOwnerProperty(access, context);
  const fixes: Fix[] = [];
  if (access.where && sibling && principalId && sibling.value.startsWith(principalRoot(route) ?? '\0')) {
    const property = `${sibling.key}: ${sibling.value}`;
    fixes.push({ title: formatMessage(messages.scopeQuery, { property }), kind: 'suggestion', edits: [insertProperty(access.where, property, sourceFile)] });
  }
  const guard = principalId && scope.depth === 0 ? guardEdits(access, route, `${sibling?.key ?? 'userId'}`, principalId, sourceFile) : undefined;
  if (guard) fixes.push({ title: messages.addGuard, kind: 'suggestion', edits: guard });
  return fixes;
}

/** The caller's id as the handler reads it: `req.user` → `req.user.id`, `session.user.id` as is. */
function principalIdText(route: RouteHandler): string | undefined {
  const text = principalRoot(route);
  if (!text) return undefined;
  return /(\.|^)(id|userId|sub)$/.test(text) ? text : `${text}.id`;
}

/** The first plain read of the principal (`req.user`, `session.user.id`), as written. */
function principalRoot(route: RouteHandler): string | undefined {
  const read = route.principal.reads.find((r) => ts.isPropertyAccessExpression(r) || ts.isIdentifier(r));
  return read?.getText().replace(/\s+/g, '');
}

/** An owner constraint another query of this file puts on the same model: `{ key: 'ownerId', value: 'req.user.id' }`. */
function siblingOwnerProperty(access: ResourceAccess, context: RuleContext): { key: string; value: string } | undefined {
  let found: { key: string; value: string } | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    const where = ts.isCallExpression(node) && node !== access.call ? whereOnModel(node, access.model) : undefined;
    for (const property of where?.properties ?? []) {
      const key = property.name ? propertyNameText(property.name) : undefined;
      if (key && key !== 'id' && AUTHORIZATION.ownerKey.test(key) && ts.isPropertyAssignment(property)) {
        found = { key, value: property.initializer.getText().replace(/\s+/g, '') };
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(context.file.sourceFile);
  return found;
}

/** The where literal of any query on a model (`prisma.note.findMany({ where: {…} })`). */
function whereOnModel(call: ts.CallExpression, model: string): ts.ObjectLiteralExpression | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.expression.getText().replace(/\s+/g, '') !== model) return undefined;
  for (const argument of call.arguments) {
    if (!ts.isObjectLiteralExpression(argument)) continue;
    const where = argument.properties.find((p) => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'where');
    if (where && ts.isPropertyAssignment(where) && ts.isObjectLiteralExpression(where.initializer)) return where.initializer;
  }
  return undefined;
}

/** `const doc = await load(…);` → `if (!doc || doc.ownerId !== req.user.id) return res.status(404).end();` after it. */
function guardEdits(access: ResourceAccess, route: RouteHandler, ownerKey: string, principalId: string, sourceFile: ts.SourceFile): TextEdit[] | undefined {
  let node: ts.Node = access.call;
  while (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const declaration = node.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== node || !ts.isIdentifier(declaration.name)) return undefined;
  const statement = declaration.parent.parent;
  if (!ts.isVariableStatement(statement) || !ts.isBlock(statement.parent)) return undefined;
  const answer = notFoundAnswer(route, sourceFile);
  if (!answer) return undefined;
  const name = declaration.name.text;
  const indent = indentOf(statement, sourceFile);
  const guard = `\n${indent}if (!${name} || ${name}.${ownerKey} !== ${principalId}) ${answer.statement}`;
  return [{ start: statement.getEnd(), end: statement.getEnd(), newText: guard }, ...answer.imports];
}

function notFoundAnswer(route: RouteHandler, sourceFile: ts.SourceFile): { statement: string; imports: TextEdit[] } | undefined {
  const parameter = (i: number) => {
    const p = route.handler?.parameters[i];
    return p && ts.isIdentifier(p.name) ? p.name.text : undefined;
  };
  switch (route.framework) {
    case 'express':
    case 'next-pages': {
      const res = parameter(1);
      return res ? { statement: `return ${res}.status(404).end();`, imports: [] } : undefined;
    }
    case 'fastify': {
      const reply = parameter(1);
      return reply ? { statement: `return ${reply}.code(404).send();`, imports: [] } : undefined;
    }
    case 'koa': {
      const ctx = parameter(0);
      return ctx ? { statement: `return ${ctx}.throw(404);`, imports: [] } : undefined;
    }
    case 'hono': {
      const c = parameter(0);
      return c ? { statement: `return ${c}.notFound();`, imports: [] } : undefined;
    }
    case 'next-app':
      return { statement: 'return new Response(null, { status: 404 });', imports: [] };
    case 'nest': {
      const imports = nestImport(sourceFile, 'NotFoundException');
      return imports ? { statement: 'throw new NotFoundException();', imports } : undefined;
    }
    default:
      return undefined;
  }
}

/** Adds a name to the file's `@nestjs/common` import (none when it is there already). */
function nestImport(sourceFile: ts.SourceFile, name: string): TextEdit[] | undefined {
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== '@nestjs/common') continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings) || bindings.elements.length === 0) return undefined;
    if (bindings.elements.some((e) => e.name.text === name)) return [];
    const last = bindings.elements[bindings.elements.length - 1];
    return [{ start: last.getEnd(), end: last.getEnd(), newText: `, ${name}` }];
  }
  return undefined;
}
