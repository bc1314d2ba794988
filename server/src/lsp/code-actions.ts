import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import type { FileReport } from '../engine/project';
import type { Finding, TextEdit } from '../engine/types';
import { collectFixEdits } from '../engine/apply';
import { docsHref, findingDiagnostic, toRange } from './diagnostics';
import { SHOW_DOCS_COMMAND } from './protocol';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.prodgap`;

function lspEdits(report: FileReport, edits: TextEdit[]): LspTextEdit[] {
  return edits.map((edit) => ({ range: toRange(report.lines, edit), newText: edit.newText }));
}

function overlaps(report: FileReport, finding: Finding, range: Range): boolean {
  const start = report.lines.offsetAt(range.start);
  const end = report.lines.offsetAt(range.end);
  return finding.range.start <= end && start <= finding.range.end;
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

export interface CodeActionSupport {
  /** The client understands CodeAction literals (else only commands would work, and we offer none). */
  literals: boolean;
  isPreferred: boolean;
}

/**
 * Quick fixes of the findings under the range: each fix and suggestion (the first preferred), the
 * acceptance comment, the rule's documentation; and the fix-all source action.
 */
export function codeActions(uri: string, report: FileReport, range: Range, only: string[] | undefined, support: CodeActionSupport): CodeAction[] {
  if (!support.literals) return [];
  const actions: CodeAction[] = [];
  if (wants(only, CodeActionKind.QuickFix)) {
    for (const finding of report.findings.filter((f) => overlaps(report, f, range))) {
      const diagnostic: Diagnostic = findingDiagnostic(report, finding);
      let preferred = support.isPreferred;
      for (const fix of finding.fixes) {
        const action: CodeAction = {
          title: fix.kind === 'accept' ? `Accept risk… (${finding.ruleId})` : fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: { changes: { [uri]: lspEdits(report, fix.edits) } },
        };
        if (preferred && fix.kind !== 'accept') {
          action.isPreferred = true;
          preferred = false;
        }
        actions.push(action);
      }
      actions.push({
        title: `Show documentation for ${finding.ruleId}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: 'Show documentation', command: SHOW_DOCS_COMMAND, arguments: [docsHref(finding.ruleId)] },
      });
    }
  }
  const fixAll = fixAllAction(uri, report, only);
  if (fixAll) actions.push(fixAll);
  return actions;
}

/** Applies every `fix` (never a suggestion) of the file; offered only when asked for source actions. */
export function fixAllAction(uri: string, report: FileReport, only: string[] | undefined): CodeAction | undefined {
  if (!only || !only.some((kind) => FIX_ALL_KIND === kind || FIX_ALL_KIND.startsWith(`${kind}.`))) return undefined;
  const edits = collectFixEdits(report.findings, 'fix');
  if (!edits.length) return undefined;
  return { title: 'prodgap: fix all safe production gaps', kind: FIX_ALL_KIND, edit: { changes: { [uri]: lspEdits(report, edits) } } };
}
