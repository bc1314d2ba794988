import ts = require('typescript');
import type { Fix, RuleContext, RuleModule } from '../../engine/types';
import { handlerScopes } from '../../routes/reach';
import { enclosingFunction, functionName } from '../error-handling/support';
import { projectLogger } from '../error-handling/support-fix';
import { indentOf } from '../../fixes/edits';
import { criticalOperation, criticalPrefilter, type CriticalOperation } from './support-critical';
import { criticalFunctionRecords } from './facts-critical-functions';
import { enclosingStatement, functionEmitsSignal } from './support';

const rule: RuleModule = {
  meta: {
    id: 'observability/critical-operation-unrecorded',
    category: 'observability',
    layer: 'operation',
    description:
      'A money-moving or otherwise critical operation (a Stripe, Braintree, Square or PayPal charge, refund, payout or cancellation; a project function such as `chargeCustomer`, `placeOrder`, `deleteAccount`; `metrics.criticalOperations`) in a function that emits no log, metric or span at all — neither on success nor on failure.',
    why: 'When a payment, refund or account deletion fails — or succeeds twice — nobody can tell: no log line to search, no metric to alert on, no span to follow. Request-level instrumentation shows that a request ran, not that a refund of 40 € failed.',
    howToFix: 'Log the outcome of the operation with the project logger (or add a metric or span), on the success and the failure path.',
    messages: {
      unrecorded: '`{{operation}}` is a critical operation, and {{where}} records nothing about it — no log, metric or span on success or failure. Log its outcome (or count it in a metric) so a failed or duplicated one can be found.',
      logOutcome: 'Log the operation with the project logger',
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression],
  prefilter: criticalPrefilter,
  create(context) {
    // One finding per function: the first unrecorded critical operation stands for the gap.
    const reported = new Set<ts.Node>();
    const check = (node: ts.Node) => checkOperation(node as ts.CallExpression | ts.NewExpression, context, reported);
    return { [ts.SyntaxKind.CallExpression]: check, [ts.SyntaxKind.NewExpression]: check };
  },
  resolve: (pending, facts) => !criticalFunctionRecords(pending as string, facts),
};

function checkOperation(node: ts.CallExpression | ts.NewExpression, context: RuleContext, reported: Set<ts.Node>): void {
  const { settings, values } = context;
  const operation = criticalOperation(node, settings, values);
  if (!operation) return;
  const scope = observedFunction(node, context);
  if (!scope?.body || reported.has(scope)) return;
  if (functionEmitsSignal(scope, settings, values, (child) => isCriticalCall(child, context))) return;
  reported.add(scope);
  const name = functionName(scope);
  context.report({
    node: operation.anchor,
    messageId: 'unrecorded',
    data: { operation: operation.label, where: name ? `\`${name}\`` : 'the function around it' },
    fixes: logFix(node, operation, context),
    // A project function is judged with its declarations across the project, once every file was seen.
    pending: operation.projectFunction,
  });
}

function isCriticalCall(node: ts.Node, context: RuleContext): boolean {
  return (ts.isCallExpression(node) || ts.isNewExpression(node)) && !!criticalOperation(node, context.settings, context.values);
}

/**
 * The function whose signals count for a call: the nearest enclosing one, widened from a callback
 * (`items.map(async (i) => …)`, `tracer.startActiveSpan('x', async () => …)`) to the function that
 * passes it, but never past a request handler (routes registered in one setup function stay apart).
 */
function observedFunction(node: ts.Node, context: RuleContext): ts.FunctionLikeDeclaration | undefined {
  const handlers = handlerScopes(context.file, context.values, context.settings);
  let fn = enclosingFunction(node);
  while (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isCallExpression(fn.parent) && !handlers.has(fn)) {
    const outer = enclosingFunction(fn);
    if (!outer) break;
    fn = outer;
  }
  return fn;
}

/** A log line next to the operation: after its statement, or before a `return`/`throw` that ends the function there. */
function logFix(node: ts.Node, operation: CriticalOperation, context: RuleContext): Fix[] {
  const { file, settings, values } = context;
  const statement = enclosingStatement(node);
  if (!statement) return [];
  const logger = projectLogger(node, settings, values);
  const method = logger.style === 'nest' ? 'log' : 'info';
  const before = ts.isReturnStatement(statement) || ts.isThrowStatement(statement);
  const message = `'${operation.label.replace(/['\\]/g, '')} ${before ? 'requested' : 'completed'}'`;
  const log = `${logger.expression}.${method}(${message});`;
  const indent = indentOf(statement, file.sourceFile);
  const edit = before
    ? { start: statement.getStart(file.sourceFile), end: statement.getStart(file.sourceFile), newText: `${log}\n${indent}` }
    : { start: statement.getEnd(), end: statement.getEnd(), newText: `\n${indent}${log}` };
  return [{ title: rule.meta.messages.logOutcome, kind: 'suggestion', edits: [edit] }];
}

export default rule;
