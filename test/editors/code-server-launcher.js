#!/usr/bin/env node
// Stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }), for
// machines that cannot download VS Code desktop: the same workbench and extension host, from code-server.
// Accepts the CLI test-electron passes (--extensionDevelopmentPath=, --extensionTestsPath=, --user-data-dir=,
// --extensions-dir=, positional workspace path, Electron-only flags are ignored), runs the tests in
// code-server's Node extension host driven by headless Debian Chromium, exits with the tests' exit code.
const CLIENTS = process.env.PRODGAP_CLIENTS_DIR || require('path').resolve(__dirname, '../../.clients');
const { chromium } = require(require('path').join(CLIENTS, 'node_modules/playwright-core'));
const { spawn } = require('child_process');
const fs = require('fs'); const path = require('path'); const net = require('net'); const os = require('os');

const CS = process.env.CODE_SERVER_BIN || path.join(CLIENTS, 'node_modules/.bin/code-server');
const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const TIMEOUT = +(process.env.CODE_TEST_TIMEOUT_MS || 300000);

const devPaths = [], positional = []; let testsPath, extDir;
for (const a of process.argv.slice(2)) {
  const m = /^--([^=]+)=(.*)$/.exec(a);
  if (m && m[1] === 'extensionDevelopmentPath') devPaths.push(path.resolve(m[2]));
  else if (m && m[1] === 'extensionTestsPath') testsPath = path.resolve(m[2]);
  else if (m && m[1] === 'extensions-dir') extDir = path.resolve(m[2]);
  else if (!a.startsWith('-')) positional.push(path.resolve(a));
  // --user-data-dir and Electron flags (--no-sandbox, --disable-gpu-sandbox, ...) are ignored:
  // a fresh user-data-dir is used for every run.
}
if (!testsPath || !devPaths.length) { console.error('need --extensionDevelopmentPath= and --extensionTestsPath='); process.exit(2); }
const freePort = () => new Promise(r => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => r(p)); }); });

(async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'code-test-'));
  for (const d of ['user/User', 'xdg', 'chrome']) fs.mkdirSync(path.join(tmp, d), { recursive: true });
  extDir = extDir || path.join(tmp, 'ext'); fs.mkdirSync(extDir, { recursive: true });   // parent dirs must exist
  fs.writeFileSync(path.join(tmp, 'user/User/settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false, 'update.mode': 'none', 'security.workspace.trust.enabled': false }));
  const port = await freePort(), host = `127.0.0.1:${port}`;
  const server = spawn(CS, ['--bind-addr', host, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--user-data-dir', path.join(tmp, 'user'), '--extensions-dir', extDir],
    { env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg'), XDG_DATA_HOME: path.join(tmp, 'xdg'), XDG_CACHE_HOME: path.join(tmp, 'xdg') },
      stdio: ['ignore', 'pipe', 'pipe'], detached: true });          // own process group -> kill the whole tree
  let log = ''; server.stdout.on('data', d => log += d); server.stderr.on('data', d => log += d);
  let ctx, code = 1;
  try {
    await new Promise((res, rej) => {
      const t = setInterval(() => /HTTP server listening/.test(log) && (clearInterval(t), res()), 50);
      server.on('exit', c => { clearInterval(t); rej(new Error(`code-server exited ${c}\n${log}`)); });
    });
    ctx = await chromium.launchPersistentContext(path.join(tmp, 'chrome'), { executablePath: CHROMIUM, headless: true,
      env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg'), XDG_CACHE_HOME: path.join(tmp, 'xdg') },  // else Chromium writes ~/.config/chromium/Crash Reports
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
             '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    const page = ctx.pages()[0] || await ctx.newPage();
    let onExit; const exited = new Promise(r => onExit = r);
    await page.exposeFunction('codeAutomationExit', c => onExit(c));          // workbench calls this when run() settles
    await page.exposeFunction('codeAutomationLog', (type, args) => console.log(...args));
    page.on('console', m => { const t = m.text(); if (t.includes('[Extension Host]'))
      console.log(t.replace(/%c|color: \S*/g, '').replace(/^\s*\[Extension Host\]\s*/, '').trimEnd()); });
    const payload = [...devPaths.map(p => ['extensionDevelopmentPath', `vscode-remote://${host}${p}`]),
      ['extensionTestsPath', `vscode-remote://${host}${testsPath}`], ['skipWelcome', 'true']];
    const ws = positional[0];
    const where = !ws ? 'ew=true' : (ws.endsWith('.code-workspace') ? 'workspace=' : 'folder=') + encodeURIComponent(ws);
    await page.goto(`http://${host}/?${where}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    code = await Promise.race([exited, new Promise(r => setTimeout(() => { console.error(`timeout after ${TIMEOUT} ms`); r(124); }, TIMEOUT))]);
  } catch (e) { console.error(e); code = 1; }
  finally {
    if (ctx) await ctx.close().catch(() => {});
    try { process.kill(-server.pid, 'SIGTERM'); } catch {}
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(code);
})();
