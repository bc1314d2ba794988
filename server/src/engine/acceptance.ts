import ts = require('typescript');
import type { Finding, Notice, OffsetRange } from './types';
import { CATEGORIES } from './types';
import { LineIndex } from './lines';

/**
 * Risk acceptances: `// prodgap-accept <rule-id|category>[,…]: <reason> -- @<owner> until <YYYY-MM-DD>`,
 * on the line before the flagged code or trailing on its line.
 */
export interface Acceptance {
  targets: string[];
  reason: string;
  owner: string;
  until?: string;
  /** 0-based line of the comment. */
  line: number;
  /** true when code precedes the comment on its line (a trailing acceptance covers that line only). */
  trailing: boolean;
  range: OffsetRange;
}

export const ACCEPT_MARKER = 'prodgap-accept';
export const PLACEHOLDER_REASON = 'TODO explain why this risk is acceptable';
export const PLACEHOLDER_OWNER = 'TODO-owner';

const GRAMMAR =
  /^prodgap-accept\s+([\w@/.-]+(?:\s*,\s*[\w@/.-]+)*)\s*:\s*(.*?)\s+--\s+@([\w.-]+(?:\/[\w.-]+)?)(?:\s+until\s+(\S+))?\s*$/;

export interface ParsedAcceptances {
  acceptances: Acceptance[];
  notices: Notice[];
}

/** A comment of the file holding an offset, if the offset is inside one. */
export type CommentAt = (offset: number) => { pos: number; end: number; text: string } | undefined;

/** Finds acceptance comments; the text search is cheap and `commentAt` rules out strings. */
export function parseAcceptances(text: string, commentAt: CommentAt, knownRuleIds: ReadonlySet<string>, allowOpenEnded: boolean): ParsedAcceptances {
  const acceptances: Acceptance[] = [];
  const notices: Notice[] = [];
  if (!text.includes(ACCEPT_MARKER)) return { acceptances, notices };
  const lines = new LineIndex(text);
  for (let at = text.indexOf(ACCEPT_MARKER); at !== -1; at = text.indexOf(ACCEPT_MARKER, at + ACCEPT_MARKER.length)) {
    const comment = commentAt(at);
    if (!comment) continue;
    const body = comment.text.replace(/^\/\/|^\/\*|\*\/$|^--/g, '').trim();
    if (!body.startsWith(ACCEPT_MARKER)) continue;
    const range = { start: comment.pos, end: comment.end };
    const line = lines.positionAt(comment.pos).line;
    const trailing = text.slice(lines.lineStart(line), comment.pos).trim() !== '';
    const match = GRAMMAR.exec(body);
    if (!match) {
      notices.push({
        kind: 'acceptance-malformed',
        range,
        message: 'Malformed acceptance: expected `// prodgap-accept <rule-id|category>: <reason> -- @<owner> until <YYYY-MM-DD>`.',
      });
      continue;
    }
    const [, targetList, reason, owner, until] = match;
    const targets = targetList.split(',').map((t) => t.trim());
    const unknown = targets.filter((t) => !knownRuleIds.has(t) && !(CATEGORIES as readonly string[]).includes(t));
    const problem = unknown.length
      ? `names no known rule or category: ${unknown.join(', ')}`
      : !reason
        ? 'has no reason'
        : until !== undefined && !isValidDate(until)
          ? `has an invalid expiry '${until}' (use YYYY-MM-DD)`
          : until === undefined && !allowOpenEnded
            ? 'has no expiry (`until YYYY-MM-DD`); set acceptance.allowOpenEnded to allow that'
            : undefined;
    if (problem) {
      notices.push({ kind: 'acceptance-malformed', range, message: `Malformed acceptance: it ${problem}.` });
      continue;
    }
    acceptances.push({ targets, reason, owner, until, line, trailing, range });
  }
  return { acceptances, notices };
}

/** Comments of a script, found through its syntax tree. */
export const scriptCommentAt =
  (sourceFile: ts.SourceFile): CommentAt =>
  (offset) =>
    commentInTrivia(sourceFile, offset);

/** A line comment of a plain-text file (`-- …` in SQL): from the marker to the end of its line. */
export const lineCommentAt =
  (text: string, marker: string): CommentAt =>
  (offset) => {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const pos = text.lastIndexOf(marker, offset - 1);
    if (pos < lineStart) return undefined;
    const newline = text.indexOf('\n', offset);
    const end = newline < 0 ? text.length : text[newline - 1] === '\r' ? newline - 1 : newline;
    return { pos, end, text: text.slice(pos, end) };
  };

function commentInTrivia(sourceFile: ts.SourceFile, offset: number): { pos: number; end: number; text: string } | undefined {
  const token = tokenContaining(sourceFile, offset);
  if (!token || token.getStart(sourceFile) <= offset) return undefined;
  // Trivia before a token: comments trailing the previous token's line, then comments on lines of their own.
  const from = token.getFullStart();
  const text = sourceFile.text;
  const ranges = [...(ts.getTrailingCommentRanges(text, from) ?? []), ...(ts.getLeadingCommentRanges(text, from) ?? [])];
  const hit = ranges.find((r) => r.pos <= offset && offset < r.end);
  return hit && { pos: hit.pos, end: hit.end, text: text.slice(hit.pos, hit.end) };
}

/** The innermost node whose full span holds the offset (its leading trivia included). */
function tokenContaining(sourceFile: ts.SourceFile, offset: number): ts.Node | undefined {
  let current: ts.Node = sourceFile;
  for (;;) {
    const child: ts.Node | undefined = current
      .getChildren(sourceFile)
      .find((c) => c.getFullStart() <= offset && offset < c.getEnd());
    if (!child) return current === sourceFile ? undefined : current;
    current = child;
  }
}

function isValidDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export interface AcceptanceOutcome {
  findings: Finding[];
  notices: Notice[];
  /** Acceptances with the number of findings each one hid (the risk register reads these). */
  used: Map<Acceptance, number>;
}

/**
 * Hides findings covered by a valid acceptance. An expired acceptance hides nothing and marks the
 * finding; an acceptance that covers nothing, or keeps a placeholder reason or owner, is a notice.
 */
export function applyAcceptances(findings: Finding[], acceptances: Acceptance[], lines: LineIndex, today: string): AcceptanceOutcome {
  const used = new Map<Acceptance, number>(acceptances.map((a) => [a, 0]));
  const notices: Notice[] = [];
  const kept: Finding[] = [];
  for (const finding of findings) {
    const line = lines.positionAt(finding.range.start).line;
    const matching = acceptances.filter(
      (a) =>
        (a.trailing ? a.line === line : a.line + 1 === line || coversAfterStack(a, line, acceptances)) &&
        (a.targets.includes(finding.ruleId) || a.targets.includes(finding.category)),
    );
    // A renewed acceptance stacked over an expired one wins.
    const acceptance = matching.find((a) => a.until === undefined || a.until >= today) ?? matching[0];
    if (!acceptance) {
      kept.push(finding);
      continue;
    }
    used.set(acceptance, (used.get(acceptance) ?? 0) + 1);
    if (acceptance.until !== undefined && acceptance.until < today) {
      kept.push({ ...finding, expiredAcceptance: { owner: acceptance.owner, until: acceptance.until } });
    }
  }
  for (const [acceptance, count] of used) {
    if (count === 0) {
      notices.push({ kind: 'acceptance-unused', range: acceptance.range, message: `Unused acceptance: no ${acceptance.targets.join(', ')} finding on the line it covers.` });
    } else if (acceptance.until !== undefined && acceptance.until < today) {
      notices.push({ kind: 'acceptance-expired', range: acceptance.range, message: `Acceptance by @${acceptance.owner} expired on ${acceptance.until}; the finding is reported again.` });
    } else if (acceptance.reason.startsWith('TODO') || acceptance.owner === PLACEHOLDER_OWNER) {
      notices.push({ kind: 'acceptance-incomplete', range: acceptance.range, message: 'Acceptance still has a placeholder reason or owner: write why the risk is acceptable and who owns it.' });
    }
  }
  return { findings: kept, notices, used };
}

/** Own-line acceptances may stack: each covers the first line after the stack. */
function coversAfterStack(acceptance: Acceptance, line: number, all: Acceptance[]): boolean {
  if (acceptance.trailing) return false;
  for (let l = acceptance.line + 1; l < line; l++) {
    if (!all.some((a) => !a.trailing && a.line === l)) return false;
  }
  return line > acceptance.line + 1;
}
