import ts = require('typescript');
import type { RuleContext, RuleModule, TextRuleContext } from '../../engine/types';
import { MIGRATION_PREFILTER } from './support';
import { changesAt, stepsIn } from './support-ops';
import type { SchemaOp } from './support-sql';
import { SQL_MIGRATION_FILES, sqlFileMigration } from './support-sql-file';

const rule: RuleModule = {
  meta: {
    id: 'migration/destructive-change',
    category: 'migration',
    layer: 'operation',
    description: "A migration's `up` drops or renames a column or table that existed before it.",
    why: 'During a deploy the previous version of the service still runs against the migrated database: a column or table it reads that was dropped or renamed makes its queries fail until the rollout ends — and a rollback no longer works.',
    howToFix: 'Expand and contract: first ship code that no longer reads the column or table (for a rename, add the new one and write to both), then drop it in a later migration.',
    messages: {
      dropColumn: 'Dropping column {{column}} of {{table}} breaks the version still running during the deploy: stop reading it in one release, drop it in a later migration.',
      renameColumn: 'Renaming column {{column}} of {{table}} breaks the version still running during the deploy: add the new column, write both and backfill, switch readers, then drop the old one.',
      dropTable: 'Dropping table {{table}} breaks the version still running during the deploy: stop using it in one release, drop it in a later migration.',
      renameTable: 'Renaming table {{table}} breaks the version still running during the deploy: stop using the old name first (e.g. keep a view under it), then rename or drop it later.',
    },
    fixable: false,
  },
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.TaggedTemplateExpression],
  scope: 'any',
  prefilter: MIGRATION_PREFILTER,
  create(context) {
    const check = (node: ts.Node) => checkDestructive(node as ts.CallExpression | ts.TaggedTemplateExpression, context);
    return { [ts.SyntaxKind.CallExpression]: check, [ts.SyntaxKind.TaggedTemplateExpression]: check };
  },
  text: { paths: SQL_MIGRATION_FILES, lineComment: '--', check: checkSqlFile },
};

/**
 * What else the migration does that keeps a dropped or renamed name readable: columns it adds back
 * (to change their definition), and tables it creates or renames into place — the copy-and-swap
 * SQLite needs to change a table (`__new_t` … DROP TABLE t … RENAME `__new_t` TO t).
 */
interface Replacements {
  columns: Set<string>;
  tables: Set<string>;
}

function replacementsIn(ops: SchemaOp[]): Replacements {
  return {
    columns: new Set(ops.flatMap((op) => (op.kind === 'addColumn' ? [`${op.table} ${op.column}`] : []))),
    tables: new Set(ops.flatMap((op) => (op.kind === 'createTable' ? [op.table] : op.kind === 'renameTable' && op.to ? [op.to] : []))),
  };
}

/** The finding a drop or rename makes, unless the migration puts the name back. */
function destructionOf(op: SchemaOp, replaced: Replacements): { messageId: string; data: Record<string, string> } | undefined {
  if (op.kind !== 'dropColumn' && op.kind !== 'renameColumn' && op.kind !== 'dropTable' && op.kind !== 'renameTable') return undefined;
  if (op.kind === 'dropColumn' && replaced.columns.has(`${op.table} ${op.column}`)) return undefined;
  if ((op.kind === 'dropTable' || op.kind === 'renameTable') && op.table && replaced.tables.has(op.table)) return undefined;
  return { messageId: op.kind, data: { table: op.table ?? 'a table', column: 'column' in op && op.column ? op.column : 'a column' } };
}

function checkDestructive(node: ts.CallExpression | ts.TaggedTemplateExpression, context: RuleContext): void {
  const found = changesAt(node, context.values);
  if (!found) return;
  const reported = new Set<string>();
  const replaced = replacementsIn(stepsIn(found.migration.up, context.values).map((s) => s.op));
  for (const step of found.steps) {
    const destruction = destructionOf(step.op, replaced);
    if (!destruction) continue;
    const key = `${destruction.messageId} ${destruction.data.table} ${destruction.data.column}`;
    if (reported.has(key)) continue;
    reported.add(key);
    context.report({ node: step.report, ...destruction });
  }
}

/** A `.sql` migration: one finding per action, at the action. */
function checkSqlFile(context: TextRuleContext): void {
  const migration = sqlFileMigration(context.file);
  const replaced = replacementsIn(migration.all.map((s) => s.op));
  for (const step of migration.steps) {
    const destruction = destructionOf(step.op, replaced);
    if (destruction) context.report({ range: step.span, ...destruction });
  }
}

export default rule;
