// Runs every compiled *.test.js under build/test with Node's test runner (Node 20 has no --test globs).
// Optional arguments keep only the files whose path contains one of them (e.g. `rules/timeout`).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    // test/vscode holds the mocha suite that runs inside VS Code (test/editors/vscode.test.ts starts it).
    if (entry.isDirectory()) return full === join('build', 'test', 'vscode') ? [] : find(full);
    return entry.name.endsWith('.test.js') ? [full] : [];
  });
}

const filter = process.argv.slice(2);
const files = find('build/test').filter((f) => filter.length === 0 || filter.some((part) => f.includes(part))).sort();
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
