import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import rule from '../../server/src/rules/timeout/fetch-without-signal';
import { analyzeSnippet } from '../support/analyze';

const kinds = (code: string, config = {}) => {
  const report = analyzeSnippet([rule], code, { config });
  return { findings: report.findings.map((f) => f.ruleId), notices: report.notices.map((n) => n.kind) };
};

test('a valid acceptance on the line before hides the finding', () => {
  assert.deepEqual(kinds('// prodgap-accept timeout/fetch-without-signal: local sidecar -- @ops until 2027-01-01\nawait fetch(url);'), { findings: [], notices: [] });
});

test('a trailing acceptance covers its own line; a category works as target', () => {
  assert.deepEqual(kinds('await fetch(url); // prodgap-accept timeout: local sidecar -- @ops until 2027-01-01'), { findings: [], notices: [] });
});

test('stacked acceptances cover the first code line after them', () => {
  const code = '// prodgap-accept timeout: sidecar -- @ops until 2027-01-01\n// prodgap-accept idempotency: read only -- @ops until 2027-01-01\nawait fetch(url);';
  assert.deepEqual(kinds(code), { findings: [], notices: ['acceptance-unused'] });
});

test('an acceptance two lines above covers nothing', () => {
  assert.deepEqual(kinds('// prodgap-accept timeout: sidecar -- @ops until 2027-01-01\n\nawait fetch(url);'), {
    findings: ['timeout/fetch-without-signal'],
    notices: ['acceptance-unused'],
  });
});

test('expired: the finding comes back and a notice says so', () => {
  const report = analyzeSnippet([rule], '// prodgap-accept timeout: sidecar -- @ops until 2026-01-01\nawait fetch(url);');
  assert.equal(report.findings.length, 1);
  assert.match(report.findings[0].message, /acceptance by @ops expired on 2026-01-01/);
  assert.deepEqual(report.notices.map((n) => n.kind), ['acceptance-expired']);
});

const malformed = [
  '// prodgap-accept timeout: -- @ops until 2027-01-01',
  '// prodgap-accept timeout: no owner until 2027-01-01',
  '// prodgap-accept timeout: bad date -- @ops until 2027-02-30',
  '// prodgap-accept timeout: no expiry -- @ops',
  '// prodgap-accept timeouts: unknown category -- @ops until 2027-01-01',
  '// prodgap-accept: no target -- @ops until 2027-01-01',
];
for (const comment of malformed) {
  test(`malformed: ${comment}`, () => {
    assert.deepEqual(kinds(`${comment}\nawait fetch(url);`), { findings: ['timeout/fetch-without-signal'], notices: ['acceptance-malformed'] });
  });
}

test('open-ended acceptances are allowed when the config says so', () => {
  assert.deepEqual(kinds('// prodgap-accept timeout: sidecar -- @ops\nawait fetch(url);', { acceptance: { allowOpenEnded: true } }), { findings: [], notices: [] });
});

test('the marker inside a string is not an acceptance', () => {
  assert.deepEqual(kinds("const s = '// prodgap-accept timeout: x -- @ops until 2027-01-01';\nawait fetch(url);"), {
    findings: ['timeout/fetch-without-signal'],
    notices: [],
  });
});

test('a placeholder reason or owner hides the finding but stays a notice', () => {
  const code = '// prodgap-accept timeout/fetch-without-signal: TODO explain why this risk is acceptable -- @TODO-owner until 2026-08-30\nawait fetch(url);';
  assert.deepEqual(kinds(code), { findings: [], notices: ['acceptance-incomplete'] });
});

test('the accept fix names the owner from config and expires in 90 days', () => {
  const report = analyzeSnippet([rule], '  await fetch(url);', { config: { owners: { 'src/**': '@payments' } } });
  const accept = report.findings[0].fixes.find((f) => f.kind === 'accept')!;
  assert.equal(accept.edits[0].newText, '  // prodgap-accept timeout/fetch-without-signal: TODO explain why this risk is acceptable -- @payments until 2026-08-30\n');
});
