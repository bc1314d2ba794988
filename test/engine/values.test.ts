import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import ts = require('typescript');
import { parseSource } from '../../server/src/engine/parse';
import { ValueResolver, qualifiedName, creatorOf } from '../../server/src/engine/values';

/** Origin of the callee of the last call in the snippet, as a dotted name. */
function calleeName(code: string): string | undefined {
  const sourceFile = parseSource('x.ts', code);
  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) calls.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  const values = new ValueResolver();
  const origin = values.origin(calls[calls.length - 1].expression);
  const creator = creatorOf(origin);
  return creator ? `${creator.name}()→${origin.path.join('.')}` : qualifiedName(origin);
}

const table: [string, string | undefined][] = [
  ["import ax from 'axios'; ax.get(u)", 'axios.get'],
  ["import * as ax from 'axios'; ax.post(u)", 'axios.post'],
  ["const ax = require('axios').default; ax(u)", 'axios'],
  ["const { request } = require('undici'); request(u)", 'undici.request'],
  ["import { request as r } from 'node:https'; r(u)", 'https.request'],
  ["import axios from 'axios'; const client = axios.create({}); client.get(u)", 'axios.create()→get'],
  ["import Stripe from 'stripe'; const stripe = new Stripe(k); stripe.charges.create({})", 'stripe()→charges.create'],
  ['fetch(u)', 'fetch'],
  ['function f(fetch) { fetch(u) }', undefined],
  ["import { Logger } from '@nestjs/common'; class S { constructor(private readonly logger: Logger) {} run() { this.logger.log(x) } }", undefined],
  ["import axios from 'axios'; class C { private http = axios.create(); run() { this.http.get(u) } }", 'axios.create()→get'],
  ["import axios from 'axios'; class C { constructor() { this.http = axios.create(); } run() { this.http.get(u) } }", 'axios.create()→get'],
  ["import axios from 'axios'; { const axios = other; axios.get(u) }", 'other.get'],
];

for (const [code, expected] of table) {
  test(`origin: ${code}`, () => assert.equal(calleeName(code), expected));
}

test('a typed injection resolves to its type origin', () => {
  const code = "import { Logger } from '@nestjs/common'; class S { constructor(private readonly logger: Logger) {} run() { this.logger.log(x) } }";
  const sourceFile = parseSource('x.ts', code);
  let origin;
  const values = new ValueResolver();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) origin = values.origin((node.expression as ts.PropertyAccessExpression).expression);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  assert.equal(origin!.base.kind, 'typed');
  assert.equal(qualifiedName((origin!.base as { type: never }).type), '@nestjs/common.Logger');
});

test('lookupProperty: present, absent, unknown through spreads', () => {
  const code = 'const a = { timeout: 1 }; const b = { ...a }; function f(p) { const c = { ...p }; const d = { x: 1 }; use(b, c, d); }';
  const sourceFile = parseSource('x.ts', code);
  const values = new ValueResolver();
  let args: readonly ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) args = node.arguments;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  assert.equal(values.lookupProperty(args[0], ['timeout']).status, 'present');
  assert.equal(values.lookupProperty(args[1], ['timeout']).status, 'unknown');
  assert.equal(values.lookupProperty(args[2], ['timeout']).status, 'absent');
  assert.equal(values.lookupProperty(undefined, ['timeout']).status, 'absent');
});
