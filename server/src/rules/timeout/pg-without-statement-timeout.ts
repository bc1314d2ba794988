import ts = require('typescript');
import type { RuleContext, RuleModule, TextEdit } from '../../engine/types';
import { formatMessage } from '../../engine/messages';
import { unwrapExpression } from '../../engine/values';
import { addOptionEdit, replaceNode } from '../../fixes/edits';
import { TIMEOUT_CLIENTS } from '../../knowledge/timeout-clients';
import { PG_STATEMENT_TIMEOUT_SQL } from './facts';
import { hasSpreadArgument, isStringLike, type Verdict } from './support';

const { pg } = TIMEOUT_CLIENTS;

const rule: RuleModule = {
  meta: {
    id: 'timeout/pg-without-statement-timeout',
    category: 'timeout',
    layer: 'constraints',
    description: 'A node-postgres `Pool` or `Client` without `statement_timeout` or `query_timeout`: its queries may run forever.',
    why: 'Postgres runs a statement until it finishes: one slow query or lock wait holds a pooled connection, and a handful of them exhaust the pool and stall every request that needs the database.',
    howToFix: 'Set `statement_timeout` (server side, ms) and optionally `query_timeout` (client side) in the pool or client config.',
    messages: {
      missingStatementTimeout: 'Queries through this `{{callee}}` have no time limit: set `statement_timeout` (and optionally `query_timeout`) in its config.',
      addStatementTimeout: 'Set statement_timeout to {{ms}} ms',
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.NewExpression],
  prefilter: /['\"]pg['\"]/,
  create(context) {
    return {
      [ts.SyntaxKind.NewExpression]: (node) => checkNew(node as ts.NewExpression, context),
    };
  },
  // `SET statement_timeout`, `ALTER ROLE … SET statement_timeout` or a connection string with it, anywhere in the project.
  resolve: (_pending, facts) => !facts.has(PG_STATEMENT_TIMEOUT_SQL),
};

function checkNew(node: ts.NewExpression, context: RuleContext): void {
  const origin = context.values.origin(node.expression);
  if (origin.base.kind !== 'module' || !pg.modules.includes(origin.base.module)) return;
  if (origin.path.length !== 1 || !pg.classes.includes(origin.path[0]) || hasSpreadArgument(node)) return;
  const config = node.arguments?.[0];
  if (configVerdict(config, context) !== 'unbounded') return;
  const ms = context.settings.timeoutBudgetMs;
  const edit = statementTimeoutEdit(node, config, `statement_timeout: ${ms}`, context);
  context.report({
    node: node.expression,
    messageId: 'missingStatementTimeout',
    data: { callee: node.expression.getText(context.file.sourceFile) },
    fixes: edit ? [{ title: formatMessage(rule.meta.messages.addStatementTimeout, { ms }), kind: 'fix', edits: [edit] }] : [],
    pending: true,
  });
}

/** A config object, a connection string, or nothing (pg then reads `PG*` environment variables). */
function configVerdict(config: ts.Expression | undefined, context: RuleContext): Verdict {
  if (!config) return 'unbounded';
  const { values } = context;
  if (!values.objectLiteral(config)) {
    if (!isStringLike(config, values)) return 'unknown';
    return mentionsTimeout(config, context) ? 'bounded' : 'unbounded';
  }
  const timeout = values.lookupProperty(config, pg.timeoutOptions);
  if (timeout.status !== 'absent') return timeout.status === 'present' ? 'bounded' : 'unknown';
  // `connectionString: '…?options=-c statement_timeout=5000'`, `options: '-c statement_timeout=5000'`.
  const text = values.lookupProperty(config, pg.textOptions);
  if (text.status === 'present' && text.value && mentionsTimeout(text.value, context)) return 'bounded';
  return 'unbounded';
}

/** Whether a string value (or the const it names) spells out a timeout setting. */
function mentionsTimeout(value: ts.Expression, context: RuleContext): boolean {
  let node = unwrapExpression(value);
  if (ts.isIdentifier(node)) {
    const declaration = context.values.scopes.resolve(node);
    if (declaration?.kind === 'variable' && declaration.init && declaration.path.length === 0) node = unwrapExpression(declaration.init);
  }
  const text = node.getText(context.file.sourceFile).toLowerCase();
  return pg.timeoutSettings.some((setting) => text.includes(setting));
}

function statementTimeoutEdit(node: ts.NewExpression, config: ts.Expression | undefined, property: string, context: RuleContext): TextEdit | undefined {
  const { sourceFile } = context.file;
  if (!config) {
    if (node.arguments) return addOptionEdit(node, 0, property, sourceFile);
    // `new Pool` without parentheses.
    return { start: node.getEnd(), end: node.getEnd(), newText: `({ ${property} })` };
  }
  if (context.values.objectLiteral(config)) return addOptionEdit(node, 0, property, sourceFile);
  // A connection string: the same connection as a config object that can carry the timeout.
  return replaceNode(config, `{ connectionString: ${config.getText(sourceFile)}, ${property} }`, sourceFile);
}

export default rule;
