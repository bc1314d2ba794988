import * as ts from 'typescript';

/** Calls that are the WHATWG fetch (global, or a package that implements it without its own timeout). */
export const FETCH_FUNCTIONS = new Set([
  'fetch',
  'globalThis.fetch',
  'window.fetch',
  'global.fetch',
  'self.fetch',
  'node-fetch',
  'cross-fetch',
  'cross-fetch.fetch',
  'isomorphic-unfetch',
  'make-fetch-happen',
]);

/**
 * A call passed straight to a function that bounds it (`withTimeout(fetch(u))`, `pTimeout(...)`,
 * `Promise.race([fetch(u), timeout(5000)])`) or to a configured project wrapper.
 */
export function isInsideTimeoutWrapper(call: ts.Expression, wrappers: readonly string[]): boolean {
  let node: ts.Node = call;
  for (let hops = 0; hops < 4 && node.parent; hops++) {
    const parent: ts.Node = node.parent;
    if (ts.isCallExpression(parent) && parent.expression !== node) {
      const callee = parent.expression.getText();
      const last = callee.split('.').pop() ?? callee;
      if (/timeout|deadline/i.test(last) || wrappers.includes(callee) || wrappers.includes(last)) return true;
      if (callee === 'Promise.race') return true;
      return false;
    }
    if (ts.isAwaitExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isArrayLiteralExpression(parent)) {
      node = parent;
      continue;
    }
    return false;
  }
  return false;
}

/** A React client component ('use client'): its requests run in a browser tab, not on the server. */
export function isClientComponent(sourceFile: ts.SourceFile): boolean {
  const first = sourceFile.statements[0];
  return !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === 'use client';
}
