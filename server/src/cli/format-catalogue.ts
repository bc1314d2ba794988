import type { FileReport } from '../engine/project';
import type { RuleModule } from '../engine/types';
import { SEVERITY_TABLE } from '../engine/severity';
import { ruleDocsUrl } from '../engine/docs';
import { displayPath } from './locations';
import type { RegisterEntry } from '../lsp/protocol';

export function formatRules(rules: readonly RuleModule[], format: string): string {
  const rows = rules.map((rule) => ({
    id: rule.meta.id,
    category: rule.meta.category,
    layer: rule.meta.layer,
    severity: SEVERITY_TABLE[rule.meta.category],
    fixable: rule.meta.fixable,
    description: rule.meta.description,
    docs: ruleDocsUrl(rule.meta.id),
  }));
  if (format === 'json') return JSON.stringify({ version: 1, rules: rows }, null, 2);
  const width = Math.max(...rows.map((r) => r.id.length));
  return rows
    .map((r) => `${r.id.padEnd(width)}  ${r.fixable ? 'fix' : '   '}  ${r.severity['customer-facing'].padEnd(7)}  ${r.description}`)
    .join('\n');
}

/** The risk register: every acceptance, expired ones first, then by expiry date. */
export function registerEntries(reports: FileReport[], cwd: string, today: string): RegisterEntry[] {
  const entries: RegisterEntry[] = reports.flatMap((report) =>
    report.acceptances.map((a) => ({
      rules: a.targets,
      file: displayPath(report.path, cwd),
      line: a.line + 1,
      reason: a.reason,
      owner: `@${a.owner}`,
      until: a.until ?? null,
      status: a.until === undefined ? ('open-ended' as const) : a.until < today ? ('expired' as const) : ('active' as const),
    })),
  );
  const rank = { expired: 0, active: 1, 'open-ended': 2 };
  return entries.sort(
    (a, b) => rank[a.status] - rank[b.status] || (a.until ?? '').localeCompare(b.until ?? '') || a.file.localeCompare(b.file) || a.line - b.line,
  );
}

export function formatRegister(reports: FileReport[], cwd: string, today: string, format: string): string {
  const entries = registerEntries(reports, cwd, today);
  if (format === 'json') return JSON.stringify({ version: 1, acceptances: entries }, null, 2);
  if (!entries.length) return 'No accepted risks.';
  return entries
    .map((e) => `${e.status.toUpperCase().padEnd(10)} ${e.until ?? 'no expiry'}  ${e.owner}  ${e.rules.join(', ')}  ${e.file}:${e.line}\n           ${e.reason}`)
    .join('\n');
}
