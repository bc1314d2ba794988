import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/engine/lines';
import { LspClient, PUSH_CLIENT } from '../support/lsp-client';
import { syntaxErrors } from '../support/analyze';

const RISKY = "export async function load(id: string) {\n  return fetch(`https://api.example.com/items/${id}`);\n}\n";
const SAFE = 'export const answer = 42;\n';
const FETCH = 'timeout/fetch-without-signal';

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prodgap-lsp-'));
  for (const [name, text] of Object.entries({ 'package.json': '{"name":"w"}', ...files })) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const uri = (dir: string, name: string) => pathToFileURL(path.join(dir, name)).href;

function applyTextEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const offsets = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }));
  return offsets.sort((a, b) => b.start - a.start).reduce((out, e) => out.slice(0, e.start) + e.newText + out.slice(e.end), text);
}

describe('language server over stdio (push client)', () => {
  let client: LspClient;
  let dir: string;
  let version = 1;
  const open = async (name: string, text: string) =>
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(dir, name), languageId: 'typescript', version: 1, text } });
  const change = async (name: string, text: string) =>
    client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uri(dir, name), version: ++version }, contentChanges: [{ text }] });

  before(async () => {
    dir = workspace({ 'src/open.ts': SAFE, 'src/unopened.ts': RISKY, 'src/clean.ts': SAFE, 'node_modules/dep/index.js': RISKY, 'dist/out.js': RISKY });
    client = new LspClient();
    const result = (await client.initialize(pathToFileURL(dir).href, PUSH_CLIENT)) as { capabilities: Record<string, unknown> };
    assert.ok(result.capabilities.codeActionProvider);
    assert.equal(result.capabilities.hoverProvider, true);
    assert.equal(result.capabilities.diagnosticProvider, undefined, 'no pull diagnostics for a push-only client');
  });

  after(async () => {
    assert.equal(await client.stop(), 0, 'shutdown and exit end the process cleanly');
  });

  test('the workspace scan reports files never opened, with progress, and skips dependencies and build output', async () => {
    await client.waitFor(() => client.codes(uri(dir, 'src/unopened.ts')).includes(FETCH), 'diagnostics of an unopened file');
    await client.waitFor(() => client.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'end'), 'progress end');
    const reports = client.progress.map((p) => (p as { value: { kind: string; percentage?: number; message?: string } }).value);
    assert.equal(reports[0].kind, 'begin');
    assert.ok(reports.some((r) => r.kind === 'report' && r.percentage === 100 && /\d+\/\d+ files/.test(r.message ?? '')));
    assert.equal(client.diagnostics.get(uri(dir, 'node_modules/dep/index.js')), undefined);
    assert.equal(client.diagnostics.get(uri(dir, 'dist/out.js')), undefined);
    const diagnostic = client.diagnosticsOf(uri(dir, 'src/unopened.ts'))[0];
    assert.equal(diagnostic.source, 'prodgap');
    assert.match(diagnostic.codeDescription!.href, /timeout\/fetch-without-signal\.md$/);
    assert.deepEqual(diagnostic.range, { start: { line: 1, character: 9 }, end: { line: 1, character: 14 } });
    await client.waitFor(() => client.statuses.some((s) => !s.scanning && s.counts.warning === 1), 'status with counts');
  });

  test('open, then edit: diagnostics follow the text', async () => {
    await open('src/open.ts', SAFE);
    await change('src/open.ts', RISKY);
    await client.waitFor(() => client.codes(uri(dir, 'src/open.ts')).includes(FETCH), 'diagnostic after edit');
    await change('src/open.ts', SAFE);
    await client.waitFor(() => client.codes(uri(dir, 'src/open.ts')).length === 0, 'diagnostic cleared after edit');
  });

  test('code action: the preferred quick fix parses and clears the finding', async () => {
    await change('src/open.ts', RISKY);
    await client.waitFor(() => client.codes(uri(dir, 'src/open.ts')).includes(FETCH), 'diagnostic');
    const diagnostic = client.diagnosticsOf(uri(dir, 'src/open.ts'))[0];
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uri(dir, 'src/open.ts') },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.title), [
      'Add a 10000 ms timeout (AbortSignal.timeout)',
      `Accept risk… (${FETCH})`,
      `Show documentation for ${FETCH}`,
    ]);
    assert.equal(actions[0].isPreferred, true);
    const fixed = applyTextEdits(RISKY, actions[0].edit!.changes![uri(dir, 'src/open.ts')]);
    assert.deepEqual(syntaxErrors('open.ts', fixed), []);
    await change('src/open.ts', fixed);
    await client.waitFor(() => client.codes(uri(dir, 'src/open.ts')).length === 0, 'finding gone after the fix');

    await change('src/open.ts', RISKY);
    await client.waitFor(() => client.codes(uri(dir, 'src/open.ts')).includes(FETCH), 'diagnostic again');
    const accepted = applyTextEdits(RISKY, actions[1].edit!.changes![uri(dir, 'src/open.ts')]);
    await change('src/open.ts', accepted);
    await client.waitFor(() => client.codes(uri(dir, 'src/open.ts')).join() === 'prodgap/acceptance-incomplete', 'accepted: only the placeholder notice');

    await client.connection.sendRequest('workspace/executeCommand', { command: actions[2].command!.command, arguments: actions[2].command!.arguments });
    assert.match(client.shownDocuments[0], /fetch-without-signal\.md$/);
  });

  test('fix-all applies every safe fix of the file', async () => {
    const two = `${RISKY}export const more = () => fetch('https://api.example.com/x', { method: 'POST' });\n`;
    await change('src/open.ts', two);
    await client.waitFor(() => client.codes(uri(dir, 'src/open.ts')).length === 2, 'two findings');
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uri(dir, 'src/open.ts') },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.prodgap']);
    const fixed = applyTextEdits(two, actions[0].edit!.changes![uri(dir, 'src/open.ts')]);
    assert.deepEqual(syntaxErrors('open.ts', fixed), []);
    await change('src/open.ts', fixed);
    await client.waitFor(() => client.codes(uri(dir, 'src/open.ts')).length === 0, 'all fixed');
  });

  test('hover explains the finding', async () => {
    await change('src/open.ts', RISKY);
    await client.waitFor(() => client.codes(uri(dir, 'src/open.ts')).includes(FETCH), 'diagnostic');
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: uri(dir, 'src/open.ts') },
      position: { line: 1, character: 11 },
    })) as Hover;
    const text = (hover.contents as { value: string }).value;
    for (const part of ['Why it matters in production', 'Layer:', 'constraints', 'Fix:', 'prodgap-accept timeout/fetch-without-signal']) assert.ok(text.includes(part), part);
    const none = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uri(dir, 'src/open.ts') }, position: { line: 0, character: 0 } });
    assert.equal(none, null);
  });

  test('settings change: prodgap.enable false clears diagnostics, true brings them back', async () => {
    client.settings = { enable: false };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.waitFor(() => client.codes(uri(dir, 'src/open.ts')).length === 0 && client.codes(uri(dir, 'src/unopened.ts')).length === 0, 'disabled');
    client.settings = null;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.waitFor(() => client.codes(uri(dir, 'src/open.ts')).includes(FETCH), 'enabled again (null settings mean defaults)');
  });

  test('an invalid .prodgap.json is shown at its key; analysis goes on with defaults; repairing it clears that', async () => {
    const config = path.join(dir, '.prodgap.json');
    fs.writeFileSync(config, '{\n  "criticality": { "src/**": "vital" }\n}\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(dir, '.prodgap.json'), type: 1 }] });
    await client.waitFor(() => client.codes(uri(dir, '.prodgap.json')).includes('prodgap/config-invalid'), 'config diagnostic');
    const problem = client.diagnosticsOf(uri(dir, '.prodgap.json'))[0];
    assert.equal(problem.range.start.line, 1);
    assert.match(problem.message, /criticality\.src\/\*\*/);
    assert.ok(client.codes(uri(dir, 'src/unopened.ts')).includes(FETCH), 'analysis continues with defaults');

    fs.writeFileSync(config, '{ "criticality": { "src/**": "critical" } }\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(dir, '.prodgap.json'), type: 2 }] });
    await client.waitFor(() => client.codes(uri(dir, '.prodgap.json')).length === 0, 'config diagnostic cleared');
    await client.waitFor(() => client.diagnosticsOf(uri(dir, 'src/unopened.ts'))[0]?.severity === 1, 'critical path: an error now');
  });

  test('project facts: a file that sets axios.defaults.timeout clears findings in files that depend on it', async () => {
    const http = "import axios from 'axios';\nexport const load = (url: string) => axios.get(url);\n";
    fs.writeFileSync(path.join(dir, 'src/http.ts'), http);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(dir, 'src/http.ts'), type: 1 }] });
    await client.waitFor(() => client.codes(uri(dir, 'src/http.ts')).includes('timeout/axios-without-timeout'), 'axios finding');
    fs.writeFileSync(path.join(dir, 'src/setup.ts'), "import axios from 'axios';\naxios.defaults.timeout = 5000;\n");
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(dir, 'src/setup.ts'), type: 1 }] });
    await client.waitFor(() => client.codes(uri(dir, 'src/http.ts')).length === 0, 'dependent file re-reported without the finding');
    fs.rmSync(path.join(dir, 'src/setup.ts'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(dir, 'src/setup.ts'), type: 3 }] });
    await client.waitFor(() => client.codes(uri(dir, 'src/http.ts')).includes('timeout/axios-without-timeout'), 'finding back once the default is gone');
  });

  test('project facts: a schema.prisma saved on disk bounds a read by a key it declares unique; a broken one is no crash', async () => {
    const UNBOUNDED = 'resource-limits/unbounded-query';
    const route = "import express from 'express';\nconst router = express.Router();\nrouter.get('/users', async (req, res) => {\n  res.json(await prisma.user.findMany({ where: { email: req.query.email } }));\n});\n";
    fs.writeFileSync(path.join(dir, 'src/users.ts'), route);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(dir, 'src/users.ts'), type: 1 }] });
    await client.waitFor(() => client.codes(uri(dir, 'src/users.ts')).includes(UNBOUNDED), 'unbounded finding');
    fs.mkdirSync(path.join(dir, 'prisma'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'prisma/schema.prisma'), 'model User {\n  id    String @id\n  email String @unique\n}\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(dir, 'prisma/schema.prisma'), type: 1 }] });
    await client.waitFor(() => !client.codes(uri(dir, 'src/users.ts')).includes(UNBOUNDED), 'a unique email pins one row');
    fs.writeFileSync(path.join(dir, 'prisma/schema.prisma'), 'model User {\n  id String @id\n  email String\n  @@unique([\n\u0001 }} model {\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(dir, 'prisma/schema.prisma'), type: 2 }] });
    await client.waitFor(() => client.codes(uri(dir, 'src/users.ts')).includes(UNBOUNDED), 'finding back once email is no longer unique');
    fs.rmSync(path.join(dir, 'prisma'), { recursive: true });
    fs.rmSync(path.join(dir, 'src/users.ts'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: uri(dir, 'prisma/schema.prisma'), type: 3 },
        { uri: uri(dir, 'src/users.ts'), type: 3 },
      ],
    });
    await client.waitFor(() => client.diagnosticsOf(uri(dir, 'src/users.ts')).length === 0, 'cleared');
  });

  test('files created, changed and deleted on disk are followed', async () => {
    fs.writeFileSync(path.join(dir, 'src/new.ts'), RISKY);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(dir, 'src/new.ts'), type: 1 }] });
    await client.waitFor(() => client.codes(uri(dir, 'src/new.ts')).includes(FETCH), 'created file analyzed');
    fs.rmSync(path.join(dir, 'src/new.ts'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(dir, 'src/new.ts'), type: 3 }] });
    await client.waitFor(() => client.diagnosticsOf(uri(dir, 'src/new.ts')).length === 0, 'deleted file cleared');
  });
});

describe('language server with a pull client', () => {
  test('serves textDocument/diagnostic for open documents and pushes for the rest', async () => {
    const dir = workspace({ 'src/a.ts': RISKY, 'src/b.ts': RISKY });
    const client = new LspClient();
    const capabilities = { ...PUSH_CLIENT, textDocument: { ...PUSH_CLIENT.textDocument, diagnostic: { dynamicRegistration: false } } };
    const result = (await client.initialize(pathToFileURL(dir).href, capabilities)) as { capabilities: Record<string, unknown> };
    assert.ok(result.capabilities.diagnosticProvider);
    await client.waitFor(() => client.codes(uri(dir, 'src/b.ts')).includes(FETCH), 'pushed for an unopened file');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(dir, 'src/a.ts'), languageId: 'typescript', version: 1, text: RISKY } });
    const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: uri(dir, 'src/a.ts') } })) as { kind: string; items: { code: string }[] };
    assert.equal(report.kind, 'full');
    assert.deepEqual(report.items.map((d) => d.code), [FETCH]);
    await client.waitFor(() => client.codes(uri(dir, 'src/a.ts')).length === 0, 'no duplicate push for the open document');
    assert.equal(await client.stop(), 0);
  });
});
