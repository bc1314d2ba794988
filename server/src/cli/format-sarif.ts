import { createHash } from 'node:crypto';
import type * as sarif from 'sarif';
import type { RuleModule, Severity } from '../engine/types';
import { SEVERITY_TABLE } from '../engine/severity';
import { ruleDocsUrl } from '../engine/docs';
import { editSpan, type LocatedFinding, type LocatedNotice, type Span } from './locations';

const LEVEL: Record<Severity, sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note' };

function region(span: Span): sarif.Region {
  return { startLine: span.line, startColumn: span.column, endLine: span.endLine, endColumn: span.endColumn };
}

/**
 * A fingerprint that survives edits elsewhere in the file: the rule, the file and the flagged
 * line's text (trimmed) without the flagged range itself — so a hardcoded secret's value never
 * enters the hash — numbered when the same line text repeats.
 */
function fingerprints(findings: LocatedFinding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map(({ report, file, finding }) => {
    const line = report.lines.positionAt(finding.range.start).line;
    const start = report.lines.lineStart(line);
    const end = report.lines.lineEnd(line);
    const lineText = (report.text.slice(start, Math.max(start, finding.range.start)) + report.text.slice(Math.min(end, finding.range.end), end)).trim();
    const hash = createHash('sha256').update(`${finding.ruleId}\0${file}\0${lineText}`).digest('hex').slice(0, 32);
    const count = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, count);
    return `${hash}:${count}`;
  });
}

export function formatSarif(rules: readonly RuleModule[], findings: LocatedFinding[], notices: LocatedNotice[], version: string): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.meta.id, index]));
  const prints = fingerprints(findings);
  const log: sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'prodgap',
            version,
            informationUri: 'https://github.com/prodgap/prodgap',
            rules: rules.map((rule) => ({
              id: rule.meta.id,
              name: rule.meta.id.replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase()),
              shortDescription: { text: rule.meta.description },
              fullDescription: { text: `${rule.meta.description} ${rule.meta.why}` },
              help: {
                text: `${rule.meta.why}\nFix: ${rule.meta.howToFix}\nAccept: // prodgap-accept ${rule.meta.id}: <reason> -- @<owner> until <YYYY-MM-DD>`,
                markdown: `${rule.meta.why}\n\n**Fix:** ${rule.meta.howToFix}\n\n**Accept the risk:** \`// prodgap-accept ${rule.meta.id}: <reason> -- @<owner> until <YYYY-MM-DD>\``,
              },
              helpUri: ruleDocsUrl(rule.meta.id),
              defaultConfiguration: { level: LEVEL[SEVERITY_TABLE[rule.meta.category]['customer-facing']] },
              properties: { category: rule.meta.category, layer: rule.meta.layer, tags: ['production-readiness', rule.meta.category] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: './' } },
        results: findings.map((located, i) => {
          const { report, file, finding, span } = located;
          const location = { physicalLocation: { artifactLocation: { uri: file, uriBaseId: '%SRCROOT%' }, region: region(span) } };
          return {
            ruleId: finding.ruleId,
            ruleIndex: ruleIndex.get(finding.ruleId),
            level: LEVEL[finding.severity],
            message: { text: finding.message },
            locations: [location],
            partialFingerprints: { primaryLocationLineHash: prints[i] },
            properties: { category: finding.category },
            fixes: finding.fixes
              .filter((fix) => fix.kind !== 'accept')
              .map((fix) => ({
                description: { text: `${fix.title} (${fix.kind})` },
                artifactChanges: [
                  {
                    artifactLocation: { uri: file, uriBaseId: '%SRCROOT%' },
                    replacements: fix.edits.map((edit) => {
                      const s = editSpan(report, edit);
                      return { deletedRegion: region(s), insertedContent: { text: s.newText } };
                    }),
                  },
                ],
              })),
          } satisfies sarif.Result;
        }),
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: notices.map(({ file, notice, span }) => ({
              descriptor: { id: notice.kind },
              level: notice.kind === 'rule-error' || notice.kind === 'config-invalid' ? 'error' : 'warning',
              message: { text: notice.message },
              locations: [{ physicalLocation: { artifactLocation: { uri: file, uriBaseId: '%SRCROOT%' }, ...(span ? { region: region(span) } : {}) } }],
            })),
          },
        ],
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
