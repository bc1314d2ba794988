import * as ts from 'typescript';
import type {
  AnalyzedFile,
  Fact,
  FactCollector,
  FileSettings,
  Fix,
  Notice,
  OffsetRange,
  ReportDescriptor,
  RuleModule,
  Visitor,
  Visitors,
} from './types';
import { parseSource } from './parse';
import { ValueResolver } from './values';
import { formatMessage } from './messages';

/** A finding as one file shows it, before project facts, severity and acceptances are applied. */
export interface RawFinding {
  ruleId: string;
  messageId: string;
  message: string;
  range: OffsetRange;
  fixes: Fix[];
  pending?: unknown;
}

export interface FileAnalysis {
  file: AnalyzedFile;
  facts: Fact[];
  findings: RawFinding[];
  notices: Notice[];
}

export interface RunOptions {
  rules: readonly RuleModule[];
  collectors: readonly FactCollector[];
  /** false: gather project facts only (a file outside the requested paths). */
  runRules: boolean;
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
export function analyzeFile(path: string, text: string, settings: FileSettings, options: RunOptions): FileAnalysis {
  const notices: Notice[] = [];
  const findings: RawFinding[] = [];
  const facts: Fact[] = [];
  if (text.length > settings.limits.maxFileBytes) {
    notices.push({ kind: 'file-skipped', message: `Skipped: ${text.length} bytes exceeds limits.maxFileBytes (${settings.limits.maxFileBytes}).` });
    return { file: { path, text, sourceFile: parseSource(path, '') }, facts, findings, notices };
  }
  if (text.includes('\u0000')) {
    notices.push({ kind: 'file-skipped', message: 'Skipped: the file looks binary (it contains NUL bytes).' });
    return { file: { path, text, sourceFile: parseSource(path, '') }, facts, findings, notices };
  }
  const sourceFile = parseSource(path, text);
  const file: AnalyzedFile = { path, text, sourceFile };
  const values = new ValueResolver();
  const byKind = new Map<ts.SyntaxKind, Subscriber[]>();
  const subscribe = (name: string, kinds: readonly ts.SyntaxKind[], create: () => Visitors) => {
    const subscriber: Subscriber = { name, create, failed: false };
    for (const kind of kinds) {
      const list = byKind.get(kind);
      if (list) list.push(subscriber);
      else byKind.set(kind, [subscriber]);
    }
  };

  for (const collector of options.collectors) {
    subscribe(`collector ${collector.name}`, collector.kinds, () => collector.create({ file, values, add: (fact) => facts.push(fact) }));
  }
  if (options.runRules) {
    for (const rule of options.rules) {
      if ((settings.ruleSeverity[rule.meta.id] ?? settings.ruleSeverity[rule.meta.category]) === 'off') continue;
      const report = (descriptor: ReportDescriptor) => findings.push(toRawFinding(rule, descriptor));
      subscribe(rule.meta.id, rule.kinds, () => rule.create({ file, settings, values, report }));
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
  const walk = (node: ts.Node, depth: number): void => {
    if (depth > settings.limits.maxNesting) {
      throw new LimitReached(`Skipped: nesting deeper than limits.maxNesting (${settings.limits.maxNesting}).`);
    }
    if ((++visited & 1023) === 0 && Date.now() > deadline) {
      throw new LimitReached(`Skipped: analysis took longer than limits.timePerFileMs (${settings.limits.timePerFileMs} ms).`);
    }
    const subscribers = byKind.get(node.kind);
    if (subscribers) for (const subscriber of subscribers) dispatch(subscriber, node);
    ts.forEachChild(node, (child) => walk(child, depth + 1));
  };

  try {
    walk(sourceFile, 0);
  } catch (error) {
    if (!(error instanceof LimitReached)) throw error;
    notices.push({ kind: 'file-skipped', message: error.message });
    return { file, facts, findings: [], notices };
  }
  return { file, facts, findings, notices };
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
