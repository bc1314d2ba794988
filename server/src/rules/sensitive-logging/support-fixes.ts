import ts = require('typescript');
import type { AnalyzedFile, Fix, FileSettings, TextEdit } from '../../engine/types';
import { propertyNameText } from '../../engine/values';
import { nameTokens } from './support-knowledge';
import { recordNoun } from './support-names';
import type { LoggedValue } from './support';

export const FIX_TITLES = {
  redact: 'Redact log field',
  logId: 'Log the id instead',
  logCount: 'Log the count instead',
  requestSummary: 'Log only the request method and URL',
  fieldNames: 'Log only the field names',
};

/** A safe replacement for the logged value, and the key it gets when it was a shorthand or spread. */
interface Replacement {
  title: string;
  text: string;
  key: string;
}

function lastName(node: ts.Expression): string {
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node)) {
    const key = propertyNameText(node.argumentExpression);
    if (key && /^[A-Za-z_$][\w$]*$/.test(key)) return key;
  }
  return 'value';
}

function replacementFor(value: LoggedValue, settings: FileSettings, file: AnalyzedFile): Replacement {
  // Replacing what is written (`user.toJSON()`, `token as string`), built from the bare value (`user?.id`).
  const text = value.node.getText(file.sourceFile);
  const written = value.written.getText(file.sourceFile);
  const name = lastName(value.node);
  switch (value.kind) {
    case 'record': {
      // `?.`: an unreviewed fix must not make a log line throw when the record is missing.
      const plural = recordNoun(nameTokens(name))?.plural;
      return plural
        ? { title: FIX_TITLES.logCount, text: `${text}?.length`, key: `${name}Count` }
        : { title: FIX_TITLES.logId, text: `${text}?.id`, key: `${name}Id` };
    }
    case 'request':
      return value.wholeRequest
        ? { title: FIX_TITLES.requestSummary, text: `{ method: ${text}.method, url: ${text}.url }`, key: name }
        : { title: FIX_TITLES.fieldNames, text: `Object.keys(${text} ?? {})`, key: name };
    case 'environment':
      return { title: FIX_TITLES.fieldNames, text: `Object.keys(${text} ?? {})`, key: name };
    default: {
      const helper = settings.redactionHelper;
      return { title: FIX_TITLES.redact, text: helper ? `${helper}(${written})` : `'[REDACTED]'`, key: name };
    }
  }
}

/** The fix for one logged value: it parses, and the value it logs is no longer sensitive. */
export function fixFor(value: LoggedValue, settings: FileSettings, file: AnalyzedFile): Fix {
  const replacement = replacementFor(value, settings, file);
  const site = value.site;
  const edit = (node: ts.Node, newText: string): TextEdit => ({ start: node.getStart(file.sourceFile), end: node.getEnd(), newText });
  let edits: TextEdit[];
  if (site.kind === 'shorthand' || site.kind === 'spread') {
    edits = [edit(site.element, `${replacement.key}: ${replacement.text}`)];
  } else if (site.kind === 'template' && replacement.text === `'[REDACTED]'`) {
    // Inside message text the marker is plain text: `token ${token}` becomes `token [REDACTED]`.
    edits = [{ ...site.range, newText: '[REDACTED]' }];
  } else {
    edits = [edit(value.written, replacement.text)];
  }
  return { title: replacement.title, kind: 'fix', edits };
}
