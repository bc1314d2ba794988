import type { Finding, FixKind, TextEdit } from './types';

/** Applies edits that don't overlap (later ones that would are dropped); returns the new text and what was applied. */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: TextEdit[] } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const applied: TextEdit[] = [];
  let lastEnd = -1;
  for (const edit of sorted) {
    if (edit.start < lastEnd) continue;
    applied.push(edit);
    lastEnd = Math.max(edit.end, edit.start + (edit.start === edit.end ? 1 : 0));
  }
  let out = text;
  for (const edit of [...applied].reverse()) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return { text: out, applied };
}

/**
 * The edits of the first fix of the given kind of each finding, skipping a whole fix when it would
 * overlap one already taken (the next round of --fix picks it up after re-analysis).
 */
export function collectFixEdits(findings: readonly Finding[], kind: FixKind = 'fix'): TextEdit[] {
  const taken: TextEdit[] = [];
  for (const finding of findings) {
    const fix = finding.fixes.find((f) => f.kind === kind);
    if (!fix) continue;
    const overlaps = fix.edits.some((e) => taken.some((t) => e.start < Math.max(t.end, t.start + 1) && t.start < Math.max(e.end, e.start + 1)));
    if (!overlaps) taken.push(...fix.edits);
  }
  return taken;
}
