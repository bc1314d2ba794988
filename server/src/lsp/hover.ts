import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import type { FileReport } from '../engine/project';
import type { RuleModule } from '../engine/types';
import { docsHref, toRange } from './diagnostics';

const LAYERS: Record<string, string> = {
  intent: 'intent — what the code is for',
  constraints: 'constraints — the limits production imposes',
  verification: 'verification — how we know it is right',
  operation: 'operation — running and observing it',
  accountability: 'accountability — who owns the risk',
};

/** Guidance for the findings under the cursor: what is missing, why it matters, how to fix or accept. */
export function hoverAt(report: FileReport, position: Position, rules: ReadonlyMap<string, RuleModule>): Hover | undefined {
  const offset = report.lines.offsetAt(position);
  const findings = report.findings.filter((f) => f.range.start <= offset && offset <= f.range.end);
  if (!findings.length) return undefined;
  const sections = findings.map((finding) => {
    const meta = rules.get(finding.ruleId)!.meta;
    return [
      `**prodgap · ${finding.ruleId}** (${finding.severity})`,
      '',
      finding.message,
      '',
      `**Why it matters in production:** ${meta.why}`,
      '',
      `**Layer:** ${LAYERS[meta.layer]}`,
      '',
      `**Fix:** ${meta.howToFix}`,
      '',
      `**Accept the risk:** \`// prodgap-accept ${finding.ruleId}: <reason> -- @<owner> until <YYYY-MM-DD>\``,
      '',
      `[Rule documentation](${docsHref(finding.ruleId)})`,
    ].join('\n');
  });
  const first = findings[0];
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range: toRange(report.lines, first.range) };
}
