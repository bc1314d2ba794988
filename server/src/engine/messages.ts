/** Fills `{{name}}` placeholders of a rule message; an unfilled placeholder is a bug in the rule. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_match, key: string) => {
    if (!(key in data)) throw new Error(`message placeholder '${key}' has no data`);
    return String(data[key]);
  });
}
