import type { LocatedFinding, LocatedNotice } from './locations';

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', reset: '\x1b[0m' };

/** Grouped by file like ESLint's stylish format, with a summary line. */
export function formatText(findings: LocatedFinding[], notices: LocatedNotice[], color: boolean): string {
  const paint = (code: keyof typeof COLORS, text: string) => (color ? `${COLORS[code]}${text}${COLORS.reset}` : text);
  const lines: string[] = [];
  let current: string | undefined;
  for (const { file, finding, span } of findings) {
    if (file !== current) {
      if (current !== undefined) lines.push('');
      lines.push(file);
      current = file;
    }
    const fixable = finding.fixes.some((f) => f.kind === 'fix') ? ' (fixable)' : '';
    lines.push(`  ${`${span.line}:${span.column}`.padEnd(8)} ${paint(finding.severity, finding.severity.padEnd(7))} ${finding.message}${fixable}  ${paint('dim', finding.ruleId)}`);
  }
  if (notices.length) {
    if (lines.length) lines.push('');
    lines.push('Notices:');
    for (const { file, notice, span } of notices) {
      lines.push(`  ${file}${span ? `:${span.line}:${span.column}` : ''}  ${paint('dim', notice.kind)}  ${notice.message}`);
    }
  }
  const count = (s: string) => findings.filter((f) => f.finding.severity === s).length;
  if (lines.length) lines.push('');
  lines.push(
    findings.length
      ? `${plural(findings.length, 'production risk')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'info')})`
      : 'No production risks found.',
  );
  return lines.join('\n');
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
