import * as path from 'node:path';
import type { FileReport } from '../engine/project';
import type { Finding, Notice, OffsetRange, TextEdit } from '../engine/types';

/** 1-based lines and columns (UTF-16), ends exclusive: the convention of every CLI output. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function spanOf(report: FileReport, range: OffsetRange): Span {
  const start = report.lines.positionAt(range.start);
  const end = report.lines.positionAt(range.end);
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

export function displayPath(file: string, cwd: string): string {
  return path.relative(cwd, file).split(path.sep).join('/') || path.basename(file);
}

export interface LocatedFinding {
  report: FileReport;
  file: string;
  finding: Finding;
  span: Span;
}

export interface LocatedNotice {
  file: string;
  notice: Notice;
  span?: Span;
}

/** Findings of all reports, sorted by file, line, column and rule. */
export function locateFindings(reports: FileReport[], cwd: string): LocatedFinding[] {
  const out = reports.flatMap((report) =>
    report.findings.map((finding) => ({ report, file: displayPath(report.path, cwd), finding, span: spanOf(report, finding.range) })),
  );
  return out.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.span.line - b.span.line ||
      a.span.column - b.span.column ||
      a.finding.ruleId.localeCompare(b.finding.ruleId),
  );
}

export function locateNotices(reports: FileReport[], cwd: string): LocatedNotice[] {
  return reports.flatMap((report) =>
    report.notices.map((notice) => ({ file: displayPath(report.path, cwd), notice, span: notice.range && spanOf(report, notice.range) })),
  );
}

export function editSpan(report: FileReport, edit: TextEdit): Span & { newText: string } {
  return { ...spanOf(report, edit), newText: edit.newText };
}
