import * as vscode from 'vscode';
import type { RegisterEntry } from '../../server/src/lsp/protocol';

/** The risk register as a Markdown document: accepted risks, expired ones first. */
export function renderRiskRegister(entries: RegisterEntry[]): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const rows = entries.map(
    (e) => `| ${e.status === 'expired' ? '**expired**' : e.status} | ${e.until ?? '—'} | ${escape(e.owner)} | ${e.rules.join(', ')} | ${escape(e.file)}:${e.line} | ${escape(e.reason)} |`,
  );
  return [
    '# prodgap risk register',
    '',
    entries.length ? `${entries.length} accepted risk${entries.length === 1 ? '' : 's'}; expired ones no longer hide their findings.` : 'No accepted risks in this workspace.',
    '',
    ...(entries.length ? ['| status | expires | owner | rule | where | reason |', '|---|---|---|---|---|---|', ...rows] : []),
    '',
  ].join('\n');
}

export async function showRiskRegister(entries: RegisterEntry[]): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: renderRiskRegister(entries) });
  await vscode.window.showTextDocument(document, { preview: true });
  return document;
}
