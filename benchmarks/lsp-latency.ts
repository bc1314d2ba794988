/**
 * npm run bench:lsp -- [--edits N] [--interval MS] [--scan <large repo>]
 * 1. Edit-to-diagnostics latency: the built server over stdio, one generated 5,000-line file open,
 *    N single-character edits (default 60), each timed from didChange sent to the file's next
 *    publishDiagnostics. Prints p50/p95/max. Target: p95 ≤ 50 ms. With --interval 0 (default) each
 *    edit follows the last answer at once, a burst the server debounces; --interval 150 types at a
 *    person's pace.
 * 2. With --scan: time of the first workspace scan of a real repository (initialized → progress end)
 *    and the server's peak resident memory (VmHWM).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { LspClient, PUSH_CLIENT } from '../test/support/lsp-client';

const { values } = parseArgs({
  options: { edits: { type: 'string', default: '60' }, scan: { type: 'string' }, interval: { type: 'string', default: '0' } },
});

/** Realistic service code: handlers with outbound calls, some bounded, some not. */
function generateFile(lines: number): string {
  const out = ["import axios from 'axios';", "import { logger } from './logger';", ''];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `export async function syncAccount${i}(accountId: string, payload: Record<string, unknown>) {`,
      `  logger.info({ accountId }, 'syncing account ${i}');`,
      `  const res = await fetch(\`https://api.partner-${i % 7}.example.com/accounts/\${accountId}\`, {`,
      `    method: 'POST',`,
      `    body: JSON.stringify(payload),`,
      i % 2 ? `    signal: AbortSignal.timeout(5000),` : `    headers: { 'content-type': 'application/json' },`,
      `  });`,
      `  if (!res.ok) throw new Error(\`partner ${i} answered \${res.status}\`);`,
      `  const { data } = await axios.get(\`https://status.example.com/${i}\`, { timeout: 3000 });`,
      `  return { status: data.status as string, count: ${i} };`,
      `}`,
      '',
    );
  }
  return out.slice(0, lines).join('\n');
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function measureLatency(edits: number, interval: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prodgap-latency-'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"latency"}');
  const file = path.join(dir, 'service.ts');
  let text = generateFile(5000);
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const client = new LspClient();
  await client.initialize(pathToFileURL(dir).href, PUSH_CLIENT);
  await client.waitFor(() => client.statuses.some((s) => !s.scanning), 'scan end', 60_000);
  let published = 0;
  client.connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: unknown[] }) => {
    if (params.uri === uri) published++;
    client.diagnostics.set(params.uri, params.diagnostics as never);
  });
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
  await client.waitFor(() => published > 0, 'first diagnostics', 60_000);
  const findings = client.diagnosticsOf(uri).length;
  const times: number[] = [];
  for (let i = 0; i < edits; i++) {
    // One character typed into a log message somewhere in the file.
    const line = 1 + ((i * 97) % 4990);
    const lines = text.split('\n');
    const target = lines.findIndex((l, index) => index >= line && l.includes("'syncing account"));
    const column = lines[target].indexOf("'syncing account") + 1;
    lines[target] = `${lines[target].slice(0, column)}x${lines[target].slice(column)}`;
    text = lines.join('\n');
    if (interval) await pause(interval);
    const before = published;
    const started = process.hrtime.bigint();
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: i + 2 },
      contentChanges: [{ range: { start: { line: target, character: column }, end: { line: target, character: column } }, text: 'x' }],
    });
    await client.waitFor(() => published > before, `diagnostics after edit ${i}`, 30_000);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  await client.stop();
  const sorted = [...times].sort((a, b) => a - b);
  const pace = interval ? `one every ${interval} ms` : 'back to back (debounced burst)';
  console.log(`edit-to-diagnostics  ${edits} single-character edits in a 5,000-line file, ${pace} (${findings} findings)`);
  console.log(`  p50 ${percentile(sorted, 50).toFixed(1)} ms   p95 ${percentile(sorted, 95).toFixed(1)} ms   max ${sorted[sorted.length - 1].toFixed(1)} ms   (target p95 ≤ 50 ms)`);
}

async function measureScan(repo: string): Promise<void> {
  const client = new LspClient();
  const started = Date.now();
  await client.initialize(pathToFileURL(path.resolve(repo)).href, PUSH_CLIENT);
  await client.waitFor(() => client.statuses.some((s) => !s.scanning), 'scan end', 600_000);
  const elapsed = Date.now() - started;
  const status = fs.readFileSync(`/proc/${client.process.pid}/status`, 'utf8');
  const peak = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  const files = client.progress
    .map((p) => (p as { value: { message?: string } }).value.message)
    .filter(Boolean)
    .pop();
  const counts = client.statuses[client.statuses.length - 1].counts;
  await client.stop();
  console.log(`first workspace scan  ${path.resolve(repo)}`);
  console.log(`  ${files}, ${elapsed} ms to the last diagnostics, peak RSS ${peak.toFixed(0)} MiB, findings ${JSON.stringify(counts)}`);
}

void (async () => {
  await measureLatency(Number(values.edits), Number(values.interval));
  if (values.scan) await measureScan(values.scan);
})();
