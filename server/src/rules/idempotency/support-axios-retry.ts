import ts = require('typescript');
import { qualifiedName, unwrapExpression, type Origin, type ValueResolver } from '../../engine/values';
import { httpKey, httpWrite, isPaymentUrl } from './support';

/** Conditions of axios-retry that never retry a POST (they check the method). */
const METHOD_AWARE = /isSafeRequestError|isIdempotentRequestError|\bmethod\b/;

/**
 * `axiosRetry(client, options)` whose condition retries POST requests, on a client that this file uses
 * to send a POST or PATCH without an idempotency key (payment POSTs are left to their own rule).
 * axios-retry's default condition, `isNetworkOrIdempotentRequestError`, retries network errors on every
 * method and 5xx only on idempotent ones: a POST whose connection broke after the server took it is sent again.
 */
export function axiosRetryGap(call: ts.CallExpression, values: ValueResolver, sourceFile: ts.SourceFile): { condition: string; operation: string } | undefined {
  if (qualifiedName(values.origin(call.expression)) !== 'axios-retry' || call.arguments.length === 0) return undefined;
  const condition = retriesPost(call.arguments[1], values);
  if (!condition) return undefined;
  const client = values.origin(call.arguments[0]);
  let operation: string | undefined;
  const visit = (node: ts.Node): void => {
    if (operation) return;
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const write = httpWrite(node, values);
      if (write && !(write.method === 'POST' && isPaymentUrl(write.url)) && httpKey(write, values).status === 'absent' && sameClient(values.origin(node.expression.expression), client)) {
        operation = node.expression.getText();
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return operation ? { condition, operation } : undefined;
}

function retriesPost(options: ts.Expression | undefined, values: ValueResolver): string | undefined {
  const found = values.lookupProperty(options, ['retryCondition']);
  if (found.status === 'unknown') return undefined;
  if (found.status === 'absent') return 'the default condition retries network errors on every method';
  const value = found.value && unwrapExpression(found.value);
  if (!value || METHOD_AWARE.test(value.getText())) return undefined;
  return 'its retryCondition does not look at the method';
}

function sameClient(a: Origin, b: Origin): boolean {
  if (a.base.kind !== b.base.kind || a.path.join('.') !== b.path.join('.')) return false;
  const [x, y] = [a.base, b.base];
  if (x.kind === 'module' && y.kind === 'module') return x.module === y.module;
  if ((x.kind === 'call' && y.kind === 'call') || (x.kind === 'new' && y.kind === 'new')) return x.node === y.node;
  if (x.kind === 'typed' && y.kind === 'typed') return x.typeName === y.typeName;
  return false;
}
