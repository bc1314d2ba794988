import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver/node';
import type { FileReport } from '../engine/project';
import type { Finding, OffsetRange, Severity } from '../engine/types';
import { ruleDocsPath, ruleDocsUrl } from '../engine/docs';
import type { LineIndex } from '../engine/lines';
import type { ConfigProblem } from '../config/load';
import { pathToUri } from './uris';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** The extension's root (server/out/server.js → ../..), where the rule docs ship. */
const EXTENSION_ROOT = path.resolve(__dirname, '..', '..');

const hrefs = new Map<string, string>();

/** The rule's documentation: the page shipped with the extension when present, else the web page. */
export function docsHref(ruleId: string): string {
  let href = hrefs.get(ruleId);
  if (href === undefined) {
    const local = path.join(EXTENSION_ROOT, ruleDocsPath(ruleId));
    href = fs.existsSync(local) ? pathToUri(local) : ruleDocsUrl(ruleId);
    hrefs.set(ruleId, href);
  }
  return href;
}

export function toRange(lines: LineIndex, range: OffsetRange): Range {
  return { start: lines.positionAt(range.start), end: lines.positionAt(range.end) };
}

/** Links a diagnostic to its finding so code actions and hovers can find the fixes again. */
export interface DiagnosticData {
  ruleId: string;
  start: number;
  end: number;
}

export function findingDiagnostic(report: FileReport, finding: Finding): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, start: finding.range.start, end: finding.range.end };
  return {
    range: toRange(report.lines, finding.range),
    severity: SEVERITY[finding.severity],
    source: 'prodgap',
    code: finding.ruleId,
    codeDescription: { href: docsHref(finding.ruleId) },
    message: finding.message,
    data,
  };
}

export function reportDiagnostics(report: FileReport, showNotices: boolean): Diagnostic[] {
  const diagnostics = report.findings.map((finding) => findingDiagnostic(report, finding));
  if (showNotices) {
    for (const notice of report.notices) {
      diagnostics.push({
        range: notice.range ? toRange(report.lines, notice.range) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: 'prodgap',
        code: `prodgap/${notice.kind}`,
        message: notice.message,
      });
    }
  }
  return diagnostics;
}

/** Problems of a `.prodgap.json`, at the offending key. */
export function configDiagnostics(problems: ConfigProblem[], lines: LineIndex): Diagnostic[] {
  return problems.map((problem) => ({
    range: problem.range ? toRange(lines, problem.range) : { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    severity: DiagnosticSeverity.Error,
    source: 'prodgap',
    code: 'prodgap/config-invalid',
    message: `${problem.keyPath ? `${problem.keyPath}: ` : ''}${problem.message} (analysis uses the defaults until this is fixed)`,
  }));
}
