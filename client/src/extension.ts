import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { StatusBar } from './status';
import { showRiskRegister } from './register';
// protocol.ts has no imports, so sharing it bundles a few constants, not the server.
import { REGISTER_COMMAND, RESCAN_COMMAND, STATUS_NOTIFICATION, type RegisterEntry, type ServerStatus } from '../../server/src/lsp/protocol';

// SQL: the server analyzes `.sql` migrations (Prisma, drizzle, migrations/*.sql) and ignores other SQL files.
const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'sql'];
let client: LanguageClient | undefined;

/** What the extension exposes to other extensions (and its end-to-end tests). */
export interface ProdgapApi {
  status(): ServerStatus | undefined;
  statusText(): string;
  onDidChangeStatus: vscode.Event<ServerStatus>;
}

/** Thin client: starts the server, keeps only prodgap's diagnostics, and wires commands and the status bar. */
export async function activate(context: vscode.ExtensionContext): Promise<ProdgapApi> {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const output = vscode.window.createOutputChannel('prodgap');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [...LANGUAGES.map((language) => ({ scheme: 'file', language })), { scheme: 'file', pattern: '**/.prodgap.json' }],
    outputChannel: output,
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => next(uri, diagnostics.filter((d) => d.source === 'prodgap')),
    },
  };
  client = new LanguageClient('prodgap', 'prodgap', serverOptions, clientOptions);
  const status = new StatusBar();
  context.subscriptions.push(
    status,
    output,
    vscode.commands.registerCommand('prodgap.rescanWorkspace', () => client?.sendRequest('workspace/executeCommand', { command: RESCAN_COMMAND })),
    vscode.commands.registerCommand('prodgap.showRiskRegister', async () => {
      const entries = (await client?.sendRequest('workspace/executeCommand', { command: REGISTER_COMMAND })) as RegisterEntry[] | undefined;
      return showRiskRegister(entries ?? []);
    }),
    vscode.commands.registerCommand('prodgap.restartServer', async () => {
      await client?.restart();
      listenForStatus(status);
    }),
    vscode.commands.registerCommand('prodgap.openDocumentation', () =>
      vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules', 'README.md')))),
    ),
  );
  await client.start();
  listenForStatus(status);
  return { status: () => status.last, statusText: () => status.item.text, onDidChangeStatus: status.onDidChange };
}

function listenForStatus(status: StatusBar): void {
  client?.onNotification(STATUS_NOTIFICATION, (params: ServerStatus) => status.update(params));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
