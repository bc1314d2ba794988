/** Where a rule's documentation lives; derived from the id so docs and rules can't drift apart. */
export const DOCS_BASE_URL = 'https://github.com/prodgap/prodgap/blob/main/docs/rules';

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}/${ruleId}.md`;
}

export function ruleDocsPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}
