import ts = require('typescript');
import type { FileSettings, OffsetRange } from '../../engine/types';
import { creatorOf, enclosingFunction, propertyNameText, qualifiedName, unwrapExpression, type Origin, type ValueResolver } from '../../engine/values';
import { knowledge } from './support-knowledge';

/** Shared by the catch-clause rules, so the runner scans a file's text for it once. */
export const CATCH_PREFILTER = /\bcatch\b/;

/** The `catch` keyword of a clause: where its findings sit. */
export function catchKeywordRange(clause: ts.CatchClause, sourceFile: ts.SourceFile): OffsetRange {
  const start = clause.getStart(sourceFile);
  return { start, end: start + 'catch'.length };
}

/** Visits a subtree without entering nested functions (their statements run at another time). */
export function forEachOwnNode(node: ts.Node, visit: (node: ts.Node) => void): void {
  ts.forEachChild(node, function walk(child): void {
    if (ts.isFunctionLike(child) || ts.isClassLike(child)) return;
    visit(child);
    ts.forEachChild(child, walk);
  });
}

/** The last name of a callee: `prisma.user.create` → `create`, `fetch` → `fetch`. */
export function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = unwrapExpression(call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  if (ts.isElementAccessExpression(callee)) return propertyNameText(callee.argumentExpression);
  return undefined;
}

/** The object a method is called on, as written (`this.logger`, `res.status(500)`). */
export function receiverOf(call: ts.CallExpression): ts.Expression | undefined {
  const callee = unwrapExpression(call.expression);
  return ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee) ? callee.expression : undefined;
}

export { enclosingFunction };

/** A function's name, or the name it is bound to (`const load = async () => …`, `{ load() {} }`). */
export function functionName(fn: ts.FunctionLikeDeclaration | undefined): string | undefined {
  if (!fn) return undefined;
  if (fn.name) return propertyNameText(fn.name);
  const parent = fn.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) {
    return propertyNameText(parent.name as ts.PropertyName);
  }
  return undefined;
}

/**
 * The declaration a call runs when this file shows it: a local function (`load()`, `const load =
 * async () => …`) or a method of the enclosing class (`this.load()`, a method or an arrow property).
 */
export function localDeclarationOf(call: ts.CallExpression, values: ValueResolver): ts.FunctionLikeDeclaration | undefined {
  const receiver = receiverOf(call);
  if (receiver?.kind === ts.SyntaxKind.ThisKeyword) return thisMethodOf(call, calleeName(call));
  if (receiver) return undefined;
  const origin = values.origin(call.expression);
  return origin.base.kind === 'function' && origin.path.length === 0 ? origin.base.node : undefined;
}

function thisMethodOf(call: ts.CallExpression, name: string | undefined): ts.FunctionLikeDeclaration | undefined {
  for (let node: ts.Node | undefined = call.parent; node; node = node.parent) {
    if (!ts.isClassLike(node)) continue;
    for (const member of node.members) {
      if (propertyNameText(member.name) !== name) continue;
      if (ts.isMethodDeclaration(member)) return member;
      if (ts.isPropertyDeclaration(member) && member.initializer && ts.isArrowFunction(member.initializer)) return member.initializer;
    }
    return undefined;
  }
  return undefined;
}

/** `tryLoad`, `safeParse`, `isReachable`: the name says a failure is an answer, not an incident. */
export function isBestEffortFunction(node: ts.Node): boolean {
  const fn = enclosingFunction(node);
  const name = functionName(fn);
  return (!!name && knowledge.bestEffortFunction.test(name)) || (!!fn && isValidatorCallback(fn));
}

/** `z.string().refine((v) => { try { … } catch { return false } })`: `false` is the validator's answer. */
function isValidatorCallback(fn: ts.FunctionLikeDeclaration): boolean {
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return false;
  return /^(refine|superRefine|refinement|validate|validator|test|check|custom|filter|some|every|find)$/.test(calleeName(call) ?? '');
}

/**
 * A comment in `text` that documents the failure as expected: it says so (`// ignore: already
 * deleted`, `/* best effort *\/`), or it explains in a sentence (five words or more) why going on
 * is right (only where the handler is: a sentence above a `try` may describe anything). A to-do (`// TODO: handle error`) or a bare label (`// error`) documents nothing.
 */
export function documentsIntent(text: string, explanationCounts: boolean): boolean {
  const comments = text.match(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g) ?? [];
  return comments.some((comment) => {
    // A comment naming one of these rules is addressed to prodgap (an acceptance), not documentation.
    if (/error-handling\/|TODO|FIXME|XXX|HACK|\bhandle\b/i.test(comment)) return false;
    return knowledge.intentComment.test(comment) || (explanationCounts && (comment.match(/[a-z]{2,}/gi) ?? []).length >= 5);
  });
}

/** The comments above a node (`// best effort: the cache may be down` over a `.catch` chain). */
export function leadingComments(node: ts.Node, sourceFile: ts.SourceFile): string {
  const text = sourceFile.text;
  return (ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []).map((r) => text.slice(r.pos, r.end)).join('\n');
}

/**
 * Whether a catch documents its intent: inside its block (`catch { /* ignore *\/ }`, an
 * explanation), or by intent words above its `try` or before the `}` that closes the try block
 * (`// eslint-disable-next-line no-empty`).
 */
export function catchDocumentsIntent(clause: ts.CatchClause, sourceFile: ts.SourceFile): boolean {
  const tryBlock = clause.parent.tryBlock;
  const last = tryBlock.statements[tryBlock.statements.length - 1];
  const text = sourceFile.text;
  const block = text.slice(clause.block.getStart(sourceFile), clause.block.getEnd());
  const beforeCatch = text.slice(last ? last.getEnd() : tryBlock.getStart(sourceFile), tryBlock.getEnd());
  return documentsIntent(block, true) || documentsIntent(`${leadingComments(clause.parent, sourceFile)}\n${beforeCatch}`, false);
}

/** `fetch(…)`, `axios.post(…)`, `got(…)`, or a method of an instance from `axios.create(…)`. */
export function isHttpClientCall(call: ts.CallExpression, values: ValueResolver): boolean {
  const origin = values.origin(call.expression);
  const isClient = (name: string) => [...knowledge.matterClients].some((client) => name === client || name.startsWith(`${client}.`));
  const qualified = qualifiedName(origin);
  if (qualified) return isClient(qualified);
  // An instance counts only when a client factory made it: a `fetch` Response's `.json()` does not.
  const creator = creatorOf(origin)?.name;
  return !!creator && /\.create$/.test(creator) && isClient(creator);
}

/** A catch binding's name (`catch (err)`), or undefined for none or a destructuring. */
export function bindingName(clause: ts.CatchClause): string | undefined {
  const name = clause.variableDeclaration?.name;
  return name && ts.isIdentifier(name) ? name.text : undefined;
}

/** True when `name` is read anywhere in `node` (a catch block, a handler body). */
export function references(node: ts.Node, name: string | undefined): boolean {
  if (!name) return false;
  let found = false;
  const walk = (child: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(child) && child.text === name) found = true;
    else ts.forEachChild(child, walk);
  };
  ts.forEachChild(node, walk);
  return found;
}

/** A call that records or passes on a failure: a logger, tracker, span or metric, `next(err)`, `reject(e)`. */
export function isRecordingCall(call: ts.CallExpression, settings: FileSettings, values: ValueResolver): boolean {
  const name = calleeName(call);
  if (!name) return false;
  const receiver = receiverOf(call);
  const receiverText = receiver && unwrapExpression(receiver).getText();
  if (receiverText !== undefined && (knowledge.recordingReceiver.test(receiverText) || settings.loggerNames.includes(receiverText))) return true;
  if (settings.loggerNames.includes(name) || knowledge.recordingCallee.test(name)) return true;
  if (knowledge.handoffFunctions.has(name) && !receiver) return true;
  const origin = values.origin(call.expression);
  const qualified = qualifiedName(origin);
  if (qualified && knowledge.handoffFunctions.has(qualified)) return true;
  const module = originModule(origin);
  return !!module && (knowledge.recordingModules.has(module) || settings.metricsModules.includes(module));
}

/** The module a value comes from, through the calls and `new`s that built it (`new client.Counter(…)` → prom-client). */
function originModule(origin: Origin): string | undefined {
  let current = origin;
  for (let hops = 0; hops < 4; hops++) {
    const base = current.base;
    if (base.kind === 'module') return base.module;
    if (base.kind === 'call') current = base.callee;
    else if (base.kind === 'new') current = base.ctor;
    else if (base.kind === 'typed') current = base.type;
    else return undefined;
  }
  return undefined;
}

/** A numeric literal ≥ 400 (or a non-literal status: can't tell, so it counts as a failure). */
function isFailureStatus(expression: ts.Expression | undefined): boolean {
  if (!expression) return false;
  const node = unwrapExpression(expression);
  if (ts.isNumericLiteral(node)) return Number(node.text) >= 400;
  return !ts.isStringLiteralLike(node) && !ts.isObjectLiteralExpression(node) && !ts.isArrayLiteralExpression(node);
}

const STATUS_KEYS = /^(status|statusCode|code)$/;
const FAILURE_FLAG_KEYS = /^(ok|success|succeeded|successful|valid|isValid|healthy|available)$/i;
const FAILURE_KEYS = /err|fail|reason|message|problem/i;

/** `{ success: false }`, `{ error: 'x' }`, `{ status: 500 }`: a value that reports the failure to its caller. */
export function isFailureShaped(expression: ts.Expression): boolean {
  const node = unwrapExpression(expression);
  if (!ts.isObjectLiteralExpression(node)) return false;
  return node.properties.some((property) => {
    const key = propertyNameText(property.name);
    if (key === undefined) return false;
    if (FAILURE_KEYS.test(key)) return true;
    if (!ts.isPropertyAssignment(property)) return false;
    const value = unwrapExpression(property.initializer);
    if (FAILURE_FLAG_KEYS.test(key) && value.kind === ts.SyntaxKind.FalseKeyword) return true;
    if (STATUS_KEYS.test(key) && isFailureStatus(value)) return true;
    if (key === 'status' && ts.isStringLiteralLike(value) && /err|fail/i.test(value.text)) return true;
    return isFailureShaped(value);
  });
}

/** A call whose arguments or chain carry a failure status or failure-shaped body (`res.status(500).json(…)`). */
export function signalsFailure(call: ts.CallExpression | ts.NewExpression): boolean {
  let current: ts.Expression = call;
  for (;;) {
    const node = unwrapExpression(current);
    if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) return false;
    const name = calleeName(node);
    const args = node.arguments ?? [];
    if ((name === 'status' || name === 'sendStatus' || name === 'code' || name === 'writeHead') && isFailureStatus(args[0])) return true;
    if (args.some((arg) => isFailureShaped(arg) || (ts.isNumericLiteral(unwrapExpression(arg)) && Number((unwrapExpression(arg) as ts.NumericLiteral).text) >= 400))) {
      return true;
    }
    const callee = unwrapExpression(node.expression);
    if (!ts.isPropertyAccessExpression(callee)) return false;
    current = callee.expression;
  }
}
