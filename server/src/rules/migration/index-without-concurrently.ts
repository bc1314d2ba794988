import ts = require('typescript');
import type { Fix, RuleContext, RuleModule, TextEdit } from '../../engine/types';
import { unwrapExpression } from '../../engine/values';
import { appendArgument, insertProperty } from '../../fixes/edits';
import { resolvePostgresOnly } from './facts-dialect';
import { MIGRATION_PREFILTER, type Migration } from './support';
import { changesAt, stepsIn, type Step } from './support-ops';
import { fileOffset } from './support-source';

const rule: RuleModule = {
  meta: {
    id: 'migration/index-without-concurrently',
    category: 'migration',
    layer: 'operation',
    description: 'A migration creates or drops an index on an existing Postgres table without CONCURRENTLY, or runs a concurrent index build inside a transaction.',
    why: 'CREATE INDEX blocks every write to the table until the index is built — minutes on a large table — and DROP INDEX takes an ACCESS EXCLUSIVE lock; the service stalls during the deploy.',
    howToFix: 'Use CREATE/DROP INDEX CONCURRENTLY, one statement per call, in a migration that runs without a transaction.',
    messages: {
      createIndex: 'CREATE INDEX on {{table}} takes a SHARE lock that blocks writes for the whole build: create it CONCURRENTLY in a migration with transactions off.',
      dropIndex: 'DROP INDEX takes an ACCESS EXCLUSIVE lock on its table, queued behind running queries and blocking all others: drop it CONCURRENTLY in a migration with transactions off.',
      concurrentInTransaction: 'CONCURRENTLY cannot run inside a transaction, and this {{tool}} migration runs in one: turn its transaction off ({{how}}).',
      concurrentInMultiStatement: 'CONCURRENTLY cannot run in a multi-statement query (Postgres wraps it in an implicit transaction): run this statement in a call of its own.',
      addConcurrently: 'Build the index CONCURRENTLY (the migration then runs without a transaction)',
      disableTransaction: 'Run this migration without a transaction',
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.TaggedTemplateExpression],
  scope: 'any',
  prefilter: MIGRATION_PREFILTER,
  create(context) {
    const check = (node: ts.Node) => checkIndexes(node as ts.CallExpression | ts.TaggedTemplateExpression, context);
    return { [ts.SyntaxKind.CallExpression]: check, [ts.SyntaxKind.TaggedTemplateExpression]: check };
  },
  resolve: resolvePostgresOnly,
};

const HOW_TO_DISABLE: Record<string, string> = {
  knex: 'export const config = { transaction: false }',
  typeorm: 'a `transaction = false` property',
  'mikro-orm': '`isTransactional()` returning false',
};

function checkIndexes(node: ts.CallExpression | ts.TaggedTemplateExpression, context: RuleContext): void {
  const found = changesAt(node, context.values);
  if (!found) return;
  const reported = new Set<string>();
  const dropped = droppedTables(found.migration, context);
  for (const step of found.steps) {
    const op = step.op;
    if (step.mysql || (op.kind !== 'createIndex' && op.kind !== 'dropIndex')) continue;
    // Dropping the indexes of a table the migration drops anyway: the DROP TABLE is the change to judge.
    if (op.kind === 'dropIndex' && op.name && dropped.some((table) => op.name!.includes(table))) continue;
    const messageId = !op.concurrently
      ? op.kind
      : step.statements > 1
        ? 'concurrentInMultiStatement'
        : found.migration.transactional === true
          ? 'concurrentInTransaction'
          : undefined;
    if (!messageId || reported.has(messageId)) continue;
    reported.add(messageId);
    const tool = found.migration.tool;
    context.report({
      node: step.report,
      messageId,
      data: { table: op.kind === 'createIndex' && op.table ? op.table : 'an existing table', tool, how: HOW_TO_DISABLE[tool] ?? 'see its documentation' },
      fixes: fixesFor(messageId, step, found.migration, context),
      pending: true,
    });
  }
}

function droppedTables(migration: Migration, context: RuleContext): string[] {
  return stepsIn(migration.up, context.values).flatMap((s) => (s.op.kind === 'dropTable' && s.op.table ? [s.op.table] : []));
}

function fixesFor(messageId: string, step: Step, migration: Migration, context: RuleContext): Fix[] {
  const messages = rule.meta.messages;
  if (messageId === 'concurrentInTransaction') {
    return migration.disableTransaction ? [{ title: messages.disableTransaction, kind: 'suggestion', edits: [migration.disableTransaction] }] : [];
  }
  if (messageId === 'concurrentInMultiStatement') return [];
  const keyword = keywordEdit(step, migration, context);
  if (!keyword) return [];
  if (migration.transactional === false) return [{ title: messages.addConcurrently, kind: 'suggestion', edits: [keyword] }];
  if (migration.transactional === true && migration.disableTransaction) {
    return [{ title: messages.addConcurrently, kind: 'suggestion', edits: [keyword, migration.disableTransaction] }];
  }
  return [];
}

/** ` CONCURRENTLY` after INDEX in a one-statement SQL text, or Sequelize's `concurrently: true` option. */
function keywordEdit(step: Step, migration: Migration, context: RuleContext): TextEdit | undefined {
  const op = step.op;
  if (op.kind !== 'createIndex' && op.kind !== 'dropIndex') return undefined;
  if (step.sql) {
    const at = op.insertAt === undefined || step.statements > 1 ? undefined : fileOffset(step.sql, op.insertAt);
    return at === undefined ? undefined : { start: at, end: at, newText: ' CONCURRENTLY' };
  }
  if (migration.tool !== 'sequelize' || !ts.isCallExpression(step.call)) return undefined;
  const args = step.call.arguments;
  const sourceFile = context.file.sourceFile;
  const options = [args[1], args[2]].map((a) => a && unwrapExpression(a)).find((a) => a && ts.isObjectLiteralExpression(a));
  if (options && ts.isObjectLiteralExpression(options)) return insertProperty(options, 'concurrently: true', sourceFile);
  return args.length === 2 ? appendArgument(step.call, '{ concurrently: true }') : undefined;
}

export default rule;
