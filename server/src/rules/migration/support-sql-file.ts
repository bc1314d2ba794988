import type { OffsetRange, TextRuleContext } from '../../engine/types';
import { MIGRATION_KNOWLEDGE } from './support-knowledge';
import { parseSql, type SchemaOp } from './support-sql';

/**
 * Plain `.sql` migrations: Prisma's `migrations/<name>/migration.sql`, drizzle's `drizzle/*.sql`
 * and hand-written `migrations/*.sql`. Each file is one `up`; none has a `down` to judge.
 */
const { paths, downFiles, downMarkers } = MIGRATION_KNOWLEDGE.sqlFiles;
export const SQL_MIGRATION_FILES = new RegExp(`^(?!.*${downFiles})(?:.*?(?:${paths.join('|')}))`, 'i');

export type SqlMigrationTool = 'prisma' | 'drizzle' | 'sql';

export interface SqlFileStep {
  op: SchemaOp;
  mysql: boolean;
  /** The ALTER TABLE action or statement: where a finding goes. */
  span: OffsetRange;
}

export interface SqlFileMigration {
  tool: SqlMigrationTool;
  /** Changes to tables that existed before the file; a table it creates is new and empty. */
  steps: SqlFileStep[];
  /** Every change the file makes, in order. */
  all: SqlFileStep[];
  /** Statements in the file: Prisma sends a file of several as one implicit transaction. */
  statements: number;
  /** Tables an ALTER TABLE of the file locks ACCESS EXCLUSIVE (any action but adding or validating a foreign key or check). */
  exclusiveTables: Set<string>;
}

const PRISMA_FILE = /(^|\/)migrations\/[^/]+\/migration\.sql$/;
const DRIZZLE_FILE = /(^|\/)drizzle\//;
const DRIZZLE_BREAKPOINT = '--> statement-breakpoint';

let last: { text: string; path: string; migration: SqlFileMigration } | undefined;

/** The file's changes, parsed once for all the rules that check it. */
export function sqlFileMigration(file: TextRuleContext['file']): SqlFileMigration {
  const path = file.relativePath.replace(/\\/g, '/');
  if (last?.text === file.text && last.path === path) return last.migration;
  const script = parseSql(upSection(file.text));
  const all = script.ops.map(({ mysql, span, ...op }) => ({ op: op as SchemaOp, mysql, span }));
  const created = new Set(all.flatMap((s) => (s.op.kind === 'createTable' ? [s.op.table] : [])));
  const steps = all.filter((s) => !('table' in s.op) || !s.op.table || s.op.kind === 'createTable' || !created.has(s.op.table));
  const tool: SqlMigrationTool = PRISMA_FILE.test(path) ? 'prisma' : DRIZZLE_FILE.test(path) || file.text.includes(DRIZZLE_BREAKPOINT) ? 'drizzle' : 'sql';
  const migration = { tool, steps, all, statements: script.statements, exclusiveTables: exclusivelyAltered(upSection(file.text)) };
  last = { text: file.text, path, migration };
  return migration;
}

const ALTER_TABLE = /^\s*ALTER\s+TABLE\s+(?:ONLY\s+)?(?:IF\s+EXISTS\s+)?(?:["`]?\w+["`]?\.)?["`]?(\w+)["`]?\s+([\s\S]*)$/i;
/** Actions that take a weaker lock than ACCESS EXCLUSIVE: a foreign key or check added or validated. */
const WEAKER_ACTION = /^\s*(ADD\s+(CONSTRAINT\s+["`]?\w+["`]?\s+)?(FOREIGN\s+KEY|CHECK)\b[\s\S]*|VALIDATE\s+CONSTRAINT\b[\s\S]*)$/i;

/** Tables whose ALTER TABLE statements in this text take ACCESS EXCLUSIVE (statements split at `;`, comments dropped). */
function exclusivelyAltered(text: string): Set<string> {
  const tables = new Set<string>();
  for (const statement of text.replace(/--[^\n]*/g, '').split(';')) {
    const match = ALTER_TABLE.exec(statement);
    if (match && !WEAKER_ACTION.test(match[2])) tables.add(match[1]);
  }
  return tables;
}

/** The text before a down section (`-- +goose Down`, `-- migrate:down`), which undoes the file's `up`. */
function upSection(text: string): string {
  const at = Math.min(...downMarkers.map((marker) => text.indexOf(marker)).filter((i) => i >= 0));
  return Number.isFinite(at) ? text.slice(0, at) : text;
}
