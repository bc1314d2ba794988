import ts = require('typescript');
import type { Fix, RuleContext, RuleModule } from '../../engine/types';
import { bindingName, catchKeywordRange, catchDocumentsIntent, isBestEffortFunction, CATCH_PREFILTER } from './support';
import { answersClaimTaken, unexpectedFailures } from './support-expected';
import { handlesFailure, onlyReturnsDefault } from './support-catch';
import { logStatement, operationName, rewriteCatch } from './support-fix';

const rule: RuleModule = {
  meta: {
    id: 'error-handling/catch-returns-default',
    category: 'error-handling',
    layer: 'operation',
    description: 'A `catch` that only returns a default or a success value (`return null`, `return []`, `res.json({ success: true })`) without logging, rethrowing or recording the failure.',
    why: 'The caller cannot tell "nothing there" from "the database was down": a failed write reports success, an outage looks like an empty list, and no log or metric shows it happened.',
    howToFix: 'Log the error with the project logger and rethrow it; if the default is the intended answer, log the failure before returning it.',
    messages: {
      returnsDefault: 'This `catch` answers every failure with a default and leaves no trace: log the error and rethrow it (or log it before returning the fallback).',
      logAndRethrow: 'Log the failure and rethrow it',
      logAndReturn: 'Log the failure and keep the fallback',
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
  const block = clause.block;
  if (block.statements.length === 0 || !onlyReturnsDefault(block)) return;
  const errorName = bindingName(clause);
  if (handlesFailure(block, errorName, settings, values)) return;
  const tryStatement = clause.parent;
  // Parsing input, existence checks and feature detection: the default is the intended answer.
  const risky = unexpectedFailures(tryStatement.tryBlock, settings, values, false);
  if (risky.length === 0 || answersClaimTaken(tryStatement, risky)) return;
  if (catchDocumentsIntent(clause, file.sourceFile)) return;
  if (isBestEffortFunction(clause)) return;
  context.report({ range: catchKeywordRange(clause, file.sourceFile), messageId: 'returnsDefault', fixes: recordFixes(clause, context) });
}

function recordFixes(clause: ts.CatchClause, context: RuleContext): Fix[] {
  const { file, values, settings } = context;
  const errorName = bindingName(clause) ?? (clause.variableDeclaration ? undefined : 'err');
  if (!errorName) return [];
  const log = logStatement(clause, errorName, operationName(clause, 'operation'), settings, values);
  const body = clause.block.statements.map((statement) => statement.getText(file.sourceFile));
  return [
    { title: rule.meta.messages.logAndRethrow, kind: 'suggestion', edits: rewriteCatch(clause, log, [`throw ${errorName};`], file.sourceFile) },
    { title: rule.meta.messages.logAndReturn, kind: 'suggestion', edits: rewriteCatch(clause, log, body, file.sourceFile) },
  ];
}

export default rule;
