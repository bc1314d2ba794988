import ts = require('typescript');
import type { Fix, RuleContext, RuleModule, TextEdit, TextRuleContext } from '../../engine/types';
import { unwrapExpression } from '../../engine/values';
import { appendArgument, insertProperty } from '../../fixes/edits';
import { resolvePostgresOnly } from './facts-dialect';
import { MIGRATION_PREFILTER, type Migration } from './support';
import { changesAt, stepsIn, type Step } from './support-ops';
import { fileOffset } from './support-source';
import type { SchemaOp } from './support-sql';
import { SQL_MIGRATION_FILES, sqlFileMigration } from './support-sql-file';

const rule: RuleModule = {
  meta: {
    id: 'migration/index-without-concurrently',
    category: 'migration',
    layer: 'operation',
    description: 'A migration creates or drops an index, or adds a primary key or unique constraint, on an existing Postgres table without building the index CONCURRENTLY, or runs a concurrent index build inside a transaction.',
    why: 'CREATE INDEX blocks every write to the table until the index is built — minutes on a large table; DROP INDEX, and ADD PRIMARY KEY or UNIQUE (which build their index while they hold it), take an ACCESS EXCLUSIVE lock that blocks reads too: the service stalls during the deploy.',
    howToFix: 'Use CREATE/DROP INDEX CONCURRENTLY, one statement per call, in a migration that runs without a transaction; for a key, build its unique index CONCURRENTLY, then ADD CONSTRAINT … USING INDEX.',
    messages: {
      createIndex: 'CREATE INDEX on {{table}} takes a SHARE lock that blocks writes for the whole build: create it CONCURRENTLY {{where}}.',
      dropIndex: 'DROP INDEX takes an ACCESS EXCLUSIVE lock on its table, queued behind running queries and blocking all others: drop it CONCURRENTLY {{where}}.',
      addKey: 'ADD {{constraint}} on {{table}} builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes: CREATE UNIQUE INDEX CONCURRENTLY {{where}}, then ADD CONSTRAINT … {{constraint}} USING INDEX.',
      concurrentInTransaction: 'CONCURRENTLY cannot run inside a transaction, and this {{tool}} migration runs in one: turn its transaction off ({{how}}).',
      concurrentInMultiStatement: 'CONCURRENTLY cannot run in a multi-statement query (Postgres wraps it in an implicit transaction): run this statement in {{alone}}.',
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
  text: { paths: SQL_MIGRATION_FILES, lineComment: '--', check: checkSqlFile },
};

const HOW_TO_DISABLE: Record<string, string> = {
  knex: 'export const config = { transaction: false }',
  typeorm: 'a `transaction = false` property',
  'mikro-orm': '`isTransactional()` returning false',
  drizzle: "drizzle's migrator runs all pending migrations in one transaction, so apply this statement outside it",
};

/** Where a CONCURRENTLY statement can run, by tool: Prisma sends a one-statement file on its own, drizzle always opens a transaction. */
const WHERE: Record<string, string> = {
  prisma: 'in a migration.sql of its own (one statement, which Prisma runs outside a transaction)',
  drizzle: "outside drizzle's migration transaction (drizzle-kit cannot run it inside)",
  sql: 'outside a transaction',
};
const WHERE_IN_CODE = 'in a migration with transactions off';

type IndexOp = Extract<SchemaOp, { kind: 'createIndex' | 'dropIndex' | 'addKey' }>;

/** The message for an index change, given whether its CONCURRENTLY cannot work where it runs. */
function messageFor(op: IndexOp, concurrentProblem: 'concurrentInMultiStatement' | 'concurrentInTransaction' | undefined): string | undefined {
  if (op.kind === 'addKey') return 'addKey';
  return op.concurrently ? concurrentProblem : op.kind;
}

function isIndexOp(op: SchemaOp): op is IndexOp {
  return op.kind === 'createIndex' || op.kind === 'dropIndex' || op.kind === 'addKey';
}

function checkIndexes(node: ts.CallExpression | ts.TaggedTemplateExpression, context: RuleContext): void {
  const found = changesAt(node, context.values);
  if (!found) return;
  const dropped = droppedTables(found.migration, context);
  const tool = found.migration.tool;
  // One finding per message for the call, naming every table it concerns.
  const byMessage = new Map<string, { step: Step; tables: Set<string>; constraint: string }>();
  for (const step of found.steps) {
    const op = step.op;
    if (step.mysql || !isIndexOp(op)) continue;
    // Dropping the indexes of a table the migration drops anyway: the DROP TABLE is the change to judge.
    if (op.kind === 'dropIndex' && op.name && dropped.some((table) => op.name!.includes(table))) continue;
    const problem = step.statements > 1 ? 'concurrentInMultiStatement' : found.migration.transactional === true ? 'concurrentInTransaction' : undefined;
    const messageId = messageFor(op, problem);
    if (!messageId) continue;
    const entry = byMessage.get(messageId) ?? { step, tables: new Set<string>(), constraint: op.kind === 'addKey' ? op.constraint : '' };
    if (op.kind !== 'dropIndex' && op.table) entry.tables.add(op.table);
    byMessage.set(messageId, entry);
  }
  for (const [messageId, { step, tables, constraint }] of byMessage) {
    context.report({
      node: step.report,
      messageId,
      data: { table: tableList(tables), constraint, tool, how: HOW_TO_DISABLE[tool] ?? 'see its documentation', where: WHERE_IN_CODE, alone: 'a call of its own' },
      fixes: fixesFor(messageId, step, found.migration, context),
      pending: true,
    });
  }
}

function tableList(tables: Set<string>): string {
  return tables.size ? [...tables].join(', ') : 'an existing table';
}

/** A `.sql` migration: one finding per statement, at the statement. */
function checkSqlFile(context: TextRuleContext): void {
  const migration = sqlFileMigration(context.file);
  const dropped = migration.all.flatMap((s) => (s.op.kind === 'dropTable' && s.op.table ? [s.op.table] : []));
  for (const step of migration.steps) {
    const op = step.op;
    if (step.mysql || !isIndexOp(op)) continue;
    if (op.kind === 'dropIndex' && op.name && dropped.some((table) => op.name!.includes(table))) continue;
    const problem = migration.tool === 'prisma' && migration.statements > 1 ? 'concurrentInMultiStatement' : migration.tool === 'drizzle' ? 'concurrentInTransaction' : undefined;
    // Dropping an index of a table the same transaction already locks ACCESS EXCLUSIVE (an ALTER TABLE of
    // it): the drop is instant and adds no lock; CONCURRENTLY could not run there anyway.
    if (op.kind === 'dropIndex' && problem && op.name && [...migration.exclusiveTables].some((table) => op.name!.startsWith(`${table}_`))) continue;
    const messageId = messageFor(op, problem);
    if (!messageId) continue;
    // A Prisma file of this one statement runs outside a transaction: CONCURRENTLY is enough.
    const at = migration.tool === 'prisma' && migration.statements === 1 && op.kind !== 'addKey' && !op.concurrently ? op.insertAt : undefined;
    context.report({
      range: step.span,
      messageId,
      data: {
        table: op.kind !== 'dropIndex' && op.table ? op.table : 'an existing table',
        constraint: op.kind === 'addKey' ? op.constraint : '',
        tool: migration.tool,
        how: HOW_TO_DISABLE[migration.tool] ?? 'see its documentation',
        where: WHERE[migration.tool],
        alone: 'a migration.sql of its own',
      },
      fixes: at === undefined ? [] : [{ title: rule.meta.messages.addConcurrently, kind: 'suggestion', edits: [{ start: at, end: at, newText: ' CONCURRENTLY' }] }],
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
  if (messageId === 'concurrentInMultiStatement' || messageId === 'addKey') return [];
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
