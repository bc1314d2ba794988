import ts = require('typescript');

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.jsx': ts.ScriptKind.JSX,
};

function extensionOf(fileName: string): string {
  const match = /\.[cm]?[jt]sx?$/i.exec(fileName);
  return match ? match[0].toLowerCase() : '';
}

/** A JavaScript or TypeScript source (not a declaration file): what the engine parses and walks. */
export function isScriptFile(fileName: string): boolean {
  return extensionOf(fileName) in SCRIPT_KINDS && !/\.d\.[cm]?ts$/i.test(fileName);
}

/** Parses without binding or type checking: the analysis needs syntax and parent pointers only. */
export function parseSource(fileName: string, text: string): ts.SourceFile {
  const kind = SCRIPT_KINDS[extensionOf(fileName)] ?? ts.ScriptKind.TS;
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
}

/**
 * Re-parses after an edit, reusing the unchanged parts of the previous tree (as tsserver does): the
 * edit is the span between the texts' common prefix and suffix. The previous tree must not be used
 * afterwards, since TypeScript may reuse its nodes.
 */
export function reparseSource(previous: ts.SourceFile, text: string): ts.SourceFile {
  const old = previous.text;
  if (old === text) return previous;
  let prefix = 0;
  const shorter = Math.min(old.length, text.length);
  while (prefix < shorter && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const change = ts.createTextChangeRange(ts.createTextSpan(prefix, old.length - suffix - prefix), text.length - suffix - prefix);
  return ts.updateSourceFile(previous, text, change);
}
