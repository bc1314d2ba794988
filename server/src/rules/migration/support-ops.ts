import ts = require('typescript');
import { staticText, unwrapExpression, type ValueResolver } from '../../engine/values';
import { enclosingMigration, type Migration } from './support';
import { MIGRATION_KNOWLEDGE, type SchemaOperation } from './support-knowledge';
import { parseSql, type SchemaOp } from './support-sql';
import { sqlSourceOf, type SqlSource } from './support-source';
import { knexTableOps } from './support-knex';

/** A schema change and the call that makes it. */
export interface Step {
  op: SchemaOp;
  /** The statement quotes names with backticks: MySQL, whose DDL locks differently. */
  mysql: boolean;
  /** Where a finding goes: the callee that runs the statement. */
  report: ts.Node;
  call: ts.CallExpression | ts.TaggedTemplateExpression;
  /** The SQL text the step was read from, and how many statements that text holds. */
  sql?: SqlSource;
  statements: number;
}

type MigrationCall = ts.CallExpression | ts.TaggedTemplateExpression;

const SQL_RUNNERS = new Set(MIGRATION_KNOWLEDGE.sqlRunners);
const SCHEMA_API = new Map<string, SchemaOperation>(
  Object.entries(MIGRATION_KNOWLEDGE.schemaApi).flatMap(([operation, methods]) => methods.map((m) => [m, operation as SchemaOperation] as const)),
);
const KNEX_SCHEMA_METHODS = new Set(['createTable', 'createTableIfNotExists', 'alterTable', 'table', 'dropTable', 'dropTableIfExists', 'renameTable']);
const stepCache = new WeakMap<ts.Node, Step[]>();
const createdCache = new WeakMap<ts.Node, Set<string>>();

/**
 * The schema changes a call in a migration's `up` makes to tables that existed before it — a
 * change to a table the same `up` creates is safe (the table is new and empty) and is left out.
 */
export function changesAt(node: MigrationCall, values: ValueResolver): { migration: Migration; steps: Step[] } | undefined {
  const at = enclosingMigration(node, values);
  if (!at || at.role !== 'up') return undefined;
  const steps = stepsOf(node, at.migration.up, values);
  if (!steps.length) return undefined;
  const created = createdTables(at.migration.up, values);
  const existing = steps.filter((s) => s.op.kind === 'createTable' || !('table' in s.op) || !s.op.table || !created.has(s.op.table));
  return { migration: at.migration, steps: existing };
}

/** Every schema change a migration function makes, in source order. */
export function stepsIn(fn: ts.FunctionLikeDeclaration, values: ValueResolver): Step[] {
  const steps: Step[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isTaggedTemplateExpression(node)) steps.push(...stepsOf(node, fn, values));
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return steps;
}

function createdTables(fn: ts.FunctionLikeDeclaration, values: ValueResolver): Set<string> {
  let created = createdCache.get(fn);
  if (!created) {
    created = new Set(stepsIn(fn, values).flatMap((s) => (s.op.kind === 'createTable' ? [s.op.table] : [])));
    createdCache.set(fn, created);
  }
  return created;
}

function stepsOf(node: MigrationCall, fn: ts.FunctionLikeDeclaration, values: ValueResolver): Step[] {
  let steps = stepCache.get(node);
  if (!steps) {
    steps = computeSteps(node, fn, values);
    stepCache.set(node, steps);
  }
  return steps;
}

function computeSteps(node: MigrationCall, fn: ts.FunctionLikeDeclaration, values: ValueResolver): Step[] {
  if (ts.isTaggedTemplateExpression(node)) {
    if (!/^sql$/i.test(node.tag.getText())) return [];
    return sqlSteps(node, node.tag, sqlSourceOf(node.template, values));
  }
  const callee = unwrapExpression(node.expression);
  if (!ts.isPropertyAccessExpression(callee)) return [];
  const method = callee.name.text;
  const receiver = callee.expression;
  const root = rootOf(receiver, values);
  if (!root) return [];
  if (SQL_RUNNERS.has(method) && node.arguments.length) {
    if (ts.isTaggedTemplateExpression(unwrapExpression(node.arguments[0]))) return [];
    return sqlSteps(node, callee, sqlSourceOf(node.arguments[0], values));
  }
  if (KNEX_SCHEMA_METHODS.has(method) && viaSchema(receiver)) {
    return knexSchemaOps(node, method, values).map((op) => ({ op, mysql: false, report: callee, call: node, statements: 1 }));
  }
  const operation = SCHEMA_API.get(method);
  if (operation && root.kind === 'parameter' && root.owner === fn) {
    return apiOps(node, operation, values).map((op) => ({ op, mysql: false, report: callee, call: node, statements: 1 }));
  }
  return [];
}

function sqlSteps(call: MigrationCall, report: ts.Node, sql: SqlSource | undefined): Step[] {
  if (!sql) return [{ op: { kind: 'opaque' }, mysql: false, report, call, statements: 1 }];
  const script = parseSql(sql.text);
  return script.ops.map(({ mysql, span: _span, ...op }) => ({ op, mysql, report, call, sql, statements: script.statements }));
}

/** The parameter or `this` a receiver chain starts from (`knex.schema.withSchema('x')` → `knex`). */
function rootOf(expression: ts.Expression, values: ValueResolver, depth = 0): { kind: 'this' } | { kind: 'parameter'; owner: ts.Node } | undefined {
  let node = unwrapExpression(expression);
  while (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isCallExpression(node)) node = unwrapExpression(node.expression);
  if (node.kind === ts.SyntaxKind.ThisKeyword) return { kind: 'this' };
  if (!ts.isIdentifier(node) || depth > 4) return undefined;
  const declaration = values.scopes.resolve(node);
  if (declaration?.kind === 'parameter') return { kind: 'parameter', owner: declaration.node.parent };
  if (declaration?.kind === 'variable' && declaration.init) return rootOf(declaration.init, values, depth + 1);
  return undefined;
}

function viaSchema(receiver: ts.Expression): boolean {
  for (let node = unwrapExpression(receiver); ; node = unwrapExpression(node.expression)) {
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'schema') return true;
    if (!ts.isPropertyAccessExpression(node) && !ts.isCallExpression(node)) return false;
  }
}

/** `knex.schema.createTable/alterTable/dropTable/renameTable(...)`. */
function knexSchemaOps(call: ts.CallExpression, method: string, values: ValueResolver): SchemaOp[] {
  const table = nameArgument(call.arguments[0], values);
  if (method.startsWith('createTable')) return table ? [{ kind: 'createTable', table }] : [];
  if (method.startsWith('dropTable')) return [{ kind: 'dropTable', table }];
  if (method === 'renameTable') return [{ kind: 'renameTable', table, to: nameArgument(call.arguments[1], values) }];
  const callback = call.arguments[1] && unwrapExpression(call.arguments[1]);
  if (!callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) return [{ kind: 'opaque' }];
  return knexTableOps(callback, table, values);
}

/** TypeORM `queryRunner.*`, Sequelize `queryInterface.*` and db-migrate `db.*` schema calls. */
function apiOps(call: ts.CallExpression, operation: SchemaOperation, values: ValueResolver): SchemaOp[] {
  const args = call.arguments;
  const table = nameArgument(args[0], values);
  const options = args.slice(1).map((a) => unwrapExpression(a)).filter(ts.isObjectLiteralExpression);
  const flag = (name: string) => options.some((o) => isTrue(values.lookupProperty(o, [name])));
  switch (operation) {
    case 'createTable':
      return table ? [{ kind: 'createTable', table }] : [];
    case 'createIndex':
      return [{ kind: 'createIndex', table, concurrently: flag('concurrently') }];
    case 'dropIndex':
      return [{ kind: 'dropIndex', concurrently: flag('concurrently') }];
    case 'addForeignKey':
      return [{ kind: 'addConstraint', table, constraint: 'FOREIGN KEY', notValid: false }];
    case 'addConstraint': {
      const type = options.map((o) => values.lookupProperty(o, ['type'])).find((l) => l.status === 'present');
      const text = type?.status === 'present' ? staticText(type.value)?.toUpperCase() : undefined;
      if (text === 'FOREIGN KEY' || text === 'CHECK') return [{ kind: 'addConstraint', table, constraint: text, notValid: false }];
      return text === 'UNIQUE' || text === 'PRIMARY KEY' ? [{ kind: 'addKey', table, constraint: text }] : [];
    }
    case 'addPrimaryKey':
      return [{ kind: 'addKey', table, constraint: 'PRIMARY KEY' }];
    case 'addUniqueConstraint':
      return [{ kind: 'addKey', table, constraint: 'UNIQUE' }];
    case 'addColumn':
      return addColumnOp(args, table, values);
    case 'changeColumn':
      return [{ kind: 'alterType', table, column: nameArgument(args[1], values) }];
    case 'dropColumn':
    case 'renameColumn':
      return [{ kind: operation, table, column: nameArgument(args[1], values) }];
    case 'renameTable':
      return [{ kind: 'renameTable', table, to: nameArgument(args[1], values) }];
    default:
      return [{ kind: operation, table }];
  }
}

/** Sequelize/db-migrate `addColumn(table, name, spec)`, TypeORM `addColumn(table, new TableColumn(spec))`. */
function addColumnOp(args: ts.NodeArray<ts.Expression>, table: string | undefined, values: ValueResolver): SchemaOp[] {
  const second = args[1] && unwrapExpression(args[1]);
  const typeorm = second && ts.isNewExpression(second);
  const spec = typeorm ? second.arguments?.[0] : args[2];
  const column = typeorm ? nameArgument(propertyValue(spec, 'name', values), values) : nameArgument(second, values);
  if (!spec || !values.objectLiteral(spec)) return [];
  let notNull = !!typeorm;
  for (const [option, trueMeansNullable] of Object.entries(MIGRATION_KNOWLEDGE.nullableOptions)) {
    const lookup = values.lookupProperty(spec, [option]);
    if (lookup.status === 'unknown') return [];
    if (lookup.status === 'present') notNull = isTrue(lookup) !== trueMeansNullable;
  }
  const defaults = values.lookupProperty(spec, MIGRATION_KNOWLEDGE.defaultOptions);
  const generated = isTrue(values.lookupProperty(spec, ['isGenerated'])) || isTrue(values.lookupProperty(spec, ['autoIncrement']));
  const volatile = generated ? 'generated' : defaults.status === 'present' ? volatileIn(defaults.value) : undefined;
  return [{ kind: 'addColumn', table, column, notNull, hasDefault: defaults.status !== 'absent', volatile }];
}

/** A volatile function named in a default's SQL text (`knex.raw('gen_random_uuid()')`, `() => 'uuid_generate_v4()'`). */
export function volatileIn(value: ts.Node | undefined): string | undefined {
  if (!value) return undefined;
  const text = value.getText().toLowerCase();
  if (/\bknex\.fn\.uuid\s*\(/.test(value.getText())) return 'gen_random_uuid()';
  const name = MIGRATION_KNOWLEDGE.volatileFunctions.find((f) => new RegExp(`\\b${f.toLowerCase()}\\s*\\(`).test(text));
  return name && `${name}()`;
}

/** A table or column name argument: a string, a constant, or TypeORM's `new Table({ name })`. */
export function nameArgument(argument: ts.Expression | undefined, values: ValueResolver): string | undefined {
  if (!argument) return undefined;
  const node = unwrapExpression(argument);
  if (ts.isNewExpression(node)) return nameArgument(propertyValue(node.arguments?.[0], 'name', values), values);
  const text = sqlSourceOf(node, values)?.text;
  return text?.split('.').pop()?.replace(/["`]/g, '').toLowerCase();
}

function propertyValue(object: ts.Expression | undefined, name: string, values: ValueResolver): ts.Expression | undefined {
  const lookup = values.lookupProperty(object, [name]);
  return lookup.status === 'present' ? lookup.value : undefined;
}

function isTrue(lookup: ReturnType<ValueResolver['lookupProperty']>): boolean {
  return lookup.status === 'present' && lookup.value?.kind === ts.SyntaxKind.TrueKeyword;
}
