import ts = require('typescript');
import type { Fix, RuleContext, RuleModule, TextEdit } from '../../engine/types';
import { enclosingHandlerScope, handlerScopes } from '../../routes/reach';
import { bindingName, CATCH_PREFILTER } from '../error-handling/support';
import { logStatement, operationName } from '../error-handling/support-fix';
import { indentOf } from '../../fixes/edits';
import { serverErrorResponse, type ServerErrorResponse } from './support-responses';
import { emitsSignal, enclosingStatement, functionEmitsSignal } from './support';
import { criticalOperation } from './support-critical';
import { NEST_RECORDING_FILTER } from './facts-nest-filters';
import { someCalleeRecords } from './facts-recording-functions';

const rule: RuleModule = {
  meta: {
    id: 'observability/failure-response-unrecorded',
    category: 'observability',
    layer: 'operation',
    description:
      'A `catch` in a request handler that answers 5xx (`res.status(500)`, `reply.code(500)`, `ctx.status = 500`, `c.json(x, 500)`, `NextResponse.json(x, { status: 500 })`, a thrown Nest `InternalServerErrorException`) and records nothing: no log, metric, span or error report, no rethrow, no `next(err)`.',
    why: 'The request failed on the server and the error is gone: the client sees a 500, the access log shows a status code, but the exception, its stack and its cause are nowhere. On-call cannot tell a bug from an outage, and an alert on error logs never fires.',
    howToFix: 'Log the caught error (or report it to the error tracker) before answering 5xx.',
    messages: {
      unrecorded: 'This 5xx answer discards the caught error: nothing in the `catch` logs, reports or rethrows it. Log the error before responding.',
      logError: 'Log the caught error before responding',
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
  resolve(pending, facts) {
    const { nestFilter, callees } = pending as Pending;
    if (nestFilter && facts.has(NEST_RECORDING_FILTER)) return false;
    return !someCalleeRecords(callees, facts);
  },
};

/** What other files may show: a Nest filter that logs thrown exceptions, callees that log and rethrow. */
interface Pending {
  nestFilter: boolean;
  callees: string[];
}

function checkCatch(clause: ts.CatchClause, context: RuleContext): void {
  const { file, settings, values } = context;
  const response = firstServerErrorResponse(clause.block, context);
  if (!response || rethrows(clause.block, response, context)) return;
  if (!response.selfEvident && !enclosingHandlerScope(clause, handlerScopes(file, values, settings))) return;
  if (emitsSignal(clause.block, settings, values, (node) => node === response.response)) return;
  // One finding per gap: a critical call in the try of a function that records nothing is reported there.
  if (reportedAsCriticalOperation(clause, context)) return;
  // A thrown Nest exception is recorded when a project exception filter logs HttpExceptions; a
  // failure of a callee that logs and rethrows (`catch (e) { logger.error(e); throw e; }`) is on record.
  const pending: Pending = { nestFilter: ts.isThrowStatement(response.response), callees: calleeNames(clause.parent.tryBlock) };
  context.report({ node: response.anchor, messageId: 'unrecorded', fixes: logFix(clause, response, context), pending });
}

/** Names of the functions a try block calls (`getProfile` of `this.dataService.getProfile()`). */
function calleeNames(block: ts.Block): string[] {
  const names = new Set<string>();
  const walk = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isIdentifier(callee)) names.add(callee.text);
      else if (ts.isPropertyAccessExpression(callee)) names.add(callee.name.text);
    }
    ts.forEachChild(node, walk);
  };
  walk(block);
  return [...names];
}

function reportedAsCriticalOperation(clause: ts.CatchClause, context: RuleContext): boolean {
  const { settings, values } = context;
  let critical = false;
  const walk = (node: ts.Node): void => {
    if (critical || ts.isFunctionLike(node)) return;
    critical = (ts.isCallExpression(node) || ts.isNewExpression(node)) && !!criticalOperation(node, settings, values);
    if (!critical) ts.forEachChild(node, walk);
  };
  walk(clause.parent.tryBlock);
  if (!critical) return false;
  let fn: ts.Node | undefined = clause.parent;
  while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
  return !!fn && !functionEmitsSignal(fn as ts.FunctionLikeDeclaration, settings, values);
}

/** The first 5xx answer of a catch block, outside nested functions and nested catches (judged on their own). */
function firstServerErrorResponse(block: ts.Block, context: RuleContext): ServerErrorResponse | undefined {
  let found: ServerErrorResponse | undefined;
  const walk = (node: ts.Node): void => {
    if (found || ts.isFunctionLike(node) || ts.isClassLike(node) || ts.isCatchClause(node)) return;
    found = serverErrorResponse(node, context.values);
    if (!found) ts.forEachChild(node, walk);
  };
  ts.forEachChild(block, walk);
  return found;
}

/**
 * A `throw` other than the 5xx answer itself passes the failure on to whoever records it. A Nest
 * HttpException (`throw new NotFoundException()`) is an answer, not a hand-off: Nest doesn't log it.
 */
function rethrows(block: ts.Block, response: ServerErrorResponse, context: RuleContext): boolean {
  let found = false;
  const walk = (node: ts.Node): void => {
    if (found || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isThrowStatement(node) && node !== response.response && !isNestHttpException(node.expression, context)) found = true;
    else ts.forEachChild(node, walk);
  };
  ts.forEachChild(block, walk);
  return found;
}

function isNestHttpException(expression: ts.Expression, context: RuleContext): boolean {
  if (!ts.isNewExpression(expression) || !ts.isIdentifier(expression.expression) || !/Exception$/.test(expression.expression.text)) return false;
  const origin = context.values.origin(expression.expression);
  return origin.base.kind === 'module' && origin.base.module === '@nestjs/common';
}

/** Logs the caught error before the statement that answers, naming the error when the clause has no binding. */
function logFix(clause: ts.CatchClause, response: ServerErrorResponse, context: RuleContext): Fix[] {
  const { file, settings, values } = context;
  const errorName = bindingName(clause) ?? (clause.variableDeclaration ? undefined : 'err');
  const statement = enclosingStatement(response.response);
  if (!errorName || !statement) return [];
  const log = logStatement(clause, errorName, operationName(clause, 'request'), settings, values);
  const start = statement.getStart(file.sourceFile);
  const edits: TextEdit[] = [{ start, end: start, newText: `${log}\n${indentOf(statement, file.sourceFile)}` }];
  if (!clause.variableDeclaration) {
    const keywordEnd = clause.getStart(file.sourceFile) + 'catch'.length;
    edits.unshift({ start: keywordEnd, end: keywordEnd, newText: ' (err)' });
  }
  return [{ title: rule.meta.messages.logError, kind: 'suggestion', edits }];
}

export default rule;
