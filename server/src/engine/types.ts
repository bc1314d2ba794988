import type * as ts from 'typescript';

/** The ten finding categories; every finding belongs to exactly one. */
export const CATEGORIES = [
  'authorization',
  'input-validation',
  'timeout',
  'idempotency',
  'sensitive-logging',
  'observability',
  'error-handling',
  'migration',
  'secrets-config',
  'resource-limits',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CRITICALITIES = ['experiment', 'internal', 'customer-facing', 'critical'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

/** The layer of the production context stack a rule belongs to (shown in hovers and docs). */
export type ContextLayer = 'intent' | 'constraints' | 'verification' | 'operation' | 'accountability';

/** A half-open range of UTF-16 offsets into the analyzed text. */
export interface OffsetRange {
  start: number;
  end: number;
}

export interface TextEdit extends OffsetRange {
  newText: string;
}

/** fix: safe to apply unreviewed; suggestion: changes behaviour; accept: records an accepted risk. */
export type FixKind = 'fix' | 'suggestion' | 'accept';

export interface Fix {
  title: string;
  kind: FixKind;
  edits: TextEdit[];
}

export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  messageId: string;
  message: string;
  range: OffsetRange;
  fixes: Fix[];
  /** Set when an acceptance comment covered the finding but has expired. */
  expiredAcceptance?: { owner: string; until: string };
}

export type NoticeKind =
  | 'acceptance-malformed'
  | 'acceptance-expired'
  | 'acceptance-unused'
  | 'acceptance-incomplete'
  | 'config-invalid'
  | 'rule-error'
  | 'file-skipped';

export interface Notice {
  kind: NoticeKind;
  message: string;
  /** Offset range in the file the notice is about, when it has one. */
  range?: OffsetRange;
}

/** A rule's static description; also the source of `prodgap rules`, SARIF rule metadata and hovers. */
export interface RuleMeta {
  /** `<category>/<name>`; the file is `server/src/rules/<category>/<name>.ts`. */
  id: string;
  category: Category;
  layer: ContextLayer;
  description: string;
  /** Why the gap matters in production: one or two sentences for hovers. */
  why: string;
  /** How to fix it, in one sentence. */
  howToFix: string;
  messages: Record<string, string>;
  fixable: boolean;
}

export type Visitor = (node: ts.Node) => void;
export type Visitors = Partial<Record<ts.SyntaxKind, Visitor>>;

export interface ReportDescriptor {
  node?: ts.Node;
  range?: OffsetRange;
  messageId: string;
  data?: Record<string, string | number>;
  fixes?: Fix[];
  /**
   * Lowers this finding's default severity by this many steps (error → warning → info, never below
   * info), for a milder variant of a rule's gap (a test-mode key, a dev-only fallback). A severity
   * set for the rule or category in the configuration still wins.
   */
  demote?: number;
  /**
   * Data for a finding that depends on facts of other files. The rule's `resolve` decides after
   * every file of the project was traversed whether the finding stands.
   */
  pending?: unknown;
}

export interface RuleContext {
  readonly file: AnalyzedFile;
  readonly settings: FileSettings;
  readonly values: import('./values').ValueResolver;
  report(descriptor: ReportDescriptor): void;
}

/** A cheap test on a file's text: fixed, or derived from the file's settings. */
export type Prefilter = RegExp | ((settings: FileSettings) => RegExp);

export interface RuleModule {
  meta: RuleMeta;
  /** Node kinds the rule's visitors handle; the runner skips the rule when a file has none of them. */
  kinds: readonly ts.SyntaxKind[];
  /**
   * Where the rule applies: 'server' (the default) skips tests, browser UI, command-line tools and
   * scripts (engine/runtime); 'any' runs everywhere (a hardcoded secret leaks from browser code too).
   */
  scope?: 'server' | 'any';
  /**
   * A cheap test on the file's text (e.g. /\bfetch\b/): when it fails the rule can't report in the
   * file and is not run there. Keeps the per-keystroke cost near the cost of parsing. A function
   * gives the test for a file's settings (names from the configuration); it should return the same
   * RegExp for the same settings, so files share one compiled test.
   */
  prefilter?: Prefilter;
  create(context: RuleContext): Visitors;
  /** Decides a pending finding against the project's facts: true keeps it. */
  resolve?(pending: unknown, facts: ProjectFacts): boolean;
  /** The rule's check of files that are not scripts (a `.sql` migration), which the engine does not parse. */
  text?: TextCheck;
}

/**
 * A check over a file's plain text. The engine lists and analyzes a non-script file only when some
 * rule's `paths` match it, so such files cost nothing unless a rule asks for them.
 */
export interface TextCheck {
  /** Tested on the file's path with `/` separators (relative or absolute): match on its last segments. */
  paths: RegExp;
  /** How a line comment starts in these files (for acceptance comments and the accept fix). */
  lineComment: string;
  check(context: TextRuleContext): void;
}

export interface TextRuleContext {
  readonly file: Omit<AnalyzedFile, 'sourceFile'>;
  readonly settings: FileSettings;
  /** Reports need a `range`: there are no nodes. */
  report(descriptor: ReportDescriptor): void;
}

/** A fact about the project that one file contributes (e.g. `axios.defaults.timeout` is set). */
export interface Fact {
  kind: string;
  data?: unknown;
}

export interface FactCollectorContext {
  readonly file: AnalyzedFile;
  /** The file's configuration: a collector may classify what it records by it (e.g. `auth.middleware`). */
  readonly settings: FileSettings;
  readonly values: import('./values').ValueResolver;
  add(fact: Fact): void;
}

export interface FactCollector {
  name: string;
  kinds: readonly ts.SyntaxKind[];
  /** As for rules: the collector runs only on files whose text matches. */
  prefilter?: Prefilter;
  create(context: FactCollectorContext): Visitors;
  /** The collector's reading of files that are not scripts (a `schema.prisma`), which the engine does not parse. */
  text?: TextCollector;
}

/** Facts from a file's plain text; like a rule's text check, it makes the engine list the files its `paths` match. */
export interface TextCollector {
  /** Tested on the file's path with `/` separators (relative or absolute): match on its last segments. */
  paths: RegExp;
  collect(file: Omit<AnalyzedFile, 'sourceFile'>): Fact[];
}

export interface ProjectFacts {
  has(kind: string): boolean;
  all(kind: string): unknown[];
  /** Changes whenever a source's facts do: an index built from the facts stays valid while it is the same. */
  readonly version: number;
}

export interface AnalyzedFile {
  /** Path as given by the caller (absolute or relative); used in messages only. */
  path: string;
  /** Path relative to the repository (or project) root, with `/`: what path conventions (tests/, frontend/) match. */
  relativePath: string;
  text: string;
  sourceFile: ts.SourceFile;
}

/** What a file's configuration says, resolved for that file (criticality, owner, conventions). */
export interface FileSettings {
  criticality: Criticality;
  owner?: string;
  timeoutBudgetMs: number;
  timeoutWrappers: string[];
  loggerNames: string[];
  /** `auth.middleware`: project names of authentication middleware, guards, hooks and wrappers. */
  authMiddleware: string[];
  /** `auth.ownershipChecks`: functions that check a principal may access a resource. */
  ownershipChecks: string[];
  /** `auth.publicRoutes`: routes public on purpose, as "METHOD /path" or "/path". */
  publicRoutes: string[];
  /** `metrics.modules`: modules whose calls count as metrics or traces. */
  metricsModules: string[];
  /** `metrics.criticalOperations`: project functions that must leave a trace. */
  criticalOperations: string[];
  /** `queries.pageSize`, `queries.uniqueKeys` and `queries.acrossFiles`. */
  queries: { pageSize: number; uniqueKeys: string[]; acrossFiles: boolean };
  redactionHelper?: string;
  sensitiveFields: string[];
  allowOpenEndedAcceptance: boolean;
  ruleSeverity: Record<string, Severity | 'off'>;
  limits: { maxFileBytes: number; maxNesting: number; timePerFileMs: number };
  /** The client runtime the file's package depends on (its nearest package.json), when it runs on a client only. */
  clientPackage?: string;
}
