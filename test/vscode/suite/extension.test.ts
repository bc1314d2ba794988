import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const FETCH = 'timeout/fetch-without-signal';
const folder = () => vscode.workspace.workspaceFolders![0].uri;
const fileUri = (name: string) => vscode.Uri.joinPath(folder(), 'src', name);
const prodgap = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'prodgap');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

/** Resolves when the prodgap diagnostics of a file satisfy `test`, re-checked on every change event (no sleeps). */
function waitForDiagnostics(uri: vscode.Uri, test: (diagnostics: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const diagnostics = prodgap(uri);
      if (!test(diagnostics)) return false;
      clearTimeout(timer);
      listener.dispose();
      resolve(diagnostics);
      return true;
    };
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out waiting for ${what}; have: ${JSON.stringify(prodgap(uri).map(codeOf))}`));
    }, 45_000);
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });
}

/** The first code action request can be cancelled while the built-in TypeScript server starts: retry once. */
async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
    } catch (error) {
      if (attempt > 0 || !/Canceled/.test(String(error))) throw error;
    }
  }
}

/**
 * Code actions once the server offers some: right after an edit (an undo) the shown diagnostics may be
 * the previous version's while the server is still analyzing the new one, and it answers nothing then.
 */
async function offeredCodeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const actions = await codeActions(uri, range, kind);
    if (actions.length > 0 || Date.now() > deadline) return actions;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

suite('prodgap in VS Code', () => {
  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension('prodgap.prodgap');
    assert.ok(extension, 'the extension is installed in the development host');
    await extension.activate();
  });

  test('a file never opened has diagnostics (workspace scan)', async () => {
    const diagnostics = await waitForDiagnostics(fileUri('never-opened.ts'), (d) => d.some((x) => codeOf(x) === FETCH), 'scan diagnostics');
    assert.equal(diagnostics[0].range.start.line, 1);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === fileUri('never-opened.ts').toString()));
  });

  test('the open file gets a diagnostic with the rule code and documentation link', async () => {
    const document = await vscode.workspace.openTextDocument(fileUri('open.ts'));
    await vscode.window.showTextDocument(document);
    const [diagnostic] = await waitForDiagnostics(document.uri, (d) => d.length === 1, 'open-file diagnostic');
    assert.equal(codeOf(diagnostic), FETCH);
    assert.match(String((diagnostic.code as { target: vscode.Uri }).target), /fetch-without-signal\.md$/);
    assert.deepEqual([diagnostic.range.start.line, diagnostic.range.start.character], [1, 20]);
    assert.deepEqual(prodgap(fileUri('safe.ts')), []);
  });

  test('the quick fix applies and the finding clears', async () => {
    const document = await vscode.workspace.openTextDocument(fileUri('open.ts'));
    const [diagnostic] = await waitForDiagnostics(document.uri, (d) => d.length === 1, 'diagnostic');
    const actions = await offeredCodeActions(document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title.startsWith('Add a 10000 ms timeout'));
    assert.ok(fix?.edit, `fix offered among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.getText(), /signal: AbortSignal\.timeout\(10000\)/);
    await waitForDiagnostics(document.uri, (d) => d.length === 0, 'finding cleared');
    await vscode.commands.executeCommand('undo');
    await waitForDiagnostics(document.uri, (d) => d.length === 1, 'finding back after undo');
  });

  test('fix-all applies every safe fix of the file', async () => {
    const document = await vscode.workspace.openTextDocument(fileUri('open.ts'));
    await waitForDiagnostics(document.uri, (d) => d.length === 1, 'diagnostic');
    const all = new vscode.Range(0, 0, document.lineCount, 0);
    const actions = await offeredCodeActions(document.uri, all, 'source.fixAll.prodgap');
    assert.equal(actions.length, 1);
    assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
    await waitForDiagnostics(document.uri, (d) => d.length === 0, 'fixed');
    await vscode.commands.executeCommand('undo');
    await waitForDiagnostics(document.uri, (d) => d.length === 1, 'finding back after undo');
  });

  test('an acceptance comment hides the finding and shows in the risk register', async () => {
    const document = await vscode.workspace.openTextDocument(fileUri('open.ts'));
    await waitForDiagnostics(document.uri, (d) => d.length === 1, 'diagnostic');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(1, 0), `  // prodgap-accept ${FETCH}: rates service answers in 5 ms on localhost -- @fx-team until 2099-12-31\n`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostics(document.uri, (d) => d.length === 0, 'accepted');
    const register = await vscode.commands.executeCommand<vscode.TextDocument>('prodgap.showRiskRegister');
    assert.match(register.getText(), /# prodgap risk register/);
    assert.match(register.getText(), /@fx-team \| timeout\/fetch-without-signal \| src\/open\.ts:2 \| rates service answers/);
    const remove = new vscode.WorkspaceEdit();
    remove.delete(document.uri, new vscode.Range(1, 0, 2, 0));
    assert.ok(await vscode.workspace.applyEdit(remove));
    await waitForDiagnostics(document.uri, (d) => d.length === 1, 'finding back after undo');
  });

  test('commands: rescan and restart keep the diagnostics; the status bar counts the risks', async () => {
    await vscode.commands.executeCommand('prodgap.rescanWorkspace');
    await waitForDiagnostics(fileUri('never-opened.ts'), (d) => d.length === 1, 'after rescan');
    await vscode.commands.executeCommand('prodgap.restartServer');
    await waitForDiagnostics(fileUri('never-opened.ts'), (d) => d.length === 1, 'after restart');
    type Status = { scanning: boolean; counts: Record<string, number> };
    const api = vscode.extensions.getExtension('prodgap.prodgap')!.exports as {
      status(): Status | undefined;
      statusText(): string;
      onDidChangeStatus: vscode.Event<Status>;
    };
    const settled = (s: Status | undefined) => !!s && !s.scanning && s.counts.warning === 2;
    if (!settled(api.status())) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`status never settled: ${JSON.stringify(api.status())}`)), 45_000);
        const listener = api.onDidChangeStatus((s) => {
          if (settled(s)) (clearTimeout(timer), listener.dispose(), resolve());
        });
      });
    }
    assert.equal(api.status()?.counts.warning, 2);
    assert.match(api.statusText(), /prodgap \$\(error\) 0 \$\(warning\) 2/);
  });
});
