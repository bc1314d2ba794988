import ts = require('typescript');
import type { RuleContext, RuleModule, TextEdit } from '../../engine/types';
import { qualifiedName, unwrapExpression } from '../../engine/values';
import { bindingName, calleeName, isHttpClientCall, catchKeywordRange, enclosingFunction, forEachOwnNode, localDeclarationOf, receiverOf, CATCH_PREFILTER } from './support';
import { knowledge } from './support-knowledge';

const rule: RuleModule = {
  meta: {
    id: 'error-handling/unawaited-return-in-try',
    category: 'error-handling',
    layer: 'operation',
    description: '`return promise` (without `await`) inside a `try` of an async function: a rejection skips the `catch`.',
    why: 'The function returns before the promise settles, so its rejection never reaches the `catch`: the logging, mapping or cleanup written there does not run for the failures it was written for.',
    howToFix: 'Write `return await call()` so the promise settles inside the `try`.',
    messages: {
      bypassed: 'A rejection of `{{callee}}` skips this `catch`: the promise is returned from the `try` without `await`. Use `return await`.',
      addAwait: 'Await the returned promise inside the try (`return await`)',
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.TryStatement],
  prefilter: CATCH_PREFILTER,
  create(context) {
    return {
      [ts.SyntaxKind.TryStatement]: (node) => checkTry(node as ts.TryStatement, context),
    };
  },
};

function checkTry(statement: ts.TryStatement, context: RuleContext): void {
  const clause = statement.catchClause;
  const fn = enclosingFunction(statement);
  if (!clause || !fn || !isAsync(fn) || !catchDoesWork(clause) || rethrowsToOuterHandler(fn, clause)) return;
  const returned: ts.CallExpression[] = [];
  forEachOwnNode(statement.tryBlock, (node) => {
    if (!ts.isReturnStatement(node) || !node.expression) return;
    const expression = skipParentheses(node.expression);
    if (ts.isCallExpression(expression) && returnsPromise(expression, context) && !retriedInCatch(expression, clause)) returned.push(expression);
  });
  if (returned.length === 0) return;
  const { sourceFile } = context.file;
  const edits: TextEdit[] = returned.map((call) => ({ start: call.getStart(sourceFile), end: call.getStart(sourceFile), newText: 'await ' }));
  context.report({
    range: catchKeywordRange(clause, sourceFile),
    messageId: 'bypassed',
    data: { callee: returned[0].expression.getText(sourceFile).replace(/\s+/g, '') },
    fixes: [{ title: rule.meta.messages.addAwait, kind: 'fix', edits }],
  });
}

function isAsync(fn: ts.FunctionLikeDeclaration): boolean {
  return !!ts.getModifiers(fn)?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword);
}

/** A catch that only rethrows its error (`catch (e) { throw e; }`) behaves the same either way; an empty one is empty-catch's. */
function catchDoesWork(clause: ts.CatchClause): boolean {
  const statements = clause.block.statements;
  if (statements.length === 0) return false;
  const only = statements[0];
  if (statements.length === 1 && ts.isThrowStatement(only) && ts.isIdentifier(unwrapExpression(only.expression))) {
    return (unwrapExpression(only.expression) as ts.Identifier).text !== bindingName(clause);
  }
  // `catch { return null }`-style bodies are catch-returns-default's finding; here the catch must act.
  let acts = false;
  forEachOwnNode(clause.block, (node) => {
    if (ts.isCallExpression(node) || ts.isThrowStatement(node) || ts.isNewExpression(node)) acts = true;
  });
  return acts;
}

/**
 * `await prisma.$transaction(async (tx) => { try { return tx.x.create(…) } catch (e) { throw new
 * ConflictException(e) } })` inside a try whose catch handles the failure: the un-awaited rejection
 * still rolls the transaction back and reaches that outer catch, only without the wrapper. A catch
 * that does more than rethrow (logs, recovers) is still judged.
 */
function rethrowsToOuterHandler(fn: ts.FunctionLikeDeclaration, clause: ts.CatchClause): boolean {
  const statements = clause.block.statements;
  if (statements.length !== 1 || !ts.isThrowStatement(statements[0])) return false;
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression) || !knowledge.transactionMethods.has(calleeName(call) ?? '')) return false;
  for (let node: ts.Node = call; node.parent && !ts.isFunctionLike(node); node = node.parent) {
    const parent = node.parent;
    if (ts.isTryStatement(parent) && parent.tryBlock === node && parent.catchClause && parent.catchClause.block.statements.length > 0) return true;
  }
  return false;
}

/** `try { return refresh() } catch { return refresh() }`: awaiting would run the fallback twice on its own failure. */
function retriedInCatch(call: ts.CallExpression, clause: ts.CatchClause): boolean {
  const callee = call.expression.getText();
  let found = false;
  forEachOwnNode(clause.block, (node) => {
    if (ts.isCallExpression(node) && node.expression.getText() === callee) found = true;
  });
  return found;
}

function skipParentheses(expression: ts.Expression): ts.Expression {
  let node = expression;
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  return node;
}

/**
 * Conservative: a local async (or `Promise`-typed) function or method, a known HTTP client, a
 * `.then`/`.catch`/`.finally` chain, `Promise.all`-style combinators, or a data-access method from
 * the catalogue (`repo.save`, `prisma.user.findUnique`). Calls of anything else are not judged.
 */
function returnsPromise(call: ts.CallExpression, context: RuleContext): boolean {
  const name = calleeName(call);
  if (!name) return false;
  const receiver = receiverOf(call);
  if (receiver && (name === 'then' || name === 'catch' || name === 'finally')) return true;
  if (receiver?.kind === ts.SyntaxKind.ThisKeyword) {
    const method = localDeclarationOf(call, context.values);
    return !!method && declaresPromise(method);
  }
  const origin = context.values.origin(call.expression);
  if (origin.base.kind === 'function' && origin.path.length === 0) return declaresPromise(origin.base.node);
  const qualified = qualifiedName(origin);
  if (qualified && /^Promise\.(all|allSettled|race|any)$/.test(qualified)) return true;
  if (isHttpClientCall(call, context.values)) return true;
  if (origin.base.kind === 'function' || origin.base.kind === 'object' || origin.base.kind === 'class') return false;
  return !!receiver && knowledge.promiseMethods.has(name);
}

function declaresPromise(fn: ts.FunctionLikeDeclaration): boolean {
  return isAsync(fn) || (!!fn.type && /^Promise\s*</.test(fn.type.getText()));
}

export default rule;
