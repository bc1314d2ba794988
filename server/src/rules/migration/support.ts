import ts = require('typescript');
import type { TextEdit } from '../../engine/types';
import { propertyNameText, unwrapExpression, type ValueResolver } from '../../engine/values';
import { indentOf } from '../../fixes/edits';

/** Files worth a look: the rules run only where one of these words appears. */
export const MIGRATION_PREFILTER = /[Mm]igrat|queryRunner|queryInterface|[Kk]nex|[Kk]ysely|runSql|addSql|exports\.up/;

export type MigrationTool = 'knex' | 'typeorm' | 'mikro-orm' | 'sequelize' | 'db-migrate' | 'unknown';

/** One migration: its `up` and `down`, and whether `up` runs in a transaction. */
export interface Migration {
  tool: MigrationTool;
  up: ts.FunctionLikeDeclaration;
  /** The node a missing `down` is reported on: `up`'s name. */
  upName: ts.Node;
  down?: ts.FunctionLikeDeclaration;
  downName?: ts.Node;
  /** true or false when the file shows it; undefined when it can't tell. */
  transactional: boolean | undefined;
  /** The edit that turns this migration's transaction off, when the tool allows it per migration. */
  disableTransaction?: TextEdit;
}

const MIGRATION_FOLDER = /(^|[\\/])[^\\/]*migrat[^\\/]*[\\/]/i;
const cache = new WeakMap<ts.SourceFile, Migration[]>();

/** The migrations a file defines: TypeORM and MikroORM classes, and modules exporting `up` (knex, Sequelize, db-migrate). */
export function migrationsOf(sourceFile: ts.SourceFile, values: ValueResolver): Migration[] {
  let found = cache.get(sourceFile);
  if (!found) {
    found = [...classMigrations(sourceFile), ...moduleMigrations(sourceFile, values)];
    cache.set(sourceFile, found);
  }
  return found;
}

/** The migration and role (`up`/`down`) of the function a node sits in, if any. */
export function enclosingMigration(node: ts.Node, values: ValueResolver): { migration: Migration; role: 'up' | 'down' } | undefined {
  const migrations = migrationsOf(node.getSourceFile(), values);
  if (!migrations.length) return undefined;
  for (let current = node.parent; current; current = current.parent) {
    for (const migration of migrations) {
      if (migration.up === current) return { migration, role: 'up' };
      if (migration.down === current) return { migration, role: 'down' };
    }
  }
  return undefined;
}

function classMigrations(sourceFile: ts.SourceFile): Migration[] {
  const out: Migration[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
      const migration = classMigration(node, sourceFile);
      if (migration) out.push(migration);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return out;
}

function classMigration(cls: ts.ClassLikeDeclaration, sourceFile: ts.SourceFile): Migration | undefined {
  const heritage = (cls.heritageClauses ?? []).flatMap((clause) => clause.types.map((t) => ({ token: clause.token, name: t.expression.getText(sourceFile) })));
  const typeorm = heritage.some((h) => h.token === ts.SyntaxKind.ImplementsKeyword && /\bMigrationInterface$/.test(h.name));
  const mikro = heritage.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword && /(^|\.)Migration$/.test(h.name));
  if (!typeorm && !mikro) return undefined;
  const method = (name: string) => {
    for (const member of cls.members) {
      if (propertyNameText(member.name) !== name) continue;
      if (ts.isMethodDeclaration(member)) return { fn: member as ts.FunctionLikeDeclaration, name: member.name };
      if (ts.isPropertyDeclaration(member) && member.initializer) {
        const init = unwrapExpression(member.initializer);
        if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return { fn: init, name: member.name };
      }
    }
    return undefined;
  };
  const up = method('up');
  if (!up) return undefined;
  const down = method('down');
  const transaction = typeorm ? typeormTransaction(cls, up.fn) : mikroTransaction(cls);
  const first = cls.members[0];
  const indent = indentOf(first, sourceFile);
  const member = typeorm ? 'transaction = false;' : isTypeScript(sourceFile) ? 'isTransactional(): boolean { return false; }' : 'isTransactional() { return false; }';
  return {
    tool: typeorm ? 'typeorm' : 'mikro-orm',
    up: up.fn,
    upName: up.name,
    down: down?.fn,
    downName: down?.name,
    transactional: transaction,
    disableTransaction: transaction === true && !hasMember(cls, typeorm ? 'transaction' : 'isTransactional') ? { start: first.getStart(sourceFile), end: first.getStart(sourceFile), newText: `${member}\n${indent}` } : undefined,
  };
}

/** TypeORM: `transaction = false` opts out; `commitTransaction()` inside `up` means the author manages it. */
function typeormTransaction(cls: ts.ClassLikeDeclaration, up: ts.FunctionLikeDeclaration): boolean | undefined {
  const property = cls.members.find((m) => ts.isPropertyDeclaration(m) && propertyNameText(m.name) === 'transaction') as ts.PropertyDeclaration | undefined;
  if (property) return property.initializer?.kind === ts.SyntaxKind.FalseKeyword ? false : property.initializer?.kind === ts.SyntaxKind.TrueKeyword ? true : undefined;
  return /\bcommitTransaction\s*\(/.test(up.getText()) ? undefined : true;
}

/** MikroORM: `isTransactional()` returning false opts out. */
function mikroTransaction(cls: ts.ClassLikeDeclaration): boolean | undefined {
  const method = cls.members.find((m) => ts.isMethodDeclaration(m) && propertyNameText(m.name) === 'isTransactional') as ts.MethodDeclaration | undefined;
  if (!method) return true;
  const text = method.body?.getText() ?? '';
  return /return\s+false\b/.test(text) ? false : /return\s+true\b/.test(text) ? true : undefined;
}

function hasMember(cls: ts.ClassLikeDeclaration, name: string): boolean {
  return cls.members.some((m) => propertyNameText(m.name) === name);
}

/** `export function up`, `export const up =`, `exports.up =`, `module.exports = { up, down }`, `export default { up, down }`. */
function moduleMigrations(sourceFile: ts.SourceFile, values: ValueResolver): Migration[] {
  const exported = new Map<string, { fn: ts.FunctionLikeDeclaration; name: ts.Node }>();
  const add = (name: string, value: ts.Expression | undefined, nameNode: ts.Node) => {
    const fn = value && functionOf(value, values);
    if (fn && (name === 'up' || name === 'down')) exported.set(name, { fn, name: nameNode });
  };
  const configs: ts.Node[] = [];
  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && isExported(statement)) add(statement.name.text, statement as unknown as ts.Expression, statement.name);
    if (ts.isVariableStatement(statement) && isExported(statement)) {
      for (const d of statement.declarationList.declarations) {
        if (!ts.isIdentifier(d.name)) continue;
        add(d.name.text, d.initializer, d.name);
        if (d.name.text === 'config') configs.push(d);
      }
    }
    const assigned = ts.isExpressionStatement(statement) ? exportAssignment(statement.expression) : ts.isExportAssignment(statement) ? { key: undefined, value: statement.expression } : undefined;
    if (!assigned) continue;
    if (assigned.key === 'config') configs.push(assigned.value);
    if (assigned.key) add(assigned.key, assigned.value, assigned.name ?? assigned.value);
    else {
      const object = values.objectLiteral(assigned.value);
      for (const property of object?.properties ?? []) {
        const key = propertyNameText(property.name);
        if (key === 'config') configs.push(property);
        const value = ts.isPropertyAssignment(property) ? property.initializer : ts.isShorthandPropertyAssignment(property) ? property.name : ts.isMethodDeclaration(property) ? (property as unknown as ts.Expression) : undefined;
        if (key && property.name) add(key, value, property.name);
      }
    }
  }
  const up = exported.get('up');
  if (!up) return [];
  const tool = moduleTool(up.fn);
  if (tool === 'unknown' && !MIGRATION_FOLDER.test(sourceFile.fileName)) return [];
  const down = exported.get('down');
  const transactional = tool === 'knex' ? knexTransaction(configs) : tool === 'sequelize' ? false : undefined;
  return [{ tool, up: up.fn, upName: up.name, down: down?.fn, downName: down?.name, transactional, disableTransaction: tool === 'knex' && !configs.length ? knexConfigEdit(sourceFile) : undefined }];
}

function isExported(node: ts.Statement): boolean {
  return !!ts.getModifiers(node as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** `exports.up = …` / `module.exports.up = …` (key `up`) or `module.exports = …` (no key). */
function exportAssignment(expression: ts.Expression): { key?: string; name?: ts.Node; value: ts.Expression } | undefined {
  if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const target = expression.left.getText().replace(/\s/g, '');
  if (target === 'module.exports') return { value: expression.right };
  const match = /^(?:module\.)?exports\.(\w+)$/.exec(target);
  if (!match || !ts.isPropertyAccessExpression(expression.left)) return undefined;
  return { key: match[1], name: expression.left.name, value: expression.right };
}

function functionOf(value: ts.Expression, values: ValueResolver): ts.FunctionLikeDeclaration | undefined {
  const node = ts.isFunctionDeclaration(value) || ts.isMethodDeclaration(value) ? value : unwrapExpression(value);
  if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return node;
  const origin = values.origin(node);
  return origin.base.kind === 'function' && origin.path.length === 0 ? origin.base.node : undefined;
}

/** The tool, from `up`'s parameters: `knex: Knex`, `queryInterface`, `{ context: queryInterface }`, `(db, callback)`. */
function moduleTool(up: ts.FunctionLikeDeclaration): MigrationTool {
  const first = up.parameters[0];
  if (!first) return 'unknown';
  const text = `${first.name.getText()} ${first.type?.getText() ?? ''}`;
  if (/knex/i.test(text)) return 'knex';
  if (/queryInterface|sequelize|context/i.test(text)) return 'sequelize';
  if (/^db\b/.test(text) || /\brunSql\s*\(/.test(up.getText())) return 'db-migrate';
  return 'unknown';
}

/** knex runs each migration in a transaction unless the file exports `config = { transaction: false }`. */
function knexTransaction(configs: ts.Node[]): boolean | undefined {
  if (!configs.length) return true;
  const text = configs.map((c) => c.getText()).join(' ');
  if (/transaction\s*:\s*false/.test(text)) return false;
  return /transaction\s*:\s*true/.test(text) || /^\s*\{\s*\}\s*$/.test(text) ? true : undefined;
}

function knexConfigEdit(sourceFile: ts.SourceFile): TextEdit {
  const esm = isTypeScript(sourceFile) || sourceFile.statements.some((s) => ts.isExportDeclaration(s) || ts.isExportAssignment(s) || ts.isImportDeclaration(s) || isExported(s));
  const text = sourceFile.text;
  const end = text.length;
  const newline = text.endsWith('\n') ? '' : '\n';
  return { start: end, end, newText: `${newline}\n${esm ? 'export const config' : 'module.exports.config'} = { transaction: false };\n` };
}

function isTypeScript(sourceFile: ts.SourceFile): boolean {
  return /\.[cm]?tsx?$/.test(sourceFile.fileName);
}
