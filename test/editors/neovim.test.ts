import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { clientAvailable, hasCommand, ROOT } from './clients';

const skip = clientAvailable('Neovim (nvim)', hasCommand('nvim'));

test('Neovim: diagnostic, quick fix applied, diagnostic cleared', { skip }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prodgap-nvim-'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"nvim-fixture"}');
  const file = path.join(dir, 'client.ts');
  fs.writeFileSync(file, "export async function rates() {\n  const res = await fetch('https://rates.example.com/latest');\n  return res.json();\n}\n");
  const xdg = path.join(dir, 'xdg');
  const result = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(ROOT, 'test/editors/nvim-lsp-check.lua')}`], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, PRODGAP_SERVER: path.join(ROOT, 'server/out/server.js'), TS_FILE: file, XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: xdg, XDG_STATE_HOME: xdg, XDG_CACHE_HOME: xdg },
  });
  const output = `${result.stdout}\n${result.stderr}`;
  assert.equal(result.status, 0, output);
  assert.match(output, /DIAG 2:21 code=timeout\/fetch-without-signal/);
  assert.match(output, /ACTION Add a 10000 ms timeout \(AbortSignal\.timeout\)\n/);
  assert.match(output, /PASS/);
});
