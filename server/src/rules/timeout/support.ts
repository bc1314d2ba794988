import ts = require('typescript');
import { qualifiedName, unwrapExpression, type ValueResolver } from '../../engine/values';

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
  for (let hops = 0; hops < 8 && node.parent; hops++) {
    const parent: ts.Node = node.parent;
    // `fetch(u).then(parse)` raced as a whole: follow the promise chain up to what receives it.
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node && /^(then|catch|finally)$/.test(parent.name.text) && ts.isCallExpression(parent.parent)) {
      node = parent.parent;
      continue;
    }
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

/** bounded: something limits how long the call may take; unknown: one file can't tell (stay silent). */
export type Verdict = 'bounded' | 'unbounded' | 'unknown';

/** Whether an options object sets one of `timeoutOptions`; an `opaqueOptions` entry (a custom agent) may bound it unseen. */
export function optionsVerdict(
  values: ValueResolver,
  options: ts.Expression | undefined,
  timeoutOptions: readonly string[],
  opaqueOptions: readonly string[] = [],
): Verdict {
  const timeout = values.lookupProperty(options, timeoutOptions);
  if (timeout.status !== 'absent') return timeout.status === 'present' ? 'bounded' : 'unknown';
  if (opaqueOptions.length && values.lookupProperty(options, opaqueOptions).status !== 'absent') return 'unknown';
  return 'unbounded';
}

/** `f(...args)`: which argument is which can't be told. */
export function hasSpreadArgument(call: ts.CallExpression | ts.NewExpression): boolean {
  return (call.arguments ?? []).some(ts.isSpreadElement);
}

/**
 * A value that is a string (or URL), not an options object: a literal, a template, a concatenation,
 * `new URL(...)`, `process.env.X`, or a name declared with such a value, typed `string`/`URL`, or
 * named like a URL (`url`, `endpoint`). Anything else may be an options object.
 */
export function isStringLike(expression: ts.Expression, values: ValueResolver, depth = 0): boolean {
  const node = unwrapExpression(expression);
  if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node)) return true;
  if (ts.isBinaryExpression(node)) return node.operatorToken.kind === ts.SyntaxKind.PlusToken;
  if (ts.isNewExpression(node)) return qualifiedName(values.origin(node.expression)) === 'URL';
  if (ts.isCallExpression(node)) {
    const callee = unwrapExpression(node.expression);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
    return ['toString', 'join', 'replace', 'concat', 'trim', 'String'].includes(name) || /(url|uri)$/i.test(name);
  }
  const origin = values.origin(node);
  if (origin.base.kind === 'global' && origin.base.name === 'process' && origin.path[0] === 'env') return true;
  if (!ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node)) return false;
  const name = ts.isIdentifier(node) ? node.text : node.name.text;
  if (/(url|uri|href|endpoint|link)$/i.test(name)) return true;
  if (!ts.isIdentifier(node) || depth > 4) return false;
  const declaration = values.scopes.resolve(node);
  if (declaration?.kind === 'variable' && declaration.path.length === 0) {
    if (declaration.init) return isStringLike(declaration.init, values, depth + 1);
    return isStringType(declaration.node.type);
  }
  return declaration?.kind === 'parameter' && declaration.path.length === 0 && isStringType(declaration.node.type);
}

function isStringType(type: ts.TypeNode | undefined): boolean {
  if (!type) return false;
  if (ts.isUnionTypeNode(type)) return type.types.every(isStringType);
  if (type.kind === ts.SyntaxKind.StringKeyword || type.kind === ts.SyntaxKind.UndefinedKeyword || ts.isLiteralTypeNode(type)) return true;
  return ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === 'URL';
}
