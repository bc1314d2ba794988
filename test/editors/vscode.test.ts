import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { clientAvailable, codeServerAvailable, ROOT } from './clients';
import { runUiCheck } from './ui-check';

/**
 * Real VS Code. The mocha suite in test/vscode runs inside a real VS Code extension host over a copy of
 * test/fixtures/workspace. Here VS Code desktop can't be downloaded, so a launcher stands in for its
 * executable and runs the same workbench from code-server in headless Chromium; with
 * PRODGAP_VSCODE=download the suite runs unchanged in downloaded VS Code.
 */
const download = process.env.PRODGAP_VSCODE === 'download';
const skip = download ? false : clientAvailable('code-server with Chromium', codeServerAvailable());

test('VS Code extension host: diagnostics, quick fix, fix-all, acceptance, commands, status bar', { skip, timeout: 300_000 }, async () => {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'prodgap-vscode-'));
  fs.cpSync(path.join(ROOT, 'test/fixtures/workspace'), workspace, { recursive: true });
  const code = await runTests({
    ...(download ? {} : { vscodeExecutablePath: path.join(ROOT, 'test/editors/code-server-launcher.js') }),
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'build/test/vscode/suite/index.js'),
    launchArgs: [workspace, '--disable-extensions'],
  });
  assert.equal(code, 0);
});

// In the same file as the suite above so the two code-server runs never compete for the 2 cores.
test('UI in code-server: squiggle, hover guidance, Ctrl+. quick fix, Problems panel lists an unopened file', { skip: download || skip, timeout: 300_000 }, runUiCheck);
