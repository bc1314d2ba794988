import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli/main';
import { syntaxErrors } from '../support/analyze';

const TODAY = '2026-06-01';

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prodgap-cli-'));
  for (const [name, text] of Object.entries({ 'package.json': '{"name":"p","dependencies":{}}', ...files })) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function cli(cwd: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTty: false, stdoutIsTty: false, today: TODAY });
  return { code, stdout, stderr };
}

const RISKY = "export async function load(id: string) {\n  return fetch(`https://api.example.com/items/${id}`);\n}\n";

test('check --format json: findings with 1-based exclusive spans, fixes and stats', () => {
  const dir = project({ 'src/a.ts': RISKY });
  const { code, stdout } = cli(dir, 'check', '--format', 'json', '--fail-on', 'warning');
  assert.equal(code, 1);
  const output = JSON.parse(stdout);
  assert.equal(output.version, 1);
  assert.deepEqual(
    output.findings.map((f: Record<string, unknown>) => [f.ruleId, f.category, f.severity, f.file, f.line, f.column, f.endLine, f.endColumn]),
    [['timeout/fetch-without-signal', 'timeout', 'warning', 'src/a.ts', 2, 10, 2, 15]],
  );
  assert.deepEqual(output.findings[0].fixes.map((f: { kind: string }) => f.kind), ['fix', 'accept']);
  assert.equal(output.stats.files, 1);
});

test('exit codes follow --fail-on', () => {
  const dir = project({ 'src/a.ts': RISKY });
  assert.equal(cli(dir, 'check').code, 0, 'a warning is below the default --fail-on error');
  assert.equal(cli(dir, 'check', '--fail-on', 'info').code, 1);
  assert.equal(cli(dir, 'check', '--fail-on', 'never').code, 0);
  fs.writeFileSync(path.join(dir, '.prodgap.json'), '{ "criticality": { "src/**": "critical" } }');
  assert.equal(cli(dir, 'check').code, 1, 'critical paths make timeouts errors');
});

test('usage errors and invalid config exit 2 with a clear message', () => {
  const dir = project({ 'src/a.ts': RISKY });
  const unknown = cli(dir, 'check', '--colour');
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Unknown option '--colour'/);
  assert.equal(cli(dir, 'check', '--format', 'xml').code, 2);
  assert.equal(cli(dir, 'lint').code, 2);
  assert.equal(cli(dir, 'check', 'missing/').code, 2);
  fs.writeFileSync(path.join(dir, '.prodgap.json'), '{ "timeouts": { "budgetMs": -1 } }');
  const bad = cli(dir, 'check');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /\.prodgap\.json: timeouts\.budgetMs: /);
});

test('a single-file run and a tree run agree (project facts cover the whole project)', () => {
  const dir = project({ 'src/a.ts': RISKY, 'src/b.ts': "await fetch('https://x.example/y');\n" });
  const single = JSON.parse(cli(dir, 'check', 'src/a.ts', '--format', 'json').stdout).findings;
  const tree = JSON.parse(cli(dir, 'check', '--format', 'json').stdout).findings.filter((f: { file: string }) => f.file === 'src/a.ts');
  assert.deepEqual(single, tree);
});

test('a package whose package.json declares a client runtime (React Native, a Stripe App) or publishes a browser bundle is client code, unless it has a server framework', () => {
  const swallowed = 'export async function save(api: { put(): Promise<void> }) {\n  try {\n    await api.put();\n  } catch {}\n}\n';
  const dir = project({
    'apps/mobile/package.json': '{"name":"m","dependencies":{"react-native":"0.74.0"}}',
    'apps/mobile/src/sync/save.ts': swallowed,
    'apps/api/package.json': '{"name":"a","dependencies":{"react-native":"0.74.0","express":"4.0.0"}}',
    'apps/api/src/save.ts': swallowed,
    'packages/sdk/package.json': '{"name":"sdk","main":"./dist/index.umd.cjs","module":"./dist/index.js"}',
    'packages/sdk/src/save.ts': swallowed,
    'packages/widget/package.json': '{"name":"w","browser":"./dist/widget.js"}',
    'packages/widget/src/save.ts': swallowed,
    'packages/lib/package.json': '{"name":"lib","main":"./dist/index.cjs"}',
    'packages/lib/src/save.ts': swallowed,
    'src/save.ts': swallowed,
  });
  const { stdout } = cli(dir, 'check', '--format', 'json', '--fail-on', 'never');
  const files = JSON.parse(stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'error-handling/empty-catch').map((f: { file: string }) => f.file);
  assert.deepEqual(files.sort(), ['apps/api/src/save.ts', 'packages/lib/src/save.ts', 'src/save.ts']);
});

test('skips node_modules, build output, .d.ts, .gitignore and config ignores', () => {
  const dir = project({
    'src/a.ts': RISKY,
    'node_modules/x/index.js': RISKY,
    'dist/a.js': RISKY,
    'src/types.d.ts': RISKY,
    'generated/api.ts': RISKY,
    'tmp/scratch.ts': RISKY,
    '.gitignore': 'tmp/\n',
    '.prodgap.json': '{ "ignore": ["generated/**"] }',
  });
  const files = JSON.parse(cli(dir, 'check', '--format', 'json').stdout).findings.map((f: { file: string }) => f.file);
  assert.deepEqual(files, ['src/a.ts']);
});

test('.sql migrations are analyzed in migration folders only; a `--` acceptance hides a finding', () => {
  const index = 'CREATE INDEX "User_email_idx" ON "User"("email");\n';
  const dir = project({
    'prisma/migrations/20240101000000_email/migration.sql': index,
    'prisma/migrations/20240102000000_name/migration.sql': `-- prodgap-accept migration/index-without-concurrently: table has 40 rows -- @db until 2027-01-01\n${index}`,
    'drizzle/0001_email.sql': index,
    'db/schema.sql': index,
  });
  const findings = JSON.parse(cli(dir, 'check', '--format', 'json').stdout).findings.map((f: { file: string; line: number; ruleId: string }) => `${f.file}:${f.line} ${f.ruleId}`);
  assert.deepEqual(findings, ['drizzle/0001_email.sql:1 migration/index-without-concurrently', 'prisma/migrations/20240101000000_email/migration.sql:1 migration/index-without-concurrently']);
});

test('--fix applies safe fixes; the result parses and is clean', () => {
  const dir = project({ 'src/a.ts': RISKY });
  const { code } = cli(dir, 'check', '--fix', '--fail-on', 'info');
  assert.equal(code, 0);
  const fixed = fs.readFileSync(path.join(dir, 'src/a.ts'), 'utf8');
  assert.match(fixed, /signal: AbortSignal\.timeout\(10000\)/);
  assert.deepEqual(syntaxErrors('a.ts', fixed), []);
});

test('SARIF 2.1.0: rules with help, results with fingerprints and fixes, notices as notifications', () => {
  const dir = project({ 'src/a.ts': `// prodgap-accept timeout: bad\n${RISKY}` });
  const log = JSON.parse(cli(dir, 'check', '--format', 'sarif').stdout);
  assert.equal(log.version, '2.1.0');
  const run = log.runs[0];
  const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'timeout/fetch-without-signal');
  assert.ok(rule.help.text && rule.helpUri && rule.defaultConfiguration.level);
  assert.equal(run.results.length, 1);
  assert.equal(run.results[0].locations[0].physicalLocation.region.startLine, 3);
  assert.match(run.results[0].partialFingerprints.primaryLocationLineHash, /^[0-9a-f]{32}:1$/);
  assert.equal(run.results[0].fixes.length, 1);
  assert.deepEqual(run.invocations[0].toolExecutionNotifications.map((n: { descriptor: { id: string } }) => n.descriptor.id), ['acceptance-malformed']);
});

test('register lists acceptances, expired first', () => {
  const dir = project({
    'src/a.ts': `// prodgap-accept timeout: sidecar -- @ops until 2027-01-01\n${RISKY.replace('return', '// prodgap-accept timeout: legacy -- @team until 2026-01-01\n  return')}`,
  });
  const output = JSON.parse(cli(dir, 'register', '--format', 'json').stdout);
  assert.deepEqual(output.acceptances.map((a: { status: string; owner: string }) => [a.status, a.owner]), [['expired', '@team'], ['active', '@ops']]);
  assert.match(cli(dir, 'register').stdout, /^EXPIRED\s+2026-01-01\s+@team/);
});

test('rules lists the catalogue; init writes a starter config once', () => {
  const dir = project({ 'package.json': '{"dependencies":{"express":"4","stripe":"14","pino":"9"}}' });
  assert.match(cli(dir, 'rules').stdout, /timeout\/fetch-without-signal/);
  const init = cli(dir, 'init');
  assert.equal(init.code, 0);
  assert.match(init.stdout, /detected: Express, Stripe/);
  const config = JSON.parse(fs.readFileSync(path.join(dir, '.prodgap.json'), 'utf8'));
  assert.equal(config.criticality['**/{payment,payments,billing,checkout}/**'], 'critical');
  assert.equal(cli(dir, 'check', '--fail-on', 'never').code, 0, 'the starter config is valid');
  assert.equal(cli(dir, 'init').code, 2);
});
