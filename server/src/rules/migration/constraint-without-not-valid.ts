import ts = require('typescript');
import type { Fix, RuleContext, RuleModule, TextRuleContext } from '../../engine/types';
import { resolvePostgresOnly } from './facts-dialect';
import { MIGRATION_PREFILTER } from './support';
import { changesAt } from './support-ops';
import { fileOffset } from './support-source';
import type { SchemaOp } from './support-sql';
import { SQL_MIGRATION_FILES, sqlFileMigration } from './support-sql-file';

const rule: RuleModule = {
  meta: {
    id: 'migration/constraint-without-not-valid',
    category: 'migration',
    layer: 'operation',
    description: 'A migration adds a foreign key or check constraint to an existing Postgres table without NOT VALID.',
    why: 'Adding a validated constraint scans every row while holding a lock that blocks writes (a foreign key also locks the referenced table): on a large table the service stalls for the whole scan.',
    howToFix: 'Add the constraint NOT VALID, then run ALTER TABLE … VALIDATE CONSTRAINT in a later migration; it scans without blocking writes.',
    messages: {
      foreignKey: 'Adding FOREIGN KEY to {{table}} checks every row under a SHARE ROW EXCLUSIVE lock on both tables, blocking writes: add it NOT VALID, then VALIDATE CONSTRAINT in a later migration.',
      check: 'Adding CHECK to {{table}} scans every row under an ACCESS EXCLUSIVE lock, blocking reads and writes: add it NOT VALID, then VALIDATE CONSTRAINT in a later migration.',
      addNotValid: 'Add the constraint NOT VALID (validate it in a later migration)',
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.TaggedTemplateExpression],
  scope: 'any',
  prefilter: MIGRATION_PREFILTER,
  create(context) {
    const check = (node: ts.Node) => checkConstraints(node as ts.CallExpression | ts.TaggedTemplateExpression, context);
    return { [ts.SyntaxKind.CallExpression]: check, [ts.SyntaxKind.TaggedTemplateExpression]: check };
  },
  resolve: resolvePostgresOnly,
  text: { paths: SQL_MIGRATION_FILES, lineComment: '--', check: checkSqlFile },
};

type ConstraintOp = Extract<SchemaOp, { kind: 'addConstraint' }>;

function needsNotValid(op: SchemaOp, mysql: boolean): op is ConstraintOp {
  return !mysql && op.kind === 'addConstraint' && !op.notValid;
}

function finding(op: ConstraintOp) {
  return { messageId: op.constraint === 'CHECK' ? 'check' : 'foreignKey', data: { table: op.table ?? 'an existing table' } };
}

function addNotValid(at: number | undefined): Fix[] {
  return at === undefined ? [] : [{ title: rule.meta.messages.addNotValid, kind: 'suggestion', edits: [{ start: at, end: at, newText: ' NOT VALID' }] }];
}

function checkConstraints(node: ts.CallExpression | ts.TaggedTemplateExpression, context: RuleContext): void {
  const found = changesAt(node, context.values);
  if (!found) return;
  for (const step of found.steps) {
    const op = step.op;
    if (!needsNotValid(op, step.mysql)) continue;
    const at = step.sql && op.insertAt !== undefined ? fileOffset(step.sql, op.insertAt) : undefined;
    context.report({ node: step.report, ...finding(op), fixes: addNotValid(at), pending: true });
  }
}

/** A `.sql` migration: the constraint's action, with NOT VALID inserted at its end. */
function checkSqlFile(context: TextRuleContext): void {
  for (const step of sqlFileMigration(context.file).steps) {
    if (needsNotValid(step.op, step.mysql)) context.report({ range: step.span, ...finding(step.op), fixes: addNotValid(step.op.insertAt), pending: true });
  }
}

export default rule;
