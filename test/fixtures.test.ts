import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../server/src/rules';
import { analyzeSnippet } from './support/analyze';

const FIXTURES = path.resolve(__dirname, '../../test/fixtures');
const ANNOTATION = /(?:\/\/|--)\s*(ruleid|ok):\s*([\w/-]+)/;

function fixtureFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'workspace' ? [] : fixtureFiles(full);
    return /\.([cm]?[jt]sx?|sql)$/.test(entry.name) ? [full] : [];
  });
}

/**
 * Annotated fixtures (Semgrep style): `// ruleid: <id>` (`-- ruleid:` in SQL) says the next code line has a
 * finding of that rule, `// ok: <id>` that it has none. Every finding of a fixture's rules must be annotated.
 */
for (const file of fixtureFiles(FIXTURES)) {
  const relative = path.relative(FIXTURES, file).split(path.sep).join('/');
  test(`fixture ${relative}`, () => {
    const code = fs.readFileSync(file, 'utf8');
    const lines = code.split(/\r?\n/);
    const expected: string[] = [];
    const okLines: string[] = [];
    const mentioned = new Set<string>();
    lines.forEach((line, index) => {
      const match = ANNOTATION.exec(line);
      if (!match) return;
      let target = index + 1;
      while (target < lines.length && (ANNOTATION.test(lines[target]) || /^(\/\/|--) prodgap-accept/.test(lines[target].trim()))) target++;
      mentioned.add(match[2]);
      (match[1] === 'ruleid' ? expected : okLines).push(`${target + 1} ${match[2]}`);
    });
    const rules = allRules.filter((r) => mentioned.has(r.meta.id) || mentioned.has(r.meta.category));
    assert.ok(rules.length, `${relative} annotates no known rule`);
    const report = analyzeSnippet(rules, code, { filename: `src/${relative}` });
    const actual = report.findings.map((f) => `${report.lines.positionAt(f.range.start).line + 1} ${f.ruleId}`);
    assert.deepEqual([...new Set(actual)].sort(), [...new Set(expected)].sort());
    for (const ok of okLines) assert.ok(!actual.includes(ok), `line marked ok has a finding: ${ok}`);
  });
}
