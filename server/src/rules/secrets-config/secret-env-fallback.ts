import ts = require('typescript');
import type { RuleContext, RuleModule } from '../../engine/types';
import { fallbackOf, isNotProductionPath, isSecretName, mask, matchFormat, slotOf } from './support';

const rule: RuleModule = {
  meta: {
    id: 'secrets-config/secret-env-fallback',
    category: 'secrets-config',
    layer: 'operation',
    description: 'A secret read from the environment falls back to a hardcoded value when the variable is unset.',
    why: 'When the variable is missing in production (a typo, a new environment, a failed secret mount) the service starts anyway with a secret everyone who read the code knows: tokens become forgeable and sessions hijackable.',
    howToFix: 'Drop the default and fail at startup when the variable is unset (or validate the environment with a schema).',
    messages: {
      envFallback: '`{{env}}` falls back to a hardcoded value (`{{preview}}`, {{length}} chars) when unset: production would run with a secret that is in the code.',
      removeFallback: 'Remove the hardcoded fallback (fail when {{env}} is unset)',
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral],
  scope: 'any',
  prefilter: /env|[Cc]onfig/,
  create(context) {
    if (isNotProductionPath(context.file.relativePath)) return {};
    const check = (node: ts.Node) => checkLiteral(node as ts.StringLiteralLike, context);
    return { [ts.SyntaxKind.StringLiteral]: check, [ts.SyntaxKind.NoSubstitutionTemplateLiteral]: check };
  },
};

function checkLiteral(literal: ts.StringLiteralLike, context: RuleContext): void {
  const value = literal.text;
  if (value.trim().length === 0) return;
  const fallback = fallbackOf(literal);
  if (!fallback) return;
  const slotName = slotOf(literal).name;
  if (!isSecretName(fallback.envName) && !(slotName !== undefined && isSecretName(slotName))) return;
  // A live credential in the fallback is a leaked secret: secrets-config/hardcoded-secret reports it at full severity.
  if (matchFormat(value)) return;
  context.report({
    node: literal,
    messageId: 'envFallback',
    data: { env: fallback.envName, ...mask(value) },
    demote: 1,
    fixes: [
      {
        title: rule.meta.messages.removeFallback.replace('{{env}}', fallback.envName),
        kind: 'suggestion',
        edits: [{ ...fallback.removal, newText: '' }],
      },
    ],
  });
}

export default rule;
