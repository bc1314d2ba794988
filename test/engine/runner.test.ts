import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import ts = require('typescript');
import { analyzeFile } from '../../server/src/engine/runner';
import { settingsFor } from '../../server/src/config/settings';
import type { RuleModule } from '../../server/src/engine/types';
import fetchRule from '../../server/src/rules/timeout/fetch-without-signal';

const meta = (id: string): RuleModule['meta'] => ({
  id,
  category: 'timeout',
  layer: 'constraints',
  description: 'd',
  why: 'w',
  howToFix: 'f',
  messages: { m: 'm' },
  fixable: false,
});

test('a rule that throws is reported once as a notice and the other rules still run', () => {
  const throwing: RuleModule = {
    meta: meta('timeout/throws'),
    kinds: [ts.SyntaxKind.CallExpression],
    create: () => ({ [ts.SyntaxKind.CallExpression]: () => { throw new Error('boom'); } }),
  };
  const result = analyzeFile('a.ts', 'fetch(a); fetch(b);', settingsFor({}, 'a.ts'), { rules: [throwing, fetchRule], collectors: [], runRules: true, knownRuleIds: new Set<string>() });
  assert.equal(result.findings.length, 2);
  assert.deepEqual(result.notices.map((n) => n.kind), ['rule-error']);
  assert.match(result.notices[0].message, /timeout\/throws failed on this file.*boom/);
});

test('a rule whose node kinds are absent is never created', () => {
  let created = 0;
  const lazy: RuleModule = { meta: meta('timeout/lazy'), kinds: [ts.SyntaxKind.WhileStatement], create: () => (created++, {}) };
  analyzeFile('a.ts', 'fetch(a);', settingsFor({}, 'a.ts'), { rules: [lazy], collectors: [], runRules: true, knownRuleIds: new Set<string>() });
  assert.equal(created, 0);
  analyzeFile('a.ts', 'while (x) {}', settingsFor({}, 'a.ts'), { rules: [lazy], collectors: [], runRules: true, knownRuleIds: new Set<string>() });
  assert.equal(created, 1);
});

test('rules set to off do not run', () => {
  const result = analyzeFile('a.ts', 'fetch(a);', settingsFor({ rules: { timeout: 'off' } }, 'a.ts'), { rules: [fetchRule], collectors: [], runRules: true, knownRuleIds: new Set<string>() });
  assert.equal(result.findings.length, 0);
});

test('limits: large, binary and deeply nested files are skipped with a notice', () => {
  const settings = settingsFor({ limits: { maxFileBytes: 100 } }, 'a.ts');
  const run = (text: string) => analyzeFile('a.ts', text, settings, { rules: [fetchRule], collectors: [], runRules: true, knownRuleIds: new Set<string>() });
  assert.match(run(`fetch(a); // ${'x'.repeat(200)}`).notices[0].message, /maxFileBytes/);
  assert.match(run('fetch(a);\u0000').notices[0].message, /binary/);
  const nested = settingsFor({ limits: { maxNesting: 50 } }, 'a.ts');
  const deep = analyzeFile('a.ts', `fetch(${'['.repeat(60)}${']'.repeat(60)})`, nested, { rules: [fetchRule], collectors: [], runRules: true, knownRuleIds: new Set<string>() });
  assert.equal(deep.notices[0].kind, 'file-skipped');
  assert.match(deep.notices[0].message, /maxNesting/);
});

test('broken code is analyzed as far as it parses', () => {
  const result = analyzeFile('a.ts', 'const x = ;\nfetch(url);\nif (', settingsFor({}, 'a.ts'), { rules: [fetchRule], collectors: [], runRules: true, knownRuleIds: new Set<string>() });
  assert.equal(result.findings.length, 1);
  assert.deepEqual(result.notices, []);
});

test('incremental re-parsing gives the same findings as a full parse, edit after edit', () => {
  const settings = settingsFor({}, 'a.ts');
  const options = { rules: [fetchRule], collectors: [], runRules: true, knownRuleIds: new Set<string>(), keepTree: true };
  let text = "export async function a(u: string) {\n  return fetch(u);\n}\n";
  const edits: [number, number, string][] = [
    [text.length, text.length, 'export const b = () => fetch(`https://x.example/${1}`);\n'],
    [text.indexOf('fetch(u)') + 7, text.indexOf('fetch(u)') + 7, ', { signal: AbortSignal.timeout(5) }'],
    [0, 0, '// header\n'],
    [text.indexOf('return'), text.indexOf('return') + 6, 'void'],
    [5, 40, ''],
  ];
  let previous = analyzeFile('a.ts', text, settings, options).tree;
  for (const [start, end, insert] of edits) {
    const at = Math.min(start, text.length);
    text = text.slice(0, at) + insert + text.slice(Math.min(end, text.length));
    const incremental = analyzeFile('a.ts', text, settings, { ...options, previousTree: previous });
    const full = analyzeFile('a.ts', text, settings, { ...options, keepTree: false });
    assert.deepEqual(incremental.findings, full.findings, `after inserting ${JSON.stringify(insert)}`);
    assert.equal(incremental.tree!.text, text);
    previous = incremental.tree;
  }
});

test('a prefilter derived from settings sees the file\'s configuration', () => {
  let created = 0;
  const configured: RuleModule = {
    meta: meta('timeout/configured'),
    kinds: [ts.SyntaxKind.CallExpression],
    prefilter: (settings) => new RegExp(settings.criticalOperations.join('|') || '(?!)'),
    create: () => (created++, {}),
  };
  const run = (config: Parameters<typeof settingsFor>[0]) =>
    analyzeFile('a.ts', 'settleInvoice(a);', settingsFor(config, 'a.ts'), { rules: [configured], collectors: [], runRules: true, knownRuleIds: new Set<string>() });
  run({});
  assert.equal(created, 0);
  run({ metrics: { criticalOperations: ['settleInvoice'] } });
  assert.equal(created, 1);
});
