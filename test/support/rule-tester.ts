import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Finding, RuleModule } from '../../server/src/engine/types';
import type { FileReport } from '../../server/src/engine/project';
import { applyEdits } from '../../server/src/engine/apply';
import { analyzeSnippet, syntaxErrors, type SnippetOptions } from './analyze';

export interface ExpectedError {
  messageId: string;
  /** 1-based; columns in UTF-16 code units; ends exclusive. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The file after applying this finding's first fix or suggestion (null: it must have none). */
  output?: string | null;
}

export type ValidCase = string | (SnippetOptions & { code: string; name?: string });
export type InvalidCase = SnippetOptions & { code: string; name?: string; errors: ExpectedError[] };

function position(report: FileReport, offset: number) {
  const p = report.lines.positionAt(offset);
  return { line: p.line + 1, column: p.character + 1 };
}

function describeFinding(report: FileReport, finding: Finding) {
  const start = position(report, finding.range.start);
  const end = position(report, finding.range.end);
  return { messageId: finding.messageId, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

function label(code: string, name?: string): string {
  return name ?? code.trim().split('\n').slice(0, 2).join(' ⏎ ').slice(0, 90);
}

/**
 * Case tables in the typescript-eslint style. Beyond positions, every fix and suggestion is applied
 * and must give code that parses and no longer has the finding; the acceptance fix must hide it.
 */
export function runRuleTests(rule: RuleModule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    for (const item of cases.valid) {
      const options = typeof item === 'string' ? { code: item } : item;
      test(`valid: ${label(options.code, options.name)}`, () => {
        const report = analyzeSnippet([rule], options.code, options);
        assert.deepEqual(report.findings.map((f) => describeFinding(report, f)), []);
        assert.deepEqual(report.notices.filter((n) => n.kind === 'rule-error'), []);
      });
    }
    for (const item of cases.invalid) {
      test(`invalid: ${label(item.code, item.name)}`, () => {
        const report = analyzeSnippet([rule], item.code, item);
        assert.deepEqual(report.notices.filter((n) => n.kind === 'rule-error'), []);
        const actual = report.findings.map((f) => describeFinding(report, f));
        const expected = item.errors.map(({ output: _output, ...position }) => position);
        assert.deepEqual(actual, expected);
        report.findings.forEach((finding, i) => checkFixes(rule, item, report, finding, item.errors[i]));
      });
    }
  });
}

function checkFixes(rule: RuleModule, item: InvalidCase, report: FileReport, finding: Finding, expected: ExpectedError): void {
  const filename = item.filename ?? 'src/snippet.ts';
  const count = report.findings.length;
  const changes = finding.fixes.filter((f) => f.kind !== 'accept');
  if (expected.output !== undefined) {
    const first = changes[0];
    if (expected.output === null) assert.equal(first, undefined, `expected no fix for ${finding.messageId}`);
    else {
      assert.ok(first, `expected a fix for ${finding.messageId}`);
      assert.equal(applyEdits(item.code, first.edits).text, expected.output);
    }
  }
  for (const fix of finding.fixes) {
    const output = applyEdits(item.code, fix.edits).text;
    assert.deepEqual(syntaxErrors(filename, output), [], `${fix.kind} "${fix.title}" must produce code that parses:\n${output}`);
    const after = analyzeSnippet([rule], output, item);
    assert.ok(after.findings.length < count, `${fix.kind} "${fix.title}" must remove its finding:\n${output}`);
  }
}
