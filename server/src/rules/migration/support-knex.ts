import ts = require('typescript');
import { unwrapExpression, type ValueResolver } from '../../engine/values';
import type { SchemaOp } from './support-sql';
import { nameArgument, volatileIn } from './support-ops';

/** knex column types: `table.<type>(name)` adds a column (or, with `.alter()`, retypes it). */
const COLUMN_TYPES = new Set([
  'increments', 'bigIncrements', 'integer', 'bigInteger', 'bigint', 'tinyint', 'smallint', 'mediumint', 'text', 'string',
  'float', 'double', 'decimal', 'boolean', 'date', 'datetime', 'time', 'timestamp', 'binary', 'enu', 'enum', 'json',
  'jsonb', 'uuid', 'specificType', 'geometry', 'geography', 'point',
]);
const SERIAL_TYPES = new Set(['increments', 'bigIncrements']);

/**
 * The statements an `alterTable(name, (table) => { ... })` callback generates: one chain per
 * `table.<method>(...)` call (`table.string('x').notNullable().alter()`).
 */
export function knexTableOps(callback: ts.ArrowFunction | ts.FunctionExpression, table: string | undefined, values: ValueResolver): SchemaOp[] {
  const builder = callback.parameters[0];
  if (!builder || !ts.isIdentifier(builder.name)) return [{ kind: 'opaque' }];
  const ops: SchemaOp[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && isBuilder(node.expression.expression, builder, values)) {
      ops.push(...chainOps(node, node.expression.name.text, table, values));
    }
    ts.forEachChild(node, visit);
  };
  if (callback.body) visit(callback.body);
  return ops;
}

function isBuilder(expression: ts.Expression, builder: ts.ParameterDeclaration, values: ValueResolver): boolean {
  const node = unwrapExpression(expression);
  if (!ts.isIdentifier(node)) return false;
  const declaration = values.scopes.resolve(node);
  return declaration?.kind === 'parameter' && declaration.node === builder;
}

function chainOps(base: ts.CallExpression, method: string, table: string | undefined, values: ValueResolver): SchemaOp[] {
  const column = nameArgument(base.arguments[0], values);
  switch (method) {
    case 'index':
    case 'unique':
      return [{ kind: 'createIndex', table, concurrently: false }];
    case 'dropIndex':
    case 'dropUnique':
      return [{ kind: 'dropIndex', concurrently: false }];
    case 'primary':
      return [{ kind: 'addKey', table, constraint: 'PRIMARY KEY' }];
    case 'foreign':
      return [{ kind: 'addConstraint', table, constraint: 'FOREIGN KEY', notValid: false }];
    case 'check':
      return [{ kind: 'addConstraint', table, constraint: 'CHECK', notValid: false }];
    case 'dropColumn':
    case 'dropColumns':
    case 'dropTimestamps':
      return [{ kind: 'dropColumn', table, column }];
    case 'renameColumn':
      return [{ kind: 'renameColumn', table, column }];
    case 'dropNullable':
      return [{ kind: 'setNotNull', table, column }];
  }
  if (!COLUMN_TYPES.has(method)) return [];
  const modifiers = chainOf(base);
  if (modifiers.has('alter')) return [{ kind: 'alterType', table, column }];
  const defaultTo = modifiers.get('defaultTo');
  const ops: SchemaOp[] = [
    {
      kind: 'addColumn',
      table,
      column,
      notNull: modifiers.has('notNullable') || modifiers.has('primary'),
      hasDefault: !!defaultTo,
      volatile: SERIAL_TYPES.has(method) ? 'serial' : volatileIn(defaultTo?.arguments[0]),
    },
  ];
  if (modifiers.has('unique') || modifiers.has('index')) ops.push({ kind: 'createIndex', table, concurrently: false });
  if (modifiers.has('primary')) ops.push({ kind: 'addKey', table, constraint: 'PRIMARY KEY' });
  return ops;
}

/** The modifier calls chained after a column: `.notNullable().defaultTo(x)` → notNullable, defaultTo. */
function chainOf(base: ts.CallExpression): Map<string, ts.CallExpression> {
  const modifiers = new Map<string, ts.CallExpression>();
  let node: ts.Node = base;
  while (ts.isPropertyAccessExpression(node.parent) && ts.isCallExpression(node.parent.parent) && node.parent.parent.expression === node.parent) {
    modifiers.set(node.parent.name.text, node.parent.parent);
    node = node.parent.parent;
  }
  return modifiers;
}
