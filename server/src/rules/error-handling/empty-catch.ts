import ts = require('typescript');
import type { RuleContext, RuleModule } from '../../engine/types';
import { bindingName, functionName, catchKeywordRange, catchDocumentsIntent, isBestEffortFunction, CATCH_PREFILTER } from './support';
import { answersClaimTaken, isReadCall, unexpectedFailures } from './support-expected';
import { logStatement, operationName, rewriteCatch } from './support-fix';

const rule: RuleModule = {
  meta: {
    id: 'error-handling/empty-catch',
    category: 'error-handling',
    layer: 'operation',
    description: 'A `catch` block with no statements: the failure disappears without a trace.',
    why: 'The operation failed and nothing knows: no log, no metric, no error for the caller. The bug surfaces later as missing or corrupt data, far from its cause, and on-call has nothing to search for.',
    howToFix: 'Log the error with the project logger and rethrow it, or handle the specific failure you expect and rethrow the rest.',
    messages: {
      emptyCatch: 'This `catch` swallows every failure of the `try` block: log it and rethrow, or handle the failure you expect.',
      logAndRethrow: 'Log the failure and rethrow it',
      logOnly: 'Log the failure and continue',
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.CatchClause],
  prefilter: CATCH_PREFILTER,
  create(context) {
    return {
      [ts.SyntaxKind.CatchClause]: (node) => checkCatch(node as ts.CatchClause, context),
    };
  },
};

function checkCatch(clause: ts.CatchClause, context: RuleContext): void {
  const { file, values, settings } = context;
  if (clause.block.statements.length > 0) return;
  const tryStatement = clause.parent;
  const risky = unexpectedFailures(tryStatement.tryBlock, settings, values, true);
  if (risky.length === 0 || answersClaimTaken(tryStatement, risky)) return;
  // Only reads: the code after the try goes on without the data, and has to cope with its absence.
  if (risky.every((node) => isReadCall(node, values))) return;
  // Documented best effort: `catch { /* ignore: already gone */ }` or a comment on the try.
  if (catchDocumentsIntent(clause, file.sourceFile)) return;
  if (isBestEffortFunction(clause) || isInsideCleanup(clause)) return;
  if (risky.every(isDeleteCall) && authoritativeDeleteFollows(tryStatement)) return;
  const errorName = bindingName(clause) ?? (clause.variableDeclaration ? undefined : 'err');
  const fixes = [];
  if (errorName) {
    const log = logStatement(clause, errorName, operationName(clause, 'operation'), settings, values);
    fixes.push(
      { title: rule.meta.messages.logAndRethrow, kind: 'suggestion' as const, edits: rewriteCatch(clause, log, [`throw ${errorName};`], file.sourceFile) },
      { title: rule.meta.messages.logOnly, kind: 'suggestion' as const, edits: rewriteCatch(clause, log, [], file.sourceFile) },
    );
  }
  context.report({ range: catchKeywordRange(clause, file.sourceFile), messageId: 'emptyCatch', fixes });
}

const DELETES = /^(delete|deleteMany|deleteOne|destroy|remove|removeMany|del)$/;

function isDeleteCall(node: ts.Node): boolean {
  const call = ts.isAwaitExpression(node) ? node.expression : node;
  return ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && DELETES.test(call.expression.name.text);
}

/**
 * Clearing related rows before deleting the record itself (`try { await db.sessions.deleteMany(…) } catch {}`
 * … `await db.user.delete(…)`): the delete that matters comes later, uncaught, and fails loudly; the
 * pre-deletes are a best effort (foreign keys usually cascade them anyway).
 */
function authoritativeDeleteFollows(tryStatement: ts.TryStatement): boolean {
  let fn: ts.Node | undefined = tryStatement.parent;
  while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
  const body = fn && (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return false;
  let found = false;
  const walk = (node: ts.Node, caught: boolean): void => {
    if (found || (ts.isFunctionLike(node) && node !== fn)) return;
    if (!caught && node.pos > tryStatement.end && isDeleteCall(node)) {
      found = true;
      return;
    }
    const inTry = ts.isTryStatement(node) && !!node.catchClause;
    ts.forEachChild(node, (child) => walk(child, caught || (inTry && child === (node as ts.TryStatement).tryBlock)));
  };
  walk(body, false);
  return found;
}

/** A `finally` block or a teardown function: a failure there must not hide the one being unwound. */
function isInsideCleanup(clause: ts.CatchClause): boolean {
  for (let node: ts.Node = clause.parent; node.parent; node = node.parent) {
    const parent = node.parent;
    if (ts.isTryStatement(parent) && parent.finallyBlock === node) return true;
    if (ts.isFunctionLike(parent)) {
      const name = functionName(parent as ts.FunctionLikeDeclaration) ?? '';
      return /^(close|dispose|cleanup|cleanUp|teardown|tearDown|shutdown|destroy|stop|disconnect|release|unmount|onModuleDestroy|onApplicationShutdown|beforeApplicationShutdown)/.test(name);
    }
  }
  return false;
}

export default rule;
