import * as path from 'node:path';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../engine/lines';
import { CONFIG_FILE, parseConfigText, type ConfigError } from '../config/load';
import { ConfigSet } from '../project/config-set';
import { ProjectModel } from '../project/model';
import { readText } from '../project/files';
import { isAnalyzableFile, knownRuleIds, rulesById } from '../rules';
import { registerEntries } from '../cli/format-catalogue';
import { codeActions, FIX_ALL_KIND } from './code-actions';
import { REGISTER_COMMAND, RESCAN_COMMAND, SHOW_DOCS_COMMAND, STATUS_NOTIFICATION } from './protocol';
import { configDiagnostics, reportDiagnostics } from './diagnostics';
import { hoverAt } from './hover';
import { normalizeSettings, type ServerSettings } from './settings';
import { scanFolders } from './scan';
import { AnalysisScheduler } from './scheduler';
import { pathToUri, uriToPath } from './uris';

interface Capabilities {
  pull: boolean;
  refresh: boolean;
  configuration: boolean;
  watchedFiles: boolean;
  progress: boolean;
  showDocument: boolean;
  codeActionLiterals: boolean;
  isPreferred: boolean;
  workspaceFolders: boolean;
}

function readCapabilities(c: ClientCapabilities): Capabilities {
  return {
    pull: !!c.textDocument?.diagnostic,
    refresh: !!c.workspace?.diagnostics?.refreshSupport,
    configuration: !!c.workspace?.configuration,
    watchedFiles: !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    progress: !!c.window?.workDoneProgress,
    showDocument: !!c.window?.showDocument?.support,
    codeActionLiterals: !!c.textDocument?.codeAction?.codeActionLiteralSupport,
    isPreferred: !!c.textDocument?.codeAction?.isPreferredSupport,
    workspaceFolders: !!c.workspace?.workspaceFolders,
  };
}

const today = () => new Date().toISOString().slice(0, 10);

/** The language server: the engine's results, kept current and served over LSP. */
export class Session {
  private readonly documents = new TextDocuments(TextDocument);
  private capabilities!: Capabilities;
  private folders: WorkspaceFolder[] = [];
  private readonly configProblems = new Map<string, ConfigError>();
  private model = this.newModel();
  private readonly settings = new Map<string, Promise<ServerSettings>>();
  private readonly scheduler = new AnalysisScheduler((uri) => this.analyzeOpen(uri));
  /** URIs of files with pushed diagnostics, so deletions and disables can clear them. */
  private readonly pushed = new Set<string>();
  private scanGeneration = 0;
  private invalidConfigs = new Set<string>();
  /** Findings per file by severity, for the status bar's workspace totals. */
  private readonly counts = new Map<string, { error: number; warning: number; info: number }>();

  constructor(private readonly connection: Connection) {}

  private newModel(): ProjectModel {
    this.configProblems.clear();
    return new ProjectModel(new ConfigSet(undefined, (file, error) => this.configProblems.set(file, error)), today);
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => void this.initialized());
    c.onDidChangeConfiguration(() => {
      this.settings.clear();
      void this.reanalyzeEverything();
    });
    c.onDidChangeWatchedFiles((params) => {
      for (const change of params.changes) void this.fileChanged(change.uri, change.type);
    });
    c.onCodeAction((params) => {
      const report = this.currentReport(params.textDocument.uri);
      if (!report) return [];
      const support = { literals: this.capabilities.codeActionLiterals, isPreferred: this.capabilities.isPreferred };
      return codeActions(params.textDocument.uri, report, params.range, params.context.only, support);
    });
    c.onHover((params) => {
      const report = this.currentReport(params.textDocument.uri);
      return report ? hoverAt(report, params.position, rulesById) : undefined;
    });
    c.onExecuteCommand((params) => this.executeCommand(params.command, params.arguments ?? []));
    c.languages.diagnostics.on(async (params) => {
      const uri = params.textDocument.uri;
      await this.scheduler.whenSettled(uri);
      return { kind: 'full', items: await this.diagnosticsFor(uri) };
    });
    c.onShutdown(() => {
      this.scheduler.dispose();
      this.scanGeneration++;
    });
    this.documents.onDidOpen((e) => this.scheduler.schedule(e.document.uri, 0));
    this.documents.onDidChangeContent((e) => void this.changed(e.document.uri));
    this.documents.onDidSave((e) => void this.saved(e.document.uri));
    this.documents.onDidClose((e) => void this.closed(e.document.uri));
    this.documents.listen(c);
    c.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.capabilities = readCapabilities(params.capabilities);
    this.folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: path.basename(params.rootUri) }] : []);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: this.capabilities.codeActionLiterals ? { codeActionKinds: ['quickfix', FIX_ALL_KIND] } : false,
        hoverProvider: true,
        executeCommandProvider: { commands: [SHOW_DOCS_COMMAND, RESCAN_COMMAND, REGISTER_COMMAND] },
        diagnosticProvider: this.capabilities.pull ? { interFileDependencies: true, workspaceDiagnostics: false } : undefined,
        workspace: this.capabilities.workspaceFolders ? { workspaceFolders: { supported: true, changeNotifications: true } } : undefined,
      },
      serverInfo: { name: 'prodgap' },
    };
  }

  private async initialized(): Promise<void> {
    if (this.capabilities.watchedFiles) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}' }, { globPattern: '**/*.prisma' }, { globPattern: `**/${CONFIG_FILE}` }, { globPattern: '**/package.json' }, { globPattern: '**/.gitignore' }],
      });
    }
    if (this.capabilities.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((event) => {
        this.folders = [...this.folders.filter((f) => !event.removed.some((r) => r.uri === f.uri)), ...event.added];
        void this.rescan();
      });
    }
    await this.rescan();
  }

  private settingsFor(uri: string): Promise<ServerSettings> {
    let cached = this.settings.get(uri);
    if (!cached) {
      cached = this.capabilities.configuration
        ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'prodgap' }).then(normalizeSettings, () => normalizeSettings(undefined))
        : Promise.resolve(normalizeSettings(undefined));
      this.settings.set(uri, cached);
    }
    return cached;
  }

  private async changed(uri: string): Promise<void> {
    if ((await this.settingsFor(uri)).run === 'onType') this.scheduler.edited(uri);
  }

  private async saved(uri: string): Promise<void> {
    if ((await this.settingsFor(uri)).run === 'onSave') this.scheduler.schedule(uri, 0);
  }

  private async analyzeOpen(uri: string): Promise<void> {
    const document = this.documents.get(uri);
    const file = uriToPath(uri);
    if (!document || !file) return;
    if (path.basename(file) === CONFIG_FILE) {
      const { problems } = parseConfigText(file, document.getText(), knownRuleIds);
      await this.connection.sendDiagnostics({ uri, diagnostics: configDiagnostics(problems, new LineIndex(document.getText())) });
      return;
    }
    if (!isAnalyzableFile(file)) return;
    const factsChanged = this.model.update(file, document.getText(), true, true);
    await this.publish(uri);
    if (factsChanged) await this.republish(this.model.siblings(file));
    else this.sendStatus(false);
  }

  private async diagnosticsFor(uri: string) {
    const file = uriToPath(uri);
    const settings = await this.settingsFor(uri);
    const report = file && settings.enable ? this.model.report(file) : undefined;
    const counts = { error: 0, warning: 0, info: 0 };
    for (const finding of report?.findings ?? []) counts[finding.severity]++;
    if (file) this.counts.set(file, counts);
    return report ? reportDiagnostics(report, settings.showNotices) : [];
  }

  /** Pushes a file's diagnostics; an open document of a pull client gets them on its next pull instead. */
  private async publish(uri: string): Promise<void> {
    if (this.capabilities.pull && this.documents.get(uri)) {
      await this.diagnosticsFor(uri); // keeps the status bar's totals current until the client pulls
      if (this.pushed.delete(uri)) await this.connection.sendDiagnostics({ uri, diagnostics: [] });
      if (this.capabilities.refresh) await this.connection.languages.diagnostics.refresh();
      return;
    }
    const diagnostics = await this.diagnosticsFor(uri);
    if (diagnostics.length) this.pushed.add(uri);
    else if (!this.pushed.delete(uri)) return;
    await this.connection.sendDiagnostics({ uri, diagnostics });
  }

  private async republish(files: string[]): Promise<void> {
    for (const file of files) await this.publish(this.uriOf(file));
    this.sendStatus(false);
  }

  private uriOf(file: string): string {
    return this.documents.all().find((d) => uriToPath(d.uri) === file)?.uri ?? pathToUri(file);
  }

  /** The current report of a document, analyzing it now when an edit is still pending. */
  private currentReport(uri: string) {
    const file = uriToPath(uri);
    if (!file) return undefined;
    const document = this.documents.get(uri);
    if (document && this.scheduler.isPending(uri)) {
      this.model.update(file, document.getText(), true, true);
      void this.publish(uri);
      this.scheduler.cancel(uri);
    }
    return this.model.report(file);
  }

  private async closed(uri: string): Promise<void> {
    this.settings.delete(uri);
    this.scheduler.forget(uri);
    const file = uriToPath(uri);
    if (!file || !isAnalyzableFile(file)) return;
    // Back to the file on disk: its unsaved edits are gone with the editor.
    const text = readText(file);
    if (text === undefined) this.model.remove(file);
    else this.model.update(file, text);
    await this.publish(uri);
  }

  private async fileChanged(uri: string, type: FileChangeType): Promise<void> {
    const file = uriToPath(uri);
    if (!file) return;
    const name = path.basename(file);
    if (name === CONFIG_FILE || name === '.gitignore') {
      await this.rescan();
      return;
    }
    if (name === 'package.json') {
      // A package that became (or stopped being) a client app: its files are judged anew.
      if (this.model.refreshPackage(path.dirname(file))) await this.rescan();
      else await this.republish(this.model.siblings(path.join(path.dirname(file), '_')));
      return;
    }
    if (!isAnalyzableFile(file) || this.documents.get(uri)) return;
    let factsChanged: boolean;
    if (type === FileChangeType.Deleted) {
      factsChanged = this.model.remove(file);
      if (this.pushed.delete(uri)) await this.connection.sendDiagnostics({ uri, diagnostics: [] });
    } else {
      const text = readText(file);
      if (text === undefined) return;
      factsChanged = this.model.update(file, text);
      await this.publish(uri);
    }
    if (factsChanged) await this.republish(this.model.siblings(file));
  }

  private async reanalyzeEverything(): Promise<void> {
    const files = this.model.files();
    for (const document of this.documents.all()) this.scheduler.schedule(document.uri, 0);
    await this.republish(files);
  }

  /** Forgets everything and analyzes the workspace again (start, folders, config or .gitignore changed). */
  private async rescan(): Promise<void> {
    const generation = ++this.scanGeneration;
    this.model = this.newModel();
    this.sendStatus(true);
    const folders = [];
    for (const folder of this.folders) {
      const settings = await this.settingsFor(folder.uri);
      if (settings.enable && settings.scanWorkspace) folders.push(folder);
    }
    const openTexts = new Map(this.documents.all().map((d) => [uriToPath(d.uri) ?? '', d.getText()]));
    const files = await scanFolders(this.connection, this.model, folders, openTexts, this.capabilities.progress, () => generation !== this.scanGeneration);
    if (generation !== this.scanGeneration) return;
    for (const [file, text] of openTexts) if (file && isAnalyzableFile(file) && !this.model.has(file)) this.model.update(file, text);
    const stale = [...this.pushed].filter((uri) => !files.has(uriToPath(uri) ?? ''));
    for (const uri of stale) await this.publish(uri);
    await this.republish(this.model.files());
    await this.publishConfigProblems();
  }

  /** Shows config problems at their keys, and clears them from configs that were repaired. */
  private async publishConfigProblems(): Promise<void> {
    const current = new Set<string>();
    for (const [file, error] of this.configProblems) {
      const uri = pathToUri(file);
      current.add(uri);
      const text = readText(file) ?? '';
      await this.connection.sendDiagnostics({ uri, diagnostics: configDiagnostics(error.problems, new LineIndex(text)) });
    }
    for (const uri of this.invalidConfigs) if (!current.has(uri)) await this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.invalidConfigs = current;
  }

  private sendStatus(scanning: boolean): void {
    const counts = { error: 0, warning: 0, info: 0 };
    for (const [file, perFile] of this.counts) {
      if (!this.model.has(file)) continue;
      counts.error += perFile.error;
      counts.warning += perFile.warning;
      counts.info += perFile.info;
    }
    void this.connection.sendNotification(STATUS_NOTIFICATION, { scanning, counts });
  }

  private async executeCommand(command: string, args: unknown[]): Promise<unknown> {
    if (command === SHOW_DOCS_COMMAND && typeof args[0] === 'string') {
      if (this.capabilities.showDocument) await this.connection.window.showDocument({ uri: args[0], external: args[0].startsWith('http') });
      return args[0];
    }
    if (command === RESCAN_COMMAND) {
      await this.rescan();
      return this.model.files().length;
    }
    if (command === REGISTER_COMMAND) {
      const reports = this.model.files().map((f) => this.model.report(f)!).filter((r) => r.acceptances.length);
      const root = this.folders[0] ? uriToPath(this.folders[0].uri) ?? process.cwd() : process.cwd();
      return registerEntries(reports, root, today());
    }
    return undefined;
  }
}
