import { MIGRATION_KNOWLEDGE } from './support-knowledge';

/**
 * A schema change a migration makes, whether it came from SQL text or from a schema-builder call.
 * `table` and `column` are normalized names (unquoted names lower-cased, schema prefix dropped).
 */
export type SchemaOp =
  | { kind: 'createTable'; table: string; temporary?: boolean }
  | { kind: 'createIndex'; table?: string; concurrently: boolean; insertAt?: number }
  | { kind: 'dropIndex'; name?: string; concurrently: boolean; insertAt?: number }
  | { kind: 'addConstraint'; table?: string; constraint: 'FOREIGN KEY' | 'CHECK'; notValid: boolean; insertAt?: number }
  /** A primary key or unique constraint that builds its own index (not `USING INDEX`). */
  | { kind: 'addKey'; table?: string; constraint: 'PRIMARY KEY' | 'UNIQUE' }
  /** `to`: the new type's first word, when a USING clause does not force a conversion. */
  | { kind: 'alterType'; table?: string; column?: string; to?: string }
  | { kind: 'setNotNull'; table?: string; column?: string }
  | { kind: 'addColumn'; table?: string; column?: string; notNull: boolean; hasDefault: boolean; volatile?: string }
  | { kind: 'dropColumn' | 'renameColumn'; table?: string; column?: string }
  | { kind: 'dropTable'; table?: string }
  /** `to`: the new name, when the statement shows it. */
  | { kind: 'renameTable'; table?: string; to?: string }
  /** A statement that changes data or something this analysis does not model. */
  | { kind: 'other' }
  /** SQL the analysis cannot read (built at run time): it may do anything. */
  | { kind: 'opaque' };

/**
 * A parsed SQL text: its operations, each tagged MySQL when the text quotes names with backticks,
 * with the text it came from (the ALTER TABLE action, else the statement).
 */
export interface SqlScript {
  ops: Array<SchemaOp & { mysql: boolean; span: { start: number; end: number } }>;
  statements: number;
}

type Spanned = SchemaOp & { span?: { start: number; end: number } };

interface Token {
  kind: 'word' | 'name' | 'string' | 'punct';
  /** Words upper-cased, names as written without quotes. */
  text: string;
  start: number;
  end: number;
  backtick?: boolean;
}

const VOLATILE = new Set(MIGRATION_KNOWLEDGE.volatileFunctions.map((name) => name.toUpperCase()));
const SEQUENCE_TYPES = new Set(MIGRATION_KNOWLEDGE.rewritingTypes.map((name) => name.toUpperCase()));

/** Splits SQL into tokens, dropping whitespace and comments; strings and quoted names are single tokens. */
function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const start = i;
    if (/\s/.test(c)) i++;
    else if (c === '-' && sql[i + 1] === '-') i = lineEnd(sql, i);
    else if (c === '/' && sql[i + 1] === '*') i = indexAfter(sql, '*/', i + 2);
    else if (c === "'") {
      i = quotedEnd(sql, i, "'", sql[i - 1] === 'E' || sql[i - 1] === 'e');
      tokens.push({ kind: 'string', text: sql.slice(start, i), start, end: i });
    } else if (c === '"' || c === '`') {
      i = quotedEnd(sql, i, c, false);
      tokens.push({ kind: 'name', text: sql.slice(start + 1, i - 1), start, end: i, backtick: c === '`' });
    } else if (c === '$' && /^\$[A-Za-z_]*\$/.test(sql.slice(i))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))![0];
      i = indexAfter(sql, tag, i + tag.length);
      tokens.push({ kind: 'string', text: sql.slice(start, i), start, end: i });
    } else if (/[A-Za-z_0-9]/.test(c)) {
      while (i < sql.length && /[A-Za-z_0-9$]/.test(sql[i])) i++;
      tokens.push({ kind: 'word', text: sql.slice(start, i).toUpperCase(), start, end: i });
    } else {
      i++;
      tokens.push({ kind: 'punct', text: c, start, end: i });
    }
  }
  return tokens;
}

function lineEnd(sql: string, from: number): number {
  const end = sql.indexOf('\n', from);
  return end < 0 ? sql.length : end;
}

function indexAfter(sql: string, needle: string, from: number): number {
  const at = sql.indexOf(needle, from);
  return at < 0 ? sql.length : at + needle.length;
}

function quotedEnd(sql: string, open: number, quote: string, backslashEscapes: boolean): number {
  let i = open + 1;
  while (i < sql.length) {
    if (backslashEscapes && sql[i] === '\\') i += 2;
    else if (sql[i] === quote && sql[i + 1] === quote) i += 2;
    else if (sql[i] === quote) return i + 1;
    else i++;
  }
  return sql.length;
}

/** Parses every statement of a SQL text (split on `;`) into schema operations. */
export function parseSql(sql: string): SqlScript {
  const statements: Token[][] = [[]];
  for (const token of tokenize(sql)) {
    if (token.kind === 'punct' && token.text === ';') statements.push([]);
    else statements[statements.length - 1].push(token);
  }
  const nonEmpty = statements.filter((s) => s.length > 0);
  const ops = nonEmpty.flatMap((tokens) => {
    const mysql = tokens.some((t) => t.backtick);
    return parseStatement(new Cursor(tokens)).map((op) => ({ ...op, span: op.span ?? spanOf(tokens), mysql }));
  });
  return { ops, statements: nonEmpty.length };
}

/** A read position over one statement's tokens. */
class Cursor {
  constructor(
    readonly tokens: Token[],
    public at = 0,
  ) {}

  /** Consumes the words if they come next. */
  accept(...words: string[]): boolean {
    if (!words.every((word, k) => this.isWord(this.at + k, word))) return false;
    this.at += words.length;
    return true;
  }

  isWord(index: number, word: string): boolean {
    const token = this.tokens[index];
    return token?.kind === 'word' && token.text === word;
  }

  /** A possibly schema-qualified name; returns its last part, normalized. */
  name(): string | undefined {
    let last: string | undefined;
    do {
      const token = this.tokens[this.at];
      if (!token || (token.kind !== 'word' && token.kind !== 'name')) return last;
      last = token.kind === 'word' ? token.text.toLowerCase() : token.text;
      this.at++;
    } while (this.tokens[this.at]?.text === '.' && ++this.at);
    return last;
  }

  /** The words `a b` appear in sequence anywhere from the cursor on. */
  has(...words: string[]): boolean {
    for (let i = this.at; i < this.tokens.length; i++) if (words.every((word, k) => this.isWord(i + k, word))) return true;
    return false;
  }

  get end(): number {
    return this.tokens[this.tokens.length - 1].end;
  }
}

function spanOf(tokens: Token[]): { start: number; end: number } {
  return { start: tokens[0].start, end: tokens[tokens.length - 1].end };
}

function parseStatement(c: Cursor): Spanned[] {
  if (c.accept('CREATE')) {
    c.accept('OR', 'REPLACE');
    c.accept('GLOBAL') || c.accept('LOCAL');
    const temporary = c.accept('TEMP') || c.accept('TEMPORARY');
    c.accept('UNLOGGED');
    if (c.accept('TABLE')) {
      c.accept('IF', 'NOT', 'EXISTS');
      const table = c.name();
      return table ? [{ kind: 'createTable', table, temporary }] : [];
    }
    c.accept('UNIQUE');
    if (!c.isWord(c.at, 'INDEX')) return [{ kind: 'other' }];
    const insertAt = c.tokens[c.at++].end;
    const concurrently = c.accept('CONCURRENTLY');
    c.accept('IF', 'NOT', 'EXISTS');
    if (!c.isWord(c.at, 'ON')) c.name();
    if (!c.accept('ON')) return [{ kind: 'other' }];
    c.accept('ONLY');
    return [{ kind: 'createIndex', table: c.name(), concurrently, insertAt }];
  }
  if (c.accept('DROP')) {
    if (c.isWord(c.at, 'INDEX')) {
      const insertAt = c.tokens[c.at++].end;
      const concurrently = c.accept('CONCURRENTLY');
      c.accept('IF', 'EXISTS');
      return [{ kind: 'dropIndex', name: c.name(), concurrently, insertAt }];
    }
    if (!c.accept('TABLE')) return [{ kind: 'other' }];
    c.accept('IF', 'EXISTS');
    const ops: SchemaOp[] = [];
    do ops.push({ kind: 'dropTable', table: c.name() });
    while (c.tokens[c.at]?.text === ',' && ++c.at);
    return ops;
  }
  if (c.accept('RENAME', 'TABLE')) {
    const table = c.name();
    return [{ kind: 'renameTable', table, to: c.accept('TO') ? c.name() : undefined }];
  }
  if (!c.accept('ALTER', 'TABLE')) return [{ kind: 'other' }];
  c.accept('IF', 'EXISTS');
  c.accept('ONLY');
  const table = c.name();
  return splitActions(c).flatMap((action) => parseAction(action, table).map((op) => ({ ...op, span: spanOf(action.tokens) })));
}

/** The comma-separated actions of an ALTER TABLE, split at parenthesis depth 0. */
function splitActions(c: Cursor): Cursor[] {
  const actions: Token[][] = [[]];
  let depth = 0;
  for (const token of c.tokens.slice(c.at)) {
    if (token.text === '(') depth++;
    if (token.text === ')') depth--;
    if (depth === 0 && token.kind === 'punct' && token.text === ',') actions.push([]);
    else actions[actions.length - 1].push(token);
  }
  return actions.filter((a) => a.length > 0).map((tokens) => new Cursor(tokens));
}

function parseAction(c: Cursor, table: string | undefined): SchemaOp[] {
  if (c.accept('ADD')) {
    if (c.accept('CONSTRAINT')) c.name();
    const constraint = c.accept('FOREIGN', 'KEY') ? 'FOREIGN KEY' : c.accept('CHECK') ? 'CHECK' : undefined;
    if (constraint) return [{ kind: 'addConstraint', table, constraint, notValid: c.has('NOT', 'VALID'), insertAt: c.end }];
    const key = c.accept('PRIMARY', 'KEY') ? 'PRIMARY KEY' : c.accept('UNIQUE') ? 'UNIQUE' : undefined;
    // `USING INDEX` adopts an index built beforehand (CONCURRENTLY): no build under the lock.
    if (key) return c.has('USING', 'INDEX') ? [{ kind: 'other' }] : [{ kind: 'addKey', table, constraint: key }];
    if (['EXCLUDE', 'INDEX', 'KEY', 'FULLTEXT', 'SPATIAL', 'CONSTRAINT'].some((w) => c.isWord(c.at, w))) return [{ kind: 'other' }];
    c.accept('COLUMN');
    c.accept('IF', 'NOT', 'EXISTS');
    const column = c.name();
    const primary = c.has('PRIMARY', 'KEY');
    const added: SchemaOp = { kind: 'addColumn', table, column, notNull: c.has('NOT', 'NULL') || primary, hasDefault: c.has('DEFAULT'), volatile: rewritingDefault(c) };
    const inlineKey = primary ? 'PRIMARY KEY' : c.has('UNIQUE') ? 'UNIQUE' : undefined;
    return inlineKey ? [added, { kind: 'addKey', table, constraint: inlineKey }] : [added];
  }
  if (c.accept('ALTER')) {
    c.accept('COLUMN');
    const column = c.name();
    if (c.accept('TYPE') || c.accept('SET', 'DATA', 'TYPE')) {
      const to = c.has('USING') ? undefined : c.tokens[c.at]?.text.toLowerCase();
      return [{ kind: 'alterType', table, column, to }];
    }
    if (c.accept('SET', 'NOT', 'NULL')) return [{ kind: 'setNotNull', table, column }];
    return [{ kind: 'other' }];
  }
  if (c.accept('MODIFY') || c.accept('CHANGE')) {
    c.accept('COLUMN');
    return [{ kind: 'alterType', table, column: c.name() }];
  }
  if (c.accept('DROP')) {
    if (['CONSTRAINT', 'PRIMARY', 'INDEX', 'KEY', 'FOREIGN', 'CHECK'].some((w) => c.isWord(c.at, w))) return [{ kind: 'other' }];
    c.accept('COLUMN');
    c.accept('IF', 'EXISTS');
    return [{ kind: 'dropColumn', table, column: c.name() }];
  }
  if (c.accept('RENAME')) {
    if (c.accept('TO') || c.accept('AS')) return [{ kind: 'renameTable', table, to: c.name() }];
    if (['CONSTRAINT', 'INDEX', 'KEY'].some((w) => c.isWord(c.at, w))) return [{ kind: 'other' }];
    c.accept('COLUMN');
    return [{ kind: 'renameColumn', table, column: c.name() }];
  }
  return [{ kind: 'other' }];
}

/** What makes an added column rewrite the table: a volatile default, a sequence type or a generated column. */
function rewritingDefault(c: Cursor): string | undefined {
  for (let i = c.at; i < c.tokens.length; i++) {
    const token = c.tokens[i];
    if (token.kind !== 'word') continue;
    if (SEQUENCE_TYPES.has(token.text) || token.text === 'GENERATED') return token.text.toLowerCase();
    if (VOLATILE.has(token.text) && c.tokens[i + 1]?.text === '(') return `${token.text.toLowerCase()}()`;
  }
  return undefined;
}
