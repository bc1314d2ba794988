import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

test('the .vsix holds only the bundles, catalogue, grammar, schema, docs, README, LICENSE and icon', () => {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const files = result.stdout.trim().split('\n');
  const allowed = /^(package\.json|README\.md|LICENSE|images\/icon\.png|client\/out\/extension\.js|server\/out\/server\.js|(rules|syntaxes|schema|docs)\/.+)$/;
  assert.deepEqual(files.filter((f) => !allowed.test(f)), []);
  for (const needed of ['client/out/extension.js', 'server/out/server.js', 'schema/prodgap.schema.json', 'syntaxes/prodgap-accept.tmLanguage.json', 'docs/rules/README.md']) {
    assert.ok(files.includes(needed), needed);
  }
  assert.ok(!files.some((f) => /\.map$|^server\/src|^node_modules|^test/.test(f)));
});

test('the manifest targets VS Code 1.100 (code-server 4.100.3) and declares what the extension contributes', () => {
  assert.equal(manifest.engines.vscode, '^1.100.0');
  assert.equal(manifest.devDependencies['@types/vscode'], '1.100.0');
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
  assert.ok(manifest.activationEvents.includes('workspaceContains:.prodgap.json'));
  assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: '.prodgap.json', url: './schema/prodgap.schema.json' }]);
  const settings = Object.keys(manifest.contributes.configuration.properties);
  for (const key of ['prodgap.enable', 'prodgap.scanWorkspace', 'prodgap.trace.server']) assert.ok(settings.includes(key), key);
  const commands = manifest.contributes.commands.map((c: { command: string }) => c.command);
  assert.deepEqual(commands.sort(), ['prodgap.openDocumentation', 'prodgap.rescanWorkspace', 'prodgap.restartServer', 'prodgap.showRiskRegister']);
});

test('the acceptance grammar highlights the rule, reason, owner and expiry', () => {
  const grammar = JSON.parse(fs.readFileSync(path.join(ROOT, 'syntaxes/prodgap-accept.tmLanguage.json'), 'utf8'));
  const pattern = new RegExp(grammar.repository.acceptance.match);
  const match = pattern.exec('// prodgap-accept timeout/fetch-without-signal, idempotency: sidecar answers fast -- @ops-team until 2027-01-31');
  assert.ok(match);
  assert.deepEqual([match[1], match[2], match[4], match[6], match[8]], ['prodgap-accept', 'timeout/fetch-without-signal, idempotency', 'sidecar answers fast', '@ops-team', '2027-01-31']);
  assert.ok(manifest.contributes.grammars.some((g: { path: string; injectTo: string[] }) => g.path === './syntaxes/prodgap-accept.tmLanguage.json' && g.injectTo.includes('source.tsx')));
});
