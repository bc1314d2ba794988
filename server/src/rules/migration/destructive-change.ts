import ts = require('typescript');
import type { RuleContext, RuleModule } from '../../engine/types';
import { MIGRATION_PREFILTER } from './support';
import { changesAt, stepsIn } from './support-ops';

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
};

function checkDestructive(node: ts.CallExpression | ts.TaggedTemplateExpression, context: RuleContext): void {
  const found = changesAt(node, context.values);
  if (!found) return;
  const reported = new Set<string>();
  const readded = new Set(stepsIn(found.migration.up, context.values).flatMap((s) => (s.op.kind === 'addColumn' ? [`${s.op.table} ${s.op.column}`] : [])));
  for (const step of found.steps) {
    const op = step.op;
    if (op.kind !== 'dropColumn' && op.kind !== 'renameColumn' && op.kind !== 'dropTable' && op.kind !== 'renameTable') continue;
    // Dropped and added again by the same migration (to change its definition): readers still find it.
    if (op.kind === 'dropColumn' && readded.has(`${op.table} ${op.column}`)) continue;
    const data = { table: op.table ?? 'a table', column: 'column' in op && op.column ? op.column : 'a column' };
    const key = `${op.kind} ${data.table} ${data.column}`;
    if (reported.has(key)) continue;
    reported.add(key);
    context.report({ node: step.report, messageId: op.kind, data });
  }
}

export default rule;
