import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfigFile, parseConfigText } from '../../server/src/config/load';
import { settingsFor } from '../../server/src/config/settings';
import { configJsonSchema } from '../../server/src/config/json-schema';

const ids = new Set(['timeout/fetch-without-signal']);

test('a valid config parses', () => {
  const { config, problems } = parseConfigText('.prodgap.json', '{ "criticality": { "src/payments/**": "critical" }, "rules": { "timeout": "error" } }', ids);
  assert.deepEqual(problems, []);
  assert.equal(config!.criticality!['src/payments/**'], 'critical');
});

test('problems name the key path and point at the key', () => {
  const text = '{\n  "criticality": { "src/**": "vital" },\n  "colour": 1,\n  "rules": { "timeout/nope": "off" }\n}';
  const { problems } = parseConfigText('.prodgap.json', text, ids);
  const byPath = Object.fromEntries(problems.map((p) => [p.keyPath, p]));
  assert.ok(byPath['criticality.src/**']);
  assert.equal(text.slice(byPath['criticality.src/**'].range!.start, byPath['criticality.src/**'].range!.end), '"src/**"');
  assert.match(byPath.colour.message, /unknown option 'colour'/);
  assert.equal(text.slice(byPath.colour.range!.start, byPath.colour.range!.end), '"colour"');
});

test('unknown rule ids are rejected once the schema passes', () => {
  const text = '{ "rules": { "timeout/nope": "off" } }';
  const { problems } = parseConfigText('.prodgap.json', text, ids);
  assert.equal(problems[0].keyPath, 'rules.timeout/nope');
  assert.match(problems[0].message, /unknown rule or category/);
});

test('invalid JSON is a problem with a range, not a crash', () => {
  const { config, problems } = parseConfigText('.prodgap.json', '{ "rules": { ', ids);
  assert.equal(config, undefined);
  assert.match(problems[0].message, /invalid JSON/);
  assert.ok(problems[0].range);
});

test('extends merges maps and lists; cycles are reported', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prodgap-config-'));
  fs.writeFileSync(path.join(dir, 'base.json'), JSON.stringify({ owners: { '**': '@platform' }, ignore: ['gen/**'], timeouts: { budgetMs: 5000 } }));
  fs.writeFileSync(path.join(dir, '.prodgap.json'), JSON.stringify({ extends: './base.json', owners: { 'src/pay/**': '@pay' }, ignore: ['tmp/**'] }));
  const config = loadConfigFile(path.join(dir, '.prodgap.json'), ids);
  assert.deepEqual(config.owners, { '**': '@platform', 'src/pay/**': '@pay' });
  assert.deepEqual(config.ignore, ['gen/**', 'tmp/**']);
  assert.equal(config.timeouts!.budgetMs, 5000);
  fs.writeFileSync(path.join(dir, 'base.json'), JSON.stringify({ extends: './.prodgap.json' }));
  assert.throws(() => loadConfigFile(path.join(dir, '.prodgap.json'), ids), (e: unknown) => e instanceof ConfigError && /circular extends/.test(e.message));
});

test('settings: the last matching glob wins; defaults apply elsewhere', () => {
  const config = { criticality: { 'src/**': 'internal' as const, 'src/payments/**': 'critical' as const }, owners: { 'src/payments/**': '@pay' } };
  assert.equal(settingsFor(config, 'src/payments/charge.ts').criticality, 'critical');
  assert.equal(settingsFor(config, 'src/payments/charge.ts').owner, '@pay');
  assert.equal(settingsFor(config, 'src/users.ts').criticality, 'internal');
  assert.equal(settingsFor(config, 'scripts/x.ts').criticality, 'customer-facing');
  assert.equal(settingsFor({}, 'a.ts').timeoutBudgetMs, 10000);
});

test('the shipped JSON Schema is the one generated from the zod schema', () => {
  const shipped = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../schema/prodgap.schema.json'), 'utf8'));
  assert.deepEqual(shipped, configJsonSchema());
  assert.equal(shipped.additionalProperties, false);
});

test('docs/configuration.md shows the severity table the engine uses', async () => {
  const { SEVERITY_TABLE } = await import('../../server/src/engine/severity');
  const doc = fs.readFileSync(path.resolve(__dirname, '../../../docs/configuration.md'), 'utf8');
  for (const [category, row] of Object.entries(SEVERITY_TABLE)) {
    const line = `| ${category} | ${row.experiment} | ${row.internal} | ${row['customer-facing']} | ${row.critical} |`;
    assert.ok(doc.includes(line), `docs/configuration.md lacks: ${line}`);
  }
});
