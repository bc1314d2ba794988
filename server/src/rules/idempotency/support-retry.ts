import ts = require('typescript');
import { propertyNameText, qualifiedName, type ValueResolver } from '../../engine/values';
import { idempotencyKnowledge as knowledge } from '../../knowledge/idempotency';

/** A construct that runs code again when it fails: a retry library or helper call, or a retry loop. */
export interface RetryConstruct {
  /** The call or loop statement; a key meant to outlive every attempt is created before it. */
  node: ts.CallExpression | ts.IterationStatement;
  /** What the finding points at: the callee, or the loop keyword. */
  range: { start: number; end: number };
  name: string;
  /** Code that runs on every attempt. */
  regions: ts.Node[];
  /** Parts of the regions that run once per failure, not per attempt (a retry loop's catch blocks). */
  excluded: ts.Node[];
}

const LIBRARIES = new Set(knowledge.retry.libraries);
const HELPER_NAMES = knowledge.retry.helperNames.map((p) => new RegExp(p));

/** `pRetry(fn)`, `retry(async (bail) => …)`, `backOff(fn)` or a project helper named like `withRetry(fn)`. */
export function retryCall(call: ts.CallExpression, values: ValueResolver): RetryConstruct | undefined {
  const callee = call.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (name === undefined) return undefined;
  const origin = values.origin(callee);
  const qualified = qualifiedName(origin);
  const isLibrary = qualified !== undefined && LIBRARIES.has(qualified);
  // A `retry` exported by some other package (an rxjs operator, say) is not a function wrapper.
  const isForeignModule = origin.base.kind === 'module' && !/^[.@~#]/.test(origin.base.module) && !isLibrary;
  if (!isLibrary && (isForeignModule || !HELPER_NAMES.some((pattern) => pattern.test(name)))) return undefined;
  for (const argument of call.arguments) {
    const body = retriedFunction(argument, values);
    if (body) return { node: call, range: { start: callee.getStart(), end: callee.getEnd() }, name: callee.getText(), regions: [body], excluded: [] };
  }
  return undefined;
}

/** The function a retry runs: inline, or a function or method declared in this file. */
export function retriedFunction(argument: ts.Expression, values: ValueResolver): ts.FunctionLikeDeclaration | undefined {
  if (ts.isArrowFunction(argument) || ts.isFunctionExpression(argument)) return argument;
  if (ts.isIdentifier(argument) || ts.isPropertyAccessExpression(argument)) return localFunction(argument, values);
  // `fn.bind(this)`
  if (ts.isCallExpression(argument) && ts.isPropertyAccessExpression(argument.expression) && argument.expression.name.text === 'bind') {
    return localFunction(argument.expression.expression, values);
  }
  return undefined;
}

/** A function declared in this file that a name or `this.method` refers to. */
export function localFunction(callee: ts.Expression, values: ValueResolver): ts.FunctionLikeDeclaration | undefined {
  if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) return classMethod(callee, callee.name.text);
  if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return undefined;
  const origin = values.origin(callee);
  if (origin.base.kind === 'function' && origin.path.length === 0 && origin.base.node.body) return origin.base.node;
  return undefined;
}

function classMethod(node: ts.Node, name: string): ts.FunctionLikeDeclaration | undefined {
  let current = node.parent;
  while (current && !ts.isClassLike(current)) current = current.parent;
  if (!current) return undefined;
  for (const member of current.members) {
    if (ts.isMethodDeclaration(member) && member.body && propertyNameText(member.name) === name) return member;
    if (ts.isPropertyDeclaration(member) && propertyNameText(member.name) === name && member.initializer) {
      const init = member.initializer;
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
    }
  }
  return undefined;
}

/**
 * A `for`/`while`/`do` loop that retries: its body has a try/catch whose try block leaves the loop on
 * success (`return`/`break`) and whose catch block goes round again instead of always rethrowing.
 * A loop over items (`for…of`) is iteration, not a retry.
 */
export function retryLoop(loop: ts.ForStatement | ts.WhileStatement | ts.DoStatement): RetryConstruct | undefined {
  const body = loop.statement;
  const statements: readonly ts.Statement[] = ts.isBlock(body) ? body.statements : [body];
  const tries = statements.filter(ts.isTryStatement).filter((t) => t.catchClause && leavesLoop(t.tryBlock) && !alwaysRethrows(t.catchClause.block));
  if (tries.length === 0) return undefined;
  const keyword = ts.isForStatement(loop) ? 'for' : ts.isWhileStatement(loop) ? 'while' : 'do';
  const start = loop.getStart();
  return { node: loop, range: { start, end: start + keyword.length }, name: keyword, regions: [body], excluded: tries.map((t) => t.catchClause!) };
}

function leavesLoop(block: ts.Block): boolean {
  let found = false;
  const visit = (node: ts.Node, inInnerLoop: boolean): void => {
    if (found || ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node) || (ts.isBreakStatement(node) && !node.label && !inInnerLoop)) {
      found = true;
      return;
    }
    const inner = inInnerLoop || ts.isIterationStatement(node, false) || ts.isSwitchStatement(node);
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  visit(block, false);
  return found;
}

function alwaysRethrows(block: ts.Block): boolean {
  const last = block.statements[block.statements.length - 1];
  return !!last && (ts.isThrowStatement(last) || ts.isReturnStatement(last));
}

const LOOP_KINDS = new Set([ts.SyntaxKind.ForStatement, ts.SyntaxKind.WhileStatement, ts.SyntaxKind.DoStatement]);

/** The nearest retry construct whose attempts run `node`, as this file shows it. */
export function enclosingRetry(node: ts.Node, values: ValueResolver): RetryConstruct | undefined {
  for (let child = node, current = node.parent; current; child = current, current = current.parent) {
    if (ts.isCallExpression(current) && current.arguments.includes(child as ts.Expression) && ts.isFunctionLike(child)) {
      const construct = retryCall(current, values);
      if (construct?.regions.includes(child)) return construct;
    }
    if (LOOP_KINDS.has(current.kind) && (current as ts.IterationStatement).statement === child) {
      const construct = retryLoop(current as ts.ForStatement | ts.WhileStatement | ts.DoStatement);
      if (construct && !construct.excluded.some((e) => e.pos <= node.pos && node.end <= e.end)) return construct;
    }
  }
  return undefined;
}
