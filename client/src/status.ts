import * as vscode from 'vscode';
import type { ServerStatus } from '../../server/src/lsp/protocol';

/** Risks in the workspace by severity; a spinner while the server scans; a click opens Problems. */
export class StatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('prodgap.status', vscode.StatusBarAlignment.Left, 50);
  private readonly changed = new vscode.EventEmitter<ServerStatus>();
  readonly onDidChange = this.changed.event;
  last: ServerStatus | undefined;

  constructor() {
    this.item.name = 'prodgap';
    this.item.command = 'workbench.actions.view.problems';
    this.item.text = '$(sync~spin) prodgap';
    this.item.tooltip = 'prodgap: analyzing the workspace';
    this.item.show();
  }

  update(status: ServerStatus): void {
    this.last = status;
    const { error, warning, info } = status.counts;
    this.item.text = status.scanning ? '$(sync~spin) prodgap' : `prodgap $(error) ${error} $(warning) ${warning} $(info) ${info}`;
    this.item.tooltip = status.scanning
      ? 'prodgap: analyzing the workspace'
      : `prodgap: ${error} errors, ${warning} warnings, ${info} infos in the workspace — click for the Problems panel`;
    this.changed.fire(status);
  }

  dispose(): void {
    this.item.dispose();
    this.changed.dispose();
  }
}
