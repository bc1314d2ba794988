import ts = require('typescript');
import type { RuleModule } from '../../engine/types';
import { notRedacted, reportSensitiveValues } from './support';
import { FIX_TITLES } from './support-fixes';

const rule: RuleModule = {
  meta: {
    id: 'sensitive-logging/secret-in-log',
    category: 'sensitive-logging',
    layer: 'accountability',
    description: 'A log call writes a secret: a password, token, API key, Authorization or cookie header, a whole request or the whole environment.',
    why: 'Logs are copied to aggregators, backups and support tickets and read by far more people than the secret was meant for; a token in a log is a token anyone with log access can use, long after the request.',
    howToFix: 'Log that the secret was present (or an id), not its value; redact it with the project helper or a logger redaction path.',
    messages: {
      secret: '`{{name}}` is a secret written to the log: anyone who can read the logs can use it. Log that it is present, not its value.',
      wholeRequest: '`{{name}}` logs a whole request, its headers, body or cookies: Authorization headers, session cookies and submitted passwords go to the log.',
      wholeEnvironment: '`{{name}}` logs the whole environment, with every secret the process holds.',
      ...FIX_TITLES,
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.CallExpression],
  create(context) {
    return {
      [ts.SyntaxKind.CallExpression]: (node) =>
        reportSensitiveValues(node as ts.CallExpression, context, { secret: 'secret', request: 'wholeRequest', environment: 'wholeEnvironment' }),
    };
  },
  resolve: notRedacted,
};

export default rule;
