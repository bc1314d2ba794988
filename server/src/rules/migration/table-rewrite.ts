import ts = require('typescript');
import type { ProjectFacts, RuleContext, RuleModule, TextRuleContext } from '../../engine/types';
import { resolvePostgresOnly } from './facts-dialect';
import { MIGRATION_PREFILTER } from './support';
import { changesAt } from './support-ops';
import type { SchemaOp } from './support-sql';
import { SQL_MIGRATION_FILES, sqlFileMigration } from './support-sql-file';

const rule: RuleModule = {
  meta: {
    id: 'migration/table-rewrite',
    category: 'migration',
    layer: 'operation',
    description: 'A migration changes a column type, sets NOT NULL on an existing column, adds a NOT NULL column without a default, or adds a column whose default rewrites the table.',
    why: 'These statements hold an ACCESS EXCLUSIVE lock while they rewrite or scan the whole table (or fail outright on a table with rows): every query on the table waits for the length of the rewrite.',
    howToFix: 'Expand and contract: add a new nullable column, backfill it in batches, enforce NOT NULL through a NOT VALID check validated later, then switch readers over.',
    messages: {
      alterType: 'Changing the type of {{column}} rewrites {{table}} under an ACCESS EXCLUSIVE lock, blocking reads and writes: add a new column, backfill it in batches and switch over instead.',
      setNotNull: 'SET NOT NULL on {{column}} scans {{table}} under an ACCESS EXCLUSIVE lock: add CHECK ({{column}} IS NOT NULL) NOT VALID, VALIDATE it in a later migration, then set NOT NULL.',
      notNullWithoutDefault: 'Adding NOT NULL column {{column}} without a default fails on a table with rows: add it nullable (or with a constant default), backfill, then enforce NOT NULL.',
      volatileDefault: 'Adding {{column}} with {{what}} rewrites {{table}} under an ACCESS EXCLUSIVE lock: add the column without it, backfill in batches, then set the default.',
    },
    fixable: false,
  },
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.TaggedTemplateExpression],
  scope: 'any',
  prefilter: MIGRATION_PREFILTER,
  create(context) {
    const check = (node: ts.Node) => checkRewrites(node as ts.CallExpression | ts.TaggedTemplateExpression, context);
    return { [ts.SyntaxKind.CallExpression]: check, [ts.SyntaxKind.TaggedTemplateExpression]: check };
  },
  resolve: (pending: unknown, facts: ProjectFacts) => pending !== 'postgres' || resolvePostgresOnly(pending, facts),
  text: { paths: SQL_MIGRATION_FILES, lineComment: '--', check: checkSqlFile },
};

const BINARY_COERCIBLE_TARGETS = new Set(['text', 'varchar', 'character']);

/** The finding an operation makes, if it rewrites or scans the table. */
function rewriteOf(op: SchemaOp, mysql: boolean): { messageId: string; data: Record<string, string> } | undefined {
  if (op.kind !== 'alterType' && op.kind !== 'setNotNull' && op.kind !== 'addColumn') return undefined;
  // varchar → text and a longer varchar are binary-coercible: Postgres keeps the table as it is.
  if (op.kind === 'alterType' && op.to && BINARY_COERCIBLE_TARGETS.has(op.to)) return undefined;
  const messageId = op.kind !== 'addColumn' ? op.kind : op.volatile ? 'volatileDefault' : op.notNull && !op.hasDefault ? 'notNullWithoutDefault' : undefined;
  // MySQL retypes a column by copying the table too, but adds columns in place and has no volatile defaults.
  if (!messageId || (mysql && messageId !== 'alterType')) return undefined;
  const what = op.kind === 'addColumn' && op.volatile ? (op.volatile.endsWith(')') ? `the volatile default ${op.volatile}` : `a ${op.volatile} column`) : '';
  return { messageId, data: { table: op.table ?? 'the table', column: op.column ?? 'the column', what } };
}

function checkRewrites(node: ts.CallExpression | ts.TaggedTemplateExpression, context: RuleContext): void {
  const found = changesAt(node, context.values);
  if (!found) return;
  const reported = new Set<string>();
  for (const step of found.steps) {
    const rewrite = rewriteOf(step.op, step.mysql);
    if (!rewrite) continue;
    const key = `${rewrite.messageId} ${rewrite.data.table} ${rewrite.data.column}`;
    if (reported.has(key)) continue;
    reported.add(key);
    context.report({ node: step.report, ...rewrite, pending: rewrite.messageId === 'alterType' ? 'any' : 'postgres' });
  }
}

/** A `.sql` migration: one finding per action, at the action. */
function checkSqlFile(context: TextRuleContext): void {
  for (const step of sqlFileMigration(context.file).steps) {
    const rewrite = rewriteOf(step.op, step.mysql);
    if (rewrite) context.report({ range: step.span, ...rewrite, pending: rewrite.messageId === 'alterType' ? 'any' : 'postgres' });
  }
}

export default rule;
