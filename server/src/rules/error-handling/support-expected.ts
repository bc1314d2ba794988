import ts = require('typescript');
import type { FileSettings } from '../../engine/types';
import { propertyNameText, qualifiedName, unwrapExpression, type ValueResolver } from '../../engine/values';
import { calleeName, enclosingFunction, forEachOwnNode, isHttpClientCall, isRecordingCall, localDeclarationOf, receiverOf } from './support';
import { knowledge } from './support-knowledge';

/**
 * Calls whose failure is the expected answer: parsing input, existence checks, feature detection,
 * lookups that throw when nothing is found (`findUniqueOrThrow`), and single-row writes whose
 * "no row" is expected (see `expectsMissingRow`).
 */
export function isExpectedFailureCall(call: ts.CallExpression | ts.NewExpression, values: ValueResolver): boolean {
  const origin = values.origin(call.expression);
  const qualified = qualifiedName(origin);
  if (qualified && knowledge.expectedFunctions.has(qualified)) return true;
  if (origin.base.kind === 'module' && knowledge.expectedModules.has(origin.base.module)) return true;
  if (call.expression.kind === ts.SyntaxKind.ImportKeyword) return true;
  const name = calleeName(call);
  if (!name) return false;
  if (ts.isIdentifier(unwrapExpression(call.expression)) && knowledge.expectedFunctions.has(name)) return true;
  // A cache read: a miss or a cache outage falls back to the source of truth.
  const receiver = ts.isCallExpression(call) ? receiverOf(call) : undefined;
  if (receiver && knowledge.cacheMethods.has(name) && knowledge.cacheReceiver.test(receiver.getText())) return true;
  if (ts.isCallExpression(call) && expectsMissingRow(call, name)) return true;
  return knowledge.expectedMethods.has(name) || knowledge.expectedMethodPattern.test(name);
}

/**
 * A Prisma-style single-row `delete({ where })`, or an `update({ where, data })` whose `where` adds a
 * condition to the key (`{ id, status: 'PENDING' }`): both throw when no row matches, and there "no
 * row" is the expected answer (already deleted, already moved on), not an outage. A plain update
 * by key (`where: { id }`) is still judged: its row is expected to exist.
 */
function expectsMissingRow(call: ts.CallExpression, name: string): boolean {
  const isDelete = knowledge.missingRowDeletes.has(name);
  if ((!isDelete && !knowledge.missingRowUpdates.has(name)) || call.arguments.length !== 1) return false;
  const options = unwrapExpression(call.arguments[0]);
  if (!ts.isObjectLiteralExpression(options)) return false;
  const where = options.properties.find((property) => propertyNameText(property.name) === 'where');
  if (!where || !ts.isPropertyAssignment(where)) return false;
  const filter = unwrapExpression(where.initializer);
  if (isDelete) return true;
  return ts.isObjectLiteralExpression(filter) && filter.properties.length >= 2 && !filter.properties.some(ts.isSpreadAssignment);
}

/**
 * A call of a function this file declares (`syncPrices()`, `this.refresh()`) whose body records its
 * own failures in a `catch` or a `.catch` handler (a logger, a tracker): if it fails, the failure
 * has been recorded already, so a caller that ignores it loses nothing.
 */
export function recordsOwnFailures(call: ts.CallExpression, settings: FileSettings, values: ValueResolver): boolean {
  const fn = localDeclarationOf(call, values);
  if (!fn?.body || fn === enclosingFunction(call)) return false;
  let records = false;
  const walk = (node: ts.Node): void => {
    if (records) return;
    if (ts.isCatchClause(node)) records = containsRecordingCall(node.block, settings, values);
    else if (ts.isCallExpression(node) && calleeName(node) === 'catch' && node.arguments.length === 1) {
      records = containsRecordingCall(node.arguments[0], settings, values);
    }
    ts.forEachChild(node, walk);
  };
  walk(fn.body);
  return records;
}

function containsRecordingCall(node: ts.Node, settings: FileSettings, values: ValueResolver): boolean {
  let found = false;
  const walk = (child: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(child) && isRecordingCall(child, settings, values)) found = true;
    else ts.forEachChild(child, walk);
  };
  walk(node);
  return found;
}

/**
 * The calls and awaits of a try block that can fail in a way its catch should not hide: an awaited
 * call other than an expected failure (JSON.parse, fs.stat, a cache read, a DNS lookup), cleanup
 * (unlink, close; only with `cleanupIsSafe`) or a local function that records its own failures;
 * a write called without `await` (`fs.writeFileSync`, `repo.save`, `sendInvoice`); an awaited
 * value that is not a call. Other synchronous code in a try is nearly always parsing, formatting
 * or validation, where the fallback in the catch is the intended answer, so it is not judged.
 */
export function unexpectedFailures(tryBlock: ts.Block, settings: FileSettings, values: ValueResolver, cleanupIsSafe: boolean): ts.Node[] {
  const risky: ts.Node[] = [];
  forEachOwnNode(tryBlock, (node) => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const name = calleeName(node) ?? '';
      if (isExpectedFailureCall(node, values) || (cleanupIsSafe && knowledge.cleanupMethods.has(name))) return;
      if (ts.isCallExpression(node) && recordsOwnFailures(node, settings, values)) return;
      if (isAwaited(node)) risky.push(node);
      // A synchronous call on a logger or metric (`impactMetrics.updateGauge(…)`) records; it does not write.
      else if ((knowledge.syncWrites.has(name) || knowledge.matterName.test(name)) && !isRecordingReceiverCall(node)) risky.push(node);
    } else if (ts.isAwaitExpression(node)) {
      const operand = unwrapExpression(node.expression);
      if (!ts.isCallExpression(operand) && !ts.isNewExpression(operand)) risky.push(node);
    }
  });
  return risky;
}

function isRecordingReceiverCall(call: ts.CallExpression | ts.NewExpression): boolean {
  const receiver = ts.isCallExpression(call) ? receiverOf(call) : undefined;
  return !!receiver && knowledge.recordingReceiver.test(unwrapExpression(receiver).getText());
}

function isAwaited(node: ts.Node): boolean {
  let current = node.parent;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isNonNullExpression(current)) current = current.parent;
  return ts.isAwaitExpression(current);
}

/**
 * `try { await nonces.insert(n); return true; } catch { return false; }`: an insert used as a claim
 * (a nonce, an idempotency key, a lock) whose `false` answers "already taken"; the unique
 * violation is the expected failure, and the caller is told. The catch either returns `false` or is
 * empty with `return false` right after the try.
 */
export function answersClaimTaken(statement: ts.TryStatement, risky: ts.Node[]): boolean {
  const statements = statement.tryBlock.statements;
  if (!returnsLiteral(statements[statements.length - 1], ts.SyntaxKind.TrueKeyword)) return false;
  const handler = statement.catchClause!.block.statements;
  const block = statement.parent;
  const next = ts.isBlock(block) ? block.statements[block.statements.indexOf(statement) + 1] : undefined;
  const answersFalse = handler.length === 0 ? returnsLiteral(next, ts.SyntaxKind.FalseKeyword) : handler.length === 1 && returnsLiteral(handler[0], ts.SyntaxKind.FalseKeyword);
  return answersFalse && risky.length > 0 && risky.every((node) => ts.isCallExpression(node) && knowledge.claimMethod.test(calleeName(node) ?? ''));
}

function returnsLiteral(statement: ts.Statement | undefined, kind: ts.SyntaxKind): boolean {
  return !!statement && ts.isReturnStatement(statement) && !!statement.expression && unwrapExpression(statement.expression).kind === kind;
}

/**
 * `getRates()`, `this.store.findUnique(…)`, `repo.count()`: a read by its name. Names that also
 * write (`findOneAndUpdate`, `getOrCreate`) and HTTP client calls are not reads.
 */
export function isReadCall(node: ts.Node, values: ValueResolver): boolean {
  if (!ts.isCallExpression(node)) return false;
  const name = calleeName(node) ?? '';
  if (!knowledge.readMethod.test(name) || knowledge.readNot.test(name) || knowledge.matterMethods.has(name)) return false;
  return !isHttpClientCall(node, values);
}
