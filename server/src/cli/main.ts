import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkPaths, UsageError, type CheckResult } from '../project/check';
import { ConfigError } from '../config/load';
import { allRules } from '../rules';
import { SEVERITY_RANK } from '../engine/severity';
import { applyEdits, collectFixEdits } from '../engine/apply';
import { parseCliArgs, USAGE, type CliOptions } from './args';
import { locateFindings, locateNotices } from './locations';
import { formatJson } from './format-json';
import { formatText } from './format-text';
import { formatSarif } from './format-sarif';
import { formatRegister, formatRules } from './format-catalogue';
import { writeStarterConfig } from './init';
import { VERSION } from './version';

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Progress goes to stderr only when it is a terminal. */
  stderrIsTty: boolean;
  stdoutIsTty: boolean;
  today: string;
}

const MAX_FIX_ROUNDS = 10;

/** Runs the CLI and returns its exit code: 0 clean, 1 findings at or above --fail-on, 2 usage or config error. */
export function runCli(argv: string[], io: CliIo): number {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
    switch (options.command) {
      case 'help':
        io.stdout(`${USAGE}\n`);
        return 0;
      case 'version':
        io.stdout(`${VERSION}\n`);
        return 0;
      case 'rules':
        io.stdout(`${formatRules(allRules, options.format)}\n`);
        return 0;
      case 'init':
        return writeStarterConfig(io, options.force);
      case 'register': {
        const result = check(options, io);
        io.stdout(`${formatRegister(result.reports, io.cwd, io.today, options.format)}\n`);
        return 0;
      }
      default:
        return runCheck(options, io);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`prodgap: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr(`prodgap: invalid configuration\n${error.problems
        .map((p) => `  ${path.relative(io.cwd, p.file) || p.file}: ${p.keyPath ? `${p.keyPath}: ` : ''}${p.message}`)
        .join('\n')}\n`);
      return 2;
    }
    throw error;
  }
}

function check(options: CliOptions, io: CliIo): CheckResult {
  const progress = io.stderrIsTty
    ? (done: number, total: number) => io.stderr(`\r\x1b[2Kprodgap: analyzing ${done}/${total} files`)
    : undefined;
  const paths = options.paths.map((p) => path.resolve(io.cwd, p));
  const result = checkPaths({
    paths,
    configFile: options.config && path.resolve(io.cwd, options.config),
    today: io.today,
    onProgress: progress,
  });
  if (progress) io.stderr('\r\x1b[2K');
  return result;
}

function runCheck(options: CliOptions, io: CliIo): number {
  const started = Date.now();
  let result = check(options, io);
  if (options.fix) {
    // Fixes can overlap or expose new findings: apply, re-analyze, repeat until nothing changes.
    for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
      let changed = false;
      for (const report of result.reports) {
        const edits = collectFixEdits(report.findings);
        if (!edits.length) continue;
        fs.writeFileSync(report.path, applyEdits(report.text, edits).text);
        changed = true;
      }
      if (!changed) break;
      result = check(options, io);
    }
  }
  const findings = locateFindings(result.reports, io.cwd);
  const notices = locateNotices(result.reports, io.cwd);
  const stats = { files: result.stats.files, durationMs: Date.now() - started };
  if (options.format === 'json') io.stdout(`${formatJson(findings, notices, stats)}\n`);
  else if (options.format === 'sarif') io.stdout(`${formatSarif(allRules, findings, notices, VERSION)}\n`);
  else io.stdout(`${formatText(findings, notices, io.stdoutIsTty)}\n`);
  if (options.failOn === 'never') return 0;
  const threshold = SEVERITY_RANK[options.failOn];
  return findings.some((f) => SEVERITY_RANK[f.finding.severity] >= threshold) ? 1 : 0;
}
