import ts = require('typescript');
import type {
  AnalyzedFile,
  Fact,
  FactCollector,
  FileSettings,
  Fix,
  Notice,
  OffsetRange,
  Prefilter,
  ReportDescriptor,
  RuleModule,
  TextCheck,
  Visitor,
  Visitors,
} from './types';
import { isScriptFile, parseSource, reparseSource } from './parse';
import { ValueResolver } from './values';
import { formatMessage } from './messages';
import { lineCommentAt, parseAcceptances, scriptCommentAt, type Acceptance } from './acceptance';
import { isOutsideServerRuntime } from './runtime';

/** A finding as one file shows it, before project facts, severity and acceptances are applied. */
export interface RawFinding {
  ruleId: string;
  messageId: string;
  message: string;
  range: OffsetRange;
  fixes: Fix[];
  demote?: number;
  pending?: unknown;
}

/**
 * What a file's walk yields. It holds no syntax tree, so a project's trees are garbage as soon as
 * each file is walked, while its findings wait for the facts of the other files.
 */
export interface FileAnalysis {
  path: string;
  text: string;
  facts: Fact[];
  findings: RawFinding[];
  notices: Notice[];
  acceptances: Acceptance[];
  /** How a line comment starts in this file: `//` in scripts, else the text checks' (`--` in SQL). */
  lineComment: string;
  /** The syntax tree, kept only on request (an editor's open document, for incremental re-parsing). */
  tree?: ts.SourceFile;
}

export interface RunOptions {
  rules: readonly RuleModule[];
  /** Rule ids an acceptance may name besides categories (all shipped rules, even those not run). */
  knownRuleIds: ReadonlySet<string>;
  collectors: readonly FactCollector[];
  /** false: gather project facts only (a file outside the requested paths). */
  runRules: boolean;
  /** Keep the syntax tree in the analysis (an open document, re-parsed incrementally next time). */
  keepTree?: boolean;
  /** The tree of this file's previous version, to re-parse incrementally. */
  previousTree?: ts.SourceFile;
}

/** Thrown inside the walk to stop a file that went past a configured limit. */
class LimitReached extends Error {}

interface Subscriber {
  name: string;
  create: () => Visitors;
  visitors?: Visitors;
  failed: boolean;
}

/** Parses a file once and walks it once, calling every rule and fact collector subscribed to each node kind. */
export function analyzeFile(path: string, text: string, settings: FileSettings, options: RunOptions, relativePath = path): FileAnalysis {
  const notices: Notice[] = [];
  const findings: RawFinding[] = [];
  const facts: Fact[] = [];
  const skipped = (message: string): FileAnalysis => ({ path, text, facts, findings: [], notices: [...notices, { kind: 'file-skipped', message }], acceptances: [], lineComment: '//' });
  if (text.length > settings.limits.maxFileBytes) {
    return skipped(`Skipped: ${text.length} bytes exceeds limits.maxFileBytes (${settings.limits.maxFileBytes}).`);
  }
  if (text.includes('\u0000')) return skipped('Skipped: the file looks binary (it contains NUL bytes).');
  if (!isScriptFile(path)) return analyzeTextFile(path, text, settings, options, relativePath);
  let sourceFile: ts.SourceFile;
  try {
    sourceFile = options.previousTree ? reparseSource(options.previousTree, text) : parseSource(path, text);
  } catch (error) {
    // The parser recurses: pathological input can exhaust the stack before any limit is checked.
    return skipped(`Skipped: the file could not be parsed (${(error as Error).message}).`);
  }
  const file: AnalyzedFile = { path, relativePath, text, sourceFile };
  const values = new ValueResolver();
  // Indexed by node kind: the walk's hot path is one array read per node.
  const byKind: (Subscriber[] | undefined)[] = [];
  let subscribed = 0;
  // Rules of one family often share a prefilter: each distinct one scans the text once.
  const prefilterResults = new Map<RegExp, boolean>();
  const passes = (given: Prefilter) => {
    const prefilter = typeof given === 'function' ? given(settings) : given;
    let result = prefilterResults.get(prefilter);
    if (result === undefined) prefilterResults.set(prefilter, (result = prefilter.test(text)));
    return result;
  };
  const subscribe = (name: string, kinds: readonly ts.SyntaxKind[], prefilter: Prefilter | undefined, create: () => Visitors) => {
    if (prefilter && !passes(prefilter)) return;
    const subscriber: Subscriber = { name, create, failed: false };
    subscribed++;
    for (const kind of kinds) (byKind[kind] ??= []).push(subscriber);
  };

  for (const collector of options.collectors) {
    subscribe(`collector ${collector.name}`, collector.kinds, collector.prefilter, () => collector.create({ file, settings, values, add: (fact) => facts.push(fact) }));
  }
  if (options.runRules) {
    const serverCode = !isOutsideServerRuntime(file, settings);
    for (const rule of options.rules) {
      if (rule.scope !== 'any' && !serverCode) continue;
      if (isOff(rule, settings)) continue;
      const report = (descriptor: ReportDescriptor) => findings.push(toRawFinding(rule, descriptor));
      subscribe(rule.meta.id, rule.kinds, rule.prefilter, () => rule.create({ file, settings, values, report }));
    }
  }

  const dispatch = (subscriber: Subscriber, node: ts.Node) => {
    if (subscriber.failed) return;
    try {
      // A subscriber is created at the first node of a kind it handles: one whose kinds are absent costs nothing.
      subscriber.visitors ??= subscriber.create();
      (subscriber.visitors[node.kind] as Visitor | undefined)?.(node);
    } catch (error) {
      if (error instanceof LimitReached) throw error;
      subscriber.failed = true;
      notices.push({ kind: 'rule-error', message: `${subscriber.name} failed on this file and was skipped for it: ${describeError(error)}` });
    }
  };

  const deadline = Date.now() + settings.limits.timePerFileMs;
  let visited = 0;
  // One callback for the whole walk (no closure per node); depth is tracked around the recursion.
  let depth = 0;
  const walk = (node: ts.Node): void => {
    if (depth > settings.limits.maxNesting) {
      throw new LimitReached(`Skipped: nesting deeper than limits.maxNesting (${settings.limits.maxNesting}).`);
    }
    if ((++visited & 1023) === 0 && Date.now() > deadline) {
      throw new LimitReached(`Skipped: analysis took longer than limits.timePerFileMs (${settings.limits.timePerFileMs} ms).`);
    }
    const subscribers = byKind[node.kind];
    if (subscribers) for (const subscriber of subscribers) dispatch(subscriber, node);
    depth++;
    ts.forEachChild(node, walk);
    depth--;
  };

  try {
    if (subscribed > 0) walk(sourceFile);
  } catch (error) {
    if (!(error instanceof LimitReached)) throw error;
    return skipped(error.message);
  }
  const tree = options.keepTree ? sourceFile : undefined;
  if (!options.runRules) return { path, text, facts, findings, notices, acceptances: [], lineComment: '//', tree };
  const parsed = parseAcceptances(text, scriptCommentAt(sourceFile), options.knownRuleIds, settings.allowOpenEndedAcceptance);
  return { path, text, facts, findings, notices: [...notices, ...parsed.notices], acceptances: parsed.acceptances, lineComment: '//', tree };
}

/**
 * A file that is not a script (a `.sql` migration, a `schema.prisma`): no parse, only the text checks of
 * the rules and the text collectors whose `paths` match it, each failing on its own as in the walk.
 */
function analyzeTextFile(path: string, text: string, settings: FileSettings, options: RunOptions, relativePath: string): FileAnalysis {
  const slashed = relativePath.replace(/\\/g, '/');
  const checks = options.runRules ? options.rules.filter((rule) => rule.text?.paths.test(slashed) && !isOff(rule, settings)) : [];
  const lineComment = checks[0]?.text?.lineComment ?? '//';
  const findings: RawFinding[] = [];
  const notices: Notice[] = [];
  const facts: Fact[] = [];
  for (const collector of options.collectors) {
    if (!collector.text?.paths.test(slashed)) continue;
    try {
      facts.push(...collector.text.collect({ path, relativePath, text }));
    } catch (error) {
      notices.push({ kind: 'rule-error', message: `collector ${collector.name} failed on this file and was skipped for it: ${describeError(error)}` });
    }
  }
  for (const rule of checks) {
    try {
      (rule.text as TextCheck).check({ file: { path, relativePath, text }, settings, report: (descriptor) => findings.push(toRawFinding(rule, descriptor)) });
    } catch (error) {
      notices.push({ kind: 'rule-error', message: `${rule.meta.id} failed on this file and was skipped for it: ${describeError(error)}` });
    }
  }
  const parsed = checks.length ? parseAcceptances(text, lineCommentAt(text, lineComment), options.knownRuleIds, settings.allowOpenEndedAcceptance) : { acceptances: [], notices: [] };
  return { path, text, facts, findings, notices: [...notices, ...parsed.notices], acceptances: parsed.acceptances, lineComment };
}

function isOff(rule: RuleModule, settings: FileSettings): boolean {
  return (settings.ruleSeverity[rule.meta.id] ?? settings.ruleSeverity[rule.meta.category]) === 'off';
}

function toRawFinding(rule: RuleModule, descriptor: ReportDescriptor): RawFinding {
  const range = descriptor.range ?? { start: descriptor.node!.getStart(), end: descriptor.node!.getEnd() };
  const template = rule.meta.messages[descriptor.messageId];
  if (template === undefined) throw new Error(`unknown messageId '${descriptor.messageId}'`);
  return {
    ruleId: rule.meta.id,
    messageId: descriptor.messageId,
    message: formatMessage(template, descriptor.data),
    range,
    fixes: descriptor.fixes ?? [],
    ...(descriptor.demote ? { demote: descriptor.demote } : {}),
    pending: descriptor.pending,
  };
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const frame = error.stack?.split('\n').find((line) => line.includes('/rules/') || line.includes('/engine/'));
    return frame ? `${error.message} (${frame.trim()})` : error.message;
  }
  return String(error);
}
