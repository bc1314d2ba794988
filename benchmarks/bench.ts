/**
 * npm run bench -- <dir> [--rounds N] [--categories timeout,idempotency,...]
 * Prints parse-only time, parse+analyze time (all rules, fact collectors, project resolution and
 * acceptances) and their ratio for a tree, measured in one run with interleaved rounds so machine
 * noise hits both sides alike. Target: ratio ≤ 1.5.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { parseSource } from '../server/src/engine/parse';
import { analyzeFile } from '../server/src/engine/runner';
import { finalizeFile, ProjectIndex } from '../server/src/engine/project';
import { settingsFor } from '../server/src/config/settings';
import { allCollectors, allRules, knownRuleIds, rulesById } from '../server/src/rules';
import { listSourceFiles, readText } from '../server/src/project/files';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '5' }, categories: { type: 'string' } },
});
const target = positionals[0];
if (!target) {
  console.error('usage: npm run bench -- <dir> [--rounds N]');
  process.exit(2);
}
const rounds = Number(values.rounds);
const categories = values.categories?.split(',');
const rules = categories ? allRules.filter((r) => categories.includes(r.meta.category)) : allRules;
const files = listSourceFiles(target)
  .map((file) => ({ file, text: readText(file) ?? '' }))
  .filter((f) => f.text.length <= 1_000_000);
const bytes = files.reduce((sum, f) => sum + f.text.length, 0);
const settings = settingsFor({}, 'x.ts');
const today = new Date().toISOString().slice(0, 10);

function parseOnly(): number {
  const started = process.hrtime.bigint();
  for (const { file, text } of files) parseSource(file, text);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

let findings = 0;
function parseAndAnalyze(): number {
  const started = process.hrtime.bigint();
  const index = new ProjectIndex();
  const analyses = files.map(({ file, text }) => {
    const analysis = analyzeFile(file, text, settings, { rules, collectors: allCollectors, runRules: true, knownRuleIds });
    index.set(file, analysis.facts);
    return analysis;
  });
  findings = 0;
  for (const analysis of analyses) findings += finalizeFile(analysis, { rules: rulesById, settings, facts: index, today }).findings.length;
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
parseOnly();
parseAndAnalyze();
const parseTimes: number[] = [];
const analyzeTimes: number[] = [];
for (let i = 0; i < rounds; i++) {
  parseTimes.push(parseOnly());
  analyzeTimes.push(parseAndAnalyze());
}
const parseMs = median(parseTimes);
const analyzeMs = median(analyzeTimes);
console.log(`tree            ${path.resolve(target)}`);
console.log(`files           ${files.length} (${(bytes / 1024 / 1024).toFixed(1)} MiB), ${rules.length} rules${categories ? ` (${categories.join(', ')})` : ''}, ${rounds} rounds (median)`);
console.log(`parse only      ${parseMs.toFixed(0)} ms`);
console.log(`parse+analyze   ${analyzeMs.toFixed(0)} ms (${findings} findings)`);
console.log(`ratio           ${(analyzeMs / parseMs).toFixed(2)} (target ≤ 1.5)`);
console.log(`per file        ${(analyzeMs / Math.max(1, files.length)).toFixed(2)} ms`);
console.log(`peak RSS        ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
