import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../server/src/rules';
import { CATEGORIES } from '../server/src/engine/types';
import { ruleDocsPath, ruleDocsUrl } from '../server/src/engine/docs';

const ROOT = path.resolve(__dirname, '../..');
const REQUIRED_SECTIONS = ['## What it finds', '## Why it matters in production', '## Examples', '## How to fix', '## How to accept the risk'];
/** Files in a category folder that are not rules: the folder's index, shared helpers and fact collectors. */
const isNonRuleFile = (name: string) => name === 'index.ts' || /^(support|facts)\b.*\.ts$/.test(name);

function listFiles(dir: string, pattern: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full, pattern);
    return pattern.test(entry.name) ? [full] : [];
  });
}

const ids = new Set(allRules.map((r) => r.meta.id));

test('every rule: id is <category>/<file name>, with source, tests, fixture and docs', () => {
  for (const rule of allRules) {
    const { id, category, messages } = rule.meta;
    assert.ok((CATEGORIES as readonly string[]).includes(category), `${id}: unknown category`);
    assert.match(id, new RegExp(`^${category}/[a-z0-9-]+$`), `${id}: id must be <category>/<name>`);
    assert.ok(fs.existsSync(path.join(ROOT, 'server/src/rules', `${id}.ts`)), `${id}: missing server/src/rules/${id}.ts`);
    assert.ok(fs.existsSync(path.join(ROOT, 'test/rules', `${id}.test.ts`)), `${id}: missing test/rules/${id}.test.ts`);
    assert.ok(
      listFiles(path.join(ROOT, 'test/fixtures', category), /\.[cm]?[jt]sx?$/).some((f) => fs.readFileSync(f, 'utf8').includes(`ruleid: ${id}`)),
      `${id}: no annotated fixture under test/fixtures/${category}`,
    );
    const docs = path.join(ROOT, ruleDocsPath(id));
    assert.ok(fs.existsSync(docs), `${id}: missing ${ruleDocsPath(id)}`);
    const text = fs.readFileSync(docs, 'utf8');
    assert.ok(text.startsWith(`# ${id}\n`), `${id}: docs must start with '# ${id}'`);
    for (const section of REQUIRED_SECTIONS) assert.ok(text.includes(section), `${id}: docs lack '${section}'`);
    assert.ok(text.includes(`prodgap-accept ${id}`), `${id}: docs must show an acceptance comment for the rule`);
    assert.ok(ruleDocsUrl(id).endsWith(`${ruleDocsPath(id)}`));
    assert.ok(Object.keys(messages).length > 0 && rule.kinds.length > 0, `${id}: needs messages and node kinds`);
    assert.ok(rule.meta.description && rule.meta.why && rule.meta.howToFix, `${id}: needs description, why and howToFix`);
  }
});

test('no orphan rule sources, tests or docs', () => {
  const idOf = (base: string, file: string, suffix: RegExp) => path.relative(base, file).split(path.sep).join('/').replace(suffix, '');
  const sources = listFiles(path.join(ROOT, 'server/src/rules'), /\.ts$/)
    .filter((f) => path.dirname(f) !== path.join(ROOT, 'server/src/rules') && !isNonRuleFile(path.basename(f)))
    .map((f) => idOf(path.join(ROOT, 'server/src/rules'), f, /\.ts$/));
  const tests = listFiles(path.join(ROOT, 'test/rules'), /\.test\.ts$/).map((f) => idOf(path.join(ROOT, 'test/rules'), f, /\.test\.ts$/));
  const docs = listFiles(path.join(ROOT, 'docs/rules'), /\.md$/)
    .filter((f) => path.basename(f) !== 'README.md')
    .map((f) => idOf(path.join(ROOT, 'docs/rules'), f, /\.md$/));
  for (const [kind, list] of [['source', sources], ['test', tests], ['doc', docs]] as const) {
    for (const id of list) assert.ok(ids.has(id), `${kind} for unregistered rule ${id}`);
  }
});

test('the rule index in docs/rules/README.md lists every rule', () => {
  const index = fs.readFileSync(path.join(ROOT, 'docs/rules/README.md'), 'utf8');
  for (const id of ids) assert.ok(index.includes(`(${id}.md)`), `docs/rules/README.md lacks a link to ${id}.md`);
});
