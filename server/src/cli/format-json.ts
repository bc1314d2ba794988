import type { LocatedFinding, LocatedNotice } from './locations';
import { editSpan } from './locations';

export interface JsonOutput {
  version: 1;
  findings: unknown[];
  notices: unknown[];
  stats: { files: number; durationMs: number };
}

export function formatJson(findings: LocatedFinding[], notices: LocatedNotice[], stats: { files: number; durationMs: number }): string {
  const output: JsonOutput = {
    version: 1,
    findings: findings.map(({ report, file, finding, span }) => ({
      ruleId: finding.ruleId,
      category: finding.category,
      severity: finding.severity,
      file,
      ...span,
      message: finding.message,
      fixes: finding.fixes.map((fix) => ({ title: fix.title, kind: fix.kind, edits: fix.edits.map((edit) => editSpan(report, edit)) })),
    })),
    notices: notices.map(({ file, notice, span }) => ({
      kind: notice.kind,
      file,
      line: span?.line ?? 1,
      column: span?.column ?? 1,
      message: notice.message,
    })),
    stats,
  };
  return JSON.stringify(output, null, 2);
}
