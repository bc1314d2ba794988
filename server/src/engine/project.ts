import type { Fact, FileSettings, Finding, Fix, Notice, ProjectFacts, RuleModule } from './types';
import type { FileAnalysis } from './runner';
import { LineIndex } from './lines';
import { severityFor } from './severity';
import { applyAcceptances, PLACEHOLDER_OWNER, PLACEHOLDER_REASON, type Acceptance } from './acceptance';
import { importedOnlyByClients, isServerModule } from './client-imports';

/**
 * Facts of the whole project, kept per source (a file path, or `package.json`), so a changed file
 * replaces exactly its own facts and the editor can keep the index current.
 */
export class ProjectIndex implements ProjectFacts {
  private readonly bySource = new Map<string, Fact[]>();
  version = 0;

  set(source: string, facts: Fact[]): void {
    this.version++;
    if (facts.length) this.bySource.set(source, facts);
    else this.bySource.delete(source);
  }

  delete(source: string): void {
    this.version++;
    this.bySource.delete(source);
  }

  has(kind: string): boolean {
    for (const facts of this.bySource.values()) if (facts.some((f) => f.kind === kind)) return true;
    return false;
  }

  all(kind: string): unknown[] {
    const out: unknown[] = [];
    for (const facts of this.bySource.values()) for (const f of facts) if (f.kind === kind) out.push(f.data);
    return out;
  }

}

export interface FinalizeOptions {
  rules: ReadonlyMap<string, RuleModule>;
  settings: FileSettings;
  facts: ProjectFacts;
  /** Today's date as YYYY-MM-DD: acceptances expire against it. */
  today: string;
}

export interface FileReport {
  path: string;
  text: string;
  lines: LineIndex;
  findings: Finding[];
  notices: Notice[];
  acceptances: Acceptance[];
}

/** Turns one file's raw analysis into its report: project facts decide pending findings, then severities and acceptances. */
export function finalizeFile(analysis: FileAnalysis, options: FinalizeOptions): FileReport {
  const lines = new LineIndex(analysis.text);
  const findings: Finding[] = [];
  const notices: Notice[] = [...analysis.notices];
  // A module only client modules import runs in the browser bundle: the server rules do not judge it.
  let clientOnly: boolean | undefined;
  for (const raw of analysis.findings) {
    const rule = options.rules.get(raw.ruleId)!;
    if (rule.scope !== 'any' && (clientOnly ??= !isServerModule(analysis.text) && importedOnlyByClients(analysis.path, options.facts))) continue;
    if (raw.pending !== undefined && rule.resolve) {
      try {
        if (!rule.resolve(raw.pending, options.facts)) continue;
      } catch (error) {
        notices.push({ kind: 'rule-error', message: `${raw.ruleId} failed to resolve a finding: ${(error as Error).message}` });
        continue;
      }
    }
    const category = rule.meta.category;
    const finding: Finding = {
      ruleId: raw.ruleId,
      category,
      severity: severityFor(raw.ruleId, category, options.settings.criticality, options.settings.ruleSeverity, raw.demote),
      messageId: raw.messageId,
      message: raw.message,
      range: raw.range,
      fixes: raw.fixes,
    };
    finding.fixes = [...raw.fixes, acceptFix(finding, analysis, lines, options)];
    findings.push(finding);
  }
  const outcome = applyAcceptances(findings, analysis.acceptances, lines, options.today);
  for (const finding of outcome.findings) {
    if (finding.expiredAcceptance) {
      finding.message += ` (the acceptance by @${finding.expiredAcceptance.owner} expired on ${finding.expiredAcceptance.until})`;
    }
  }
  outcome.findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.ruleId.localeCompare(b.ruleId));
  return {
    path: analysis.path,
    text: analysis.text,
    lines,
    findings: outcome.findings,
    notices: [...notices, ...outcome.notices],
    acceptances: analysis.acceptances,
  };
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The acceptance comment, on its own line above the finding's line, indented like it. */
function acceptFix(finding: Finding, analysis: FileAnalysis, lines: LineIndex, options: FinalizeOptions): Fix {
  const text = analysis.text;
  const line = lines.positionAt(finding.range.start).line;
  const lineStart = lines.lineStart(line);
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lines.lineEnd(line)))![0];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const owner = options.settings.owner?.replace(/^@/, '') ?? PLACEHOLDER_OWNER;
  const comment = `${analysis.lineComment} prodgap-accept ${finding.ruleId}: ${PLACEHOLDER_REASON} -- @${owner} until ${addDays(options.today, 90)}`;
  return {
    title: `Accept risk: ${finding.ruleId} (record reason, owner and expiry)`,
    kind: 'accept',
    edits: [{ start: lineStart, end: lineStart, newText: `${indent}${comment}${eol}` }],
  };
}
