import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { CODE_SERVER, ROOT } from './clients';

/**
 * What a person sees: code-server (the VS Code workbench) in headless Chromium with the extension
 * loaded for development. The squiggle shows, the hover carries the guidance, Ctrl+. applies the fix,
 * and the Problems panel lists a file nobody opened. Screenshots land in test-artifacts/.
 */
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const T = 90_000;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function runUiCheck(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prodgap-ui-'));
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(ROOT, 'test/fixtures/workspace'), workspace, { recursive: true });
  for (const dir of ['user/User', 'xdg', 'chrome', 'ext']) fs.mkdirSync(path.join(tmp, dir), { recursive: true });
  fs.writeFileSync(
    path.join(tmp, 'user/User/settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoUpdate': false, 'update.mode': 'none', 'security.workspace.trust.enabled': false }),
  );
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const xdg = { XDG_CONFIG_HOME: path.join(tmp, 'xdg'), XDG_DATA_HOME: path.join(tmp, 'xdg'), XDG_CACHE_HOME: path.join(tmp, 'xdg') };
  const host = `127.0.0.1:${await freePort()}`;
  const server = spawn(
    CODE_SERVER,
    ['--bind-addr', host, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--user-data-dir', path.join(tmp, 'user'), '--extensions-dir', path.join(tmp, 'ext')],
    { env: { ...process.env, ...xdg }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let log = '';
  server.stdout!.on('data', (d) => (log += d));
  server.stderr!.on('data', (d) => (log += d));
  const context = await chromium.launchPersistentContext(path.join(tmp, 'chrome'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    env: { ...process.env, ...xdg },
    args: CHROMIUM_ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => /HTTP server listening/.test(log) && (clearInterval(timer), resolve()), 50);
      server.on('exit', (code) => (clearInterval(timer), reject(new Error(`code-server exited ${code}\n${log}`))));
    });
    const payload = encodeURIComponent(JSON.stringify([['extensionDevelopmentPath', `vscode-remote://${host}${ROOT}`]]));
    await page.goto(`http://${host}/?folder=${encodeURIComponent(workspace)}&payload=${payload}`, { timeout: T });
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: T });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'src' }).first().click();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'open.ts' }).first().click();
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: T });

    // 1) the squiggle
    const squiggle = page.locator('.monaco-editor .squiggly-warning').first();
    await squiggle.waitFor({ timeout: T });

    // 2) the hover with the guidance
    const box = (await squiggle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hoverWithGuidance = page.locator('.monaco-hover', { hasText: 'Why it matters in production' }).first();
    await hoverWithGuidance.waitFor({ timeout: T });
    const hover = (await hoverWithGuidance.innerText()).replace(/\s+/g, ' ');
    assert.match(hover, /timeout\/fetch-without-signal/);
    assert.match(hover, /prodgap-accept/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'ui-hover.png') });

    // 3) the Problems panel lists the file nobody opened
    await page.keyboard.press('Control+Shift+m');
    await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: T });
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'never-opened.ts' }).first().waitFor({ timeout: T });
    const problems = (await page.locator('.markers-panel').innerText()).replace(/\s+/g, ' ');
    assert.match(problems, /timeout\/fetch-without-signal/);

    // 4) Ctrl+. inside the squiggle (hover closed first), pick the fix, the squiggle goes
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.move(10, 10);
    await openQuickFixMenu(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'ui-quickfix.png') });
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ state: 'detached', timeout: T });
    const code = (await page.locator('.monaco-editor .view-lines').first().innerText()).replace(/\s+/g, ' ');
    assert.match(code, /signal: AbortSignal\.timeout\(10000\)/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'ui-fixed.png') });
  } catch (error) {
    await page.screenshot({ path: path.join(ARTIFACTS, 'ui-failure.png') }).catch(() => undefined);
    throw error;
  } finally {
    await context.close().catch(() => undefined);
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

type Page = Awaited<ReturnType<Awaited<ReturnType<typeof chromium.launchPersistentContext>>['newPage']>>;

/**
 * Ctrl+. can answer "No code actions available" while the built-in TypeScript server is still
 * starting (its own request is cancelled): wait for either answer, and ask again after a refusal.
 */
async function openQuickFixMenu(page: Page): Promise<void> {
  const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Add a 10000 ms timeout' }).first();
  // The editor's overlay message (an aria-live copy of the text stays in the DOM, so not getByText).
  const refusal = page.locator('.monaco-editor-overlaymessage', { hasText: 'No code actions available' }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    const shown = await Promise.race([
      item.waitFor({ timeout: T }).then(() => 'menu'),
      refusal.waitFor({ timeout: T }).then(() => 'refused'),
    ]);
    if (shown === 'menu') return;
    if (attempt === 5) throw new Error('Ctrl+. kept answering "No code actions available"');
    await page.keyboard.press('Escape');
    await refusal.waitFor({ state: 'hidden', timeout: T });
  }
}
