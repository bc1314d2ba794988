import ts = require('typescript');
import type { FileSettings } from '../../engine/types';
import { unwrapExpression, type ValueResolver } from '../../engine/values';
import { localFunction } from '../idempotency/support-retry';
import { recordsSignal } from '../support-recording';
import { knowledge } from './support-knowledge';

/** How deep calls into functions of the same file are followed when looking for a signal. */
const MAX_FOLLOW_DEPTH = 2;

/**
 * Whether running `root` leaves a signal: a log, metric, span, error report or audit-log write
 * anywhere in it (nested callbacks included: `.catch((e) => logger.error(e))` counts), or in a
 * function of the same file it calls. Nodes `skip` accepts are not counted, nor anything inside them
 * (the response being judged, the critical calls themselves: `paymentIntents.capture` is no `capture` of an error).
 */
export function emitsSignal(root: ts.Node, settings: FileSettings, values: ValueResolver, skip?: (node: ts.Node) => boolean): boolean {
  const visited = new Set<ts.Node>();
  const search = (node: ts.Node, depth: number): boolean => {
    if (skip?.(node)) return false;
    if (ts.isCallExpression(node)) {
      if (writesAuditLog(node) || (!isDataAccess(node) && recordsSignal(node, settings, values))) return true;
      const target = depth < MAX_FOLLOW_DEPTH ? localFunction(unwrapExpression(node.expression), values) : undefined;
      if (target?.body && !visited.has(target)) {
        visited.add(target);
        if (search(target.body, depth + 1)) return true;
      }
    }
    return ts.forEachChild(node, (child) => search(child, depth)) ?? false;
  };
  return search(root, 0);
}

/** `prisma.analytics.delete(…)`: a model named like a signal (`analytics`, `metrics`) is still a database call. */
function isDataAccess(call: ts.CallExpression): boolean {
  const callee = unwrapExpression(call.expression);
  return ts.isPropertyAccessExpression(callee) && DATA_ACCESS.test(callee.name.text);
}

const DATA_ACCESS = /^(find\w*|create\w*|update\w*|upsert|delete\w*|insert\w*|count|aggregate|groupBy)$/;

/** `prisma.auditLog.create(…)`, `this.eventService.storeEvent(…)`: the business event is written down. */
function writesAuditLog(call: ts.CallExpression): boolean {
  const callee = unwrapExpression(call.expression);
  if (ts.isIdentifier(callee)) return knowledge.auditCallee.test(callee.text);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  return knowledge.auditCallee.test(callee.name.text) || knowledge.auditReceiver.test(unwrapExpression(callee.expression).getText());
}

/** nestjs-otel `@Span()`, `@OtelMethodCounter()` and the like record every call of the method. */
export function hasSignalDecorator(fn: ts.FunctionLikeDeclaration): boolean {
  const decorators = ts.canHaveDecorators(fn) ? ts.getDecorators(fn) ?? [] : [];
  return decorators.some((decorator) => {
    const expression = ts.isCallExpression(decorator.expression) ? decorator.expression.expression : decorator.expression;
    const name = ts.isPropertyAccessExpression(expression) ? expression.name.text : expression.getText();
    return knowledge.signalDecorator.test(name);
  });
}

/** A function handed to a wrapper named for recording: `withAuditLogging('deleted', 'team', async (…) => …)`. */
function passedToSignalWrapper(fn: ts.FunctionLikeDeclaration): boolean {
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return false;
  const callee = ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : call.expression.getText();
  return knowledge.signalWrapper.test(callee);
}

/** Whether a function leaves a signal whenever it runs: a signal decorator or wrapper, or a signal in its body besides `skip`. */
export function functionEmitsSignal(fn: ts.FunctionLikeDeclaration, settings: FileSettings, values: ValueResolver, skip?: (node: ts.Node) => boolean): boolean {
  return hasSignalDecorator(fn) || passedToSignalWrapper(fn) || (!!fn.body && emitsSignal(fn.body, settings, values, skip));
}

/** The statement of a block (or case clause) that holds the node, if any. */
export function enclosingStatement(node: ts.Node): ts.Statement | undefined {
  for (let current: ts.Node = node; current.parent; current = current.parent) {
    if (ts.isFunctionLike(current)) return undefined;
    const parent = current.parent;
    if ((ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isCaseOrDefaultClause(parent)) && ts.isStatement(current)) return current;
  }
  return undefined;
}
