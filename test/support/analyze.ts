import ts = require('typescript');
import { analyzeFile } from '../../server/src/engine/runner';
import { isScriptFile } from '../../server/src/engine/parse';
import { finalizeFile, ProjectIndex, type FileReport } from '../../server/src/engine/project';
import type { RuleModule } from '../../server/src/engine/types';
import type { ProdgapConfig } from '../../server/src/config/schema';
import { settingsFor } from '../../server/src/config/settings';
import { allCollectors, knownRuleIds } from '../../server/src/rules';

export const TODAY = '2026-06-01';

export interface SnippetOptions {
  filename?: string;
  config?: ProdgapConfig;
  /** Other files of the same project, for facts (e.g. `axios.defaults.timeout` set elsewhere). */
  files?: Record<string, string>;
  /** Dependencies of the project's package.json. */
  dependencies?: string[];
  today?: string;
}

/** Analyzes one snippet as a file of a small project, the same way the CLI and server do. */
export function analyzeSnippet(rules: readonly RuleModule[], code: string, options: SnippetOptions = {}): FileReport {
  const filename = options.filename ?? 'src/snippet.ts';
  const config = options.config ?? {};
  const run = (path: string, text: string, runRules: boolean) =>
    analyzeFile(path, text, settingsFor(config, path), { rules, collectors: allCollectors, runRules, knownRuleIds });
  const index = new ProjectIndex();
  index.set('package.json', (options.dependencies ?? []).map((name) => ({ kind: 'dependency', data: name })));
  for (const [path, text] of Object.entries(options.files ?? {})) index.set(path, run(path, text, false).facts);
  const analysis = run(filename, code, true);
  index.set(filename, analysis.facts);
  return finalizeFile(analysis, {
    rules: new Map(rules.map((r) => [r.meta.id, r])),
    settings: settingsFor(config, filename),
    facts: index,
    today: options.today ?? TODAY,
  });
}

/** Syntax errors of a text, as TypeScript's parser sees them (none for a text file such as `.sql`: it has no parser here). */
export function syntaxErrors(filename: string, text: string): string[] {
  if (!isScriptFile(filename)) return [];
  const kind = /\.tsx$/.test(filename) ? ts.ScriptKind.TSX : /\.jsx$/.test(filename) ? ts.ScriptKind.JSX : /\.[cm]?js$/.test(filename) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(filename, text, ts.ScriptTarget.Latest, true, kind);
  const diagnostics = (sourceFile as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  return diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
}
