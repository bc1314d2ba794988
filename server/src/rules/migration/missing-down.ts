import ts = require('typescript');
import type { RuleContext, RuleModule } from '../../engine/types';
import { unwrapExpression } from '../../engine/values';
import { MIGRATION_PREFILTER, migrationsOf, type Migration } from './support';
import { stepsIn } from './support-ops';
import type { SchemaOp } from './support-sql';

const rule: RuleModule = {
  meta: {
    id: 'migration/missing-down',
    category: 'migration',
    layer: 'accountability',
    description: 'A migration has no `down`, an empty `down` although `up` changes the schema, or a `down` that leaves a table `up` created.',
    why: 'When a deploy goes wrong, rolling the code back needs the schema rolled back too; without a working `down` the rollback is done by hand, under pressure, in production.',
    howToFix: 'Write a `down` that undoes `up` statement by statement (drop what it created, restore what it changed); throw in `down` to record a change that truly cannot be undone.',
    messages: {
      missingDown: 'This migration has no `down`: a failed deploy cannot be rolled back by the migration tool. Write a `down` that undoes `up` (or one that throws, to record that it is irreversible).',
      emptyDown: '`down` does nothing although `up` changes the schema: a rollback would leave the new schema behind. Undo `up` here, or throw to record that it is irreversible.',
      downKeepsTable: '`down` does not drop table {{table}}, which `up` creates: after a rollback, migrating again fails on the existing table.',
    },
    fixable: false,
  },
  kinds: [ts.SyntaxKind.SourceFile],
  scope: 'any',
  prefilter: MIGRATION_PREFILTER,
  create(context) {
    return { [ts.SyntaxKind.SourceFile]: (node) => migrationsOf(node as ts.SourceFile, context.values).forEach((m) => checkDown(m, context)) };
  },
};

/**
 * Changes an empty `down` leaves behind in a way that matters: the old code cannot run against them,
 * or running `up` again fails. A retyped column or a dropped index is usually harmless to keep.
 */
const UNDOABLE = new Set(['createTable', 'createIndex', 'addColumn', 'addConstraint', 'dropColumn', 'renameColumn', 'dropTable', 'renameTable', 'setNotNull']);

function checkDown(migration: Migration, context: RuleContext): void {
  const { down, downName, values } = { ...migration, values: context.values };
  const upSteps = stepsIn(migration.up, values);
  // Data-only migrations (UPDATE, INSERT) have nothing a `down` could restore.
  if (!upSteps.some((s) => s.op.kind !== 'other' && s.op.kind !== 'opaque')) return;
  if (!down || !downName) {
    context.report({ node: migration.upName, messageId: 'missingDown' });
    return;
  }
  if (declaresIrreversible(down)) return;
  if (doesNothing(down)) {
    // A column dropped and added again (to recompute it) exists before and after: nothing to undo.
    const readded = new Set(upSteps.flatMap((s) => (s.op.kind === 'addColumn' ? [`${s.op.table} ${s.op.column}`] : [])));
    const recreatedColumn = (op: SchemaOp) => (op.kind === 'dropColumn' || op.kind === 'addColumn') && readded.has(`${op.table} ${op.column}`) && upSteps.some((s) => s.op.kind === 'dropColumn' && `${s.op.table} ${s.op.column}` === `${op.table} ${op.column}`);
    if (upSteps.some((s) => UNDOABLE.has(s.op.kind) && !recreatedColumn(s.op))) context.report({ node: downName, messageId: 'emptyDown' });
    return;
  }
  const downSteps = stepsIn(down, values);
  // A down that calls helpers or runs SQL built at run time may undo anything: only judge one read in full.
  if (!downSteps.length || downSteps.some((s) => s.op.kind === 'opaque' || ((s.op.kind === 'dropTable' || s.op.kind === 'renameTable') && !s.op.table))) return;
  const removed = new Set(downSteps.flatMap((s) => (s.op.kind === 'dropTable' || s.op.kind === 'renameTable' ? [s.op.table] : [])));
  const droppedByUp = new Set(upSteps.flatMap((s) => (s.op.kind === 'dropTable' ? [s.op.table] : [])));
  const kept = upSteps.find((s) => s.op.kind === 'createTable' && !s.op.temporary && !droppedByUp.has(s.op.table) && !removed.has(s.op.table));
  if (kept?.op.kind === 'createTable') context.report({ node: downName, messageId: 'downKeepsTable', data: { table: kept.op.table } });
}

/** `throw`, `Promise.reject(...)` or a callback given an Error: the author says the change cannot be undone. */
function declaresIrreversible(fn: ts.FunctionLikeDeclaration): boolean {
  const body = fn.body;
  if (!body) return false;
  if (ts.isBlock(body) && body.statements.some(ts.isThrowStatement)) return true;
  return /\bPromise\.reject\s*\(|\bnew\s+Error\s*\(/.test(body.getText());
}

/** An empty body, or one that only calls its callback or returns nothing (`cb()`, `return Promise.resolve()`). */
function doesNothing(fn: ts.FunctionLikeDeclaration): boolean {
  const body = fn.body;
  if (!body) return false;
  if (!ts.isBlock(body)) return isTrivialExpression(body, fn);
  return body.statements.every((statement) => {
    if (ts.isEmptyStatement(statement)) return true;
    if (ts.isReturnStatement(statement)) return !statement.expression || isTrivialExpression(statement.expression, fn);
    return ts.isExpressionStatement(statement) && isTrivialExpression(statement.expression, fn);
  });
}

function isTrivialExpression(expression: ts.Expression, fn: ts.FunctionLikeDeclaration): boolean {
  const node = unwrapExpression(expression);
  if (node.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(node) && node.text === 'undefined')) return true;
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression.getText();
  const callsCallback = fn.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === callee);
  return (callsCallback || callee === 'Promise.resolve') && node.arguments.every((a) => a.kind === ts.SyntaxKind.NullKeyword);
}

export default rule;
