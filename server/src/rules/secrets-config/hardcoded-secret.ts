import ts = require('typescript');
import type { RuleContext, RuleModule } from '../../engine/types';
import { qualifiedName, type ValueResolver } from '../../engine/values';
import { replaceNode } from '../../fixes/edits';
import { SECRETS } from './support-knowledge';
import {
  envNameFor,
  envReadText,
  escapeTemplateText,
  fallbackOf,
  isNotAValue,
  isNotProductionPath,
  isPlaceholder,
  isSecretName,
  looksRandom,
  mask,
  matchFormat,
  slotOf,
  splitWords,
  type LiteralSlot,
} from './support';

const rule: RuleModule = {
  meta: {
    id: 'secrets-config/hardcoded-secret',
    category: 'secrets-config',
    layer: 'operation',
    description: 'A credential (API key, token, password, signing secret, private key) written into the source.',
    why: 'A secret in the code is in every clone, build artifact and log of the repository history; it cannot be rotated without a deploy and is shared by every environment.',
    howToFix: 'Read the value from the environment or a secret manager (`process.env.NAME`), and rotate the leaked credential.',
    messages: {
      knownFormat: 'Hardcoded {{kind}} (`{{preview}}`, {{length}} chars): it leaks with the code and its history; read it from the environment and rotate it.',
      testModeKey: 'Hardcoded {{kind}} (`{{preview}}`, {{length}} chars): not a production key, but it still leaks with the code; read it from the environment.',
      namedSecret: '`{{name}}` holds a hardcoded secret (`{{preview}}`, {{length}} chars): read it from the environment or a secret manager.',
      connectionPassword: 'The `{{scheme}}` connection string has a hardcoded password (`{{preview}}`, {{length}} chars): read the URL from the environment.',
      signingSecret: '`{{sink}}` uses a hardcoded signing secret (`{{preview}}`, {{length}} chars): anyone who reads the code can forge tokens or sessions.',
      moveToEnv: 'Read it from process.env.{{env}}',
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.TemplateExpression],
  scope: 'any',
  // Case spelled out: a case-insensitive alternation scans the whole file several times slower.
  prefilter: /[Pp]ass|PASS|[Pp]wd|PWD|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Kk]ey|KEY|[Cc]redential|CREDENTIAL|[Aa]uth|AUTH|[Ss]ign|SIGN|[Ss]ession|SESSION|[Cc]ookie|COOKIE|:\/\/[^\s'"`]*:[^\s'"`]*@|sk_|rk_|whsec_|AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox|AIza|SG\.|SK[0-9a-f]{8}|sk-|npm_|shp|:AA/,
  create(context) {
    if (isNotProductionPath(context.file.relativePath)) return {};
    const check = (node: ts.Node) => checkLiteral(node as ts.StringLiteralLike, context);
    return {
      [ts.SyntaxKind.StringLiteral]: check,
      [ts.SyntaxKind.NoSubstitutionTemplateLiteral]: check,
      [ts.SyntaxKind.TemplateExpression]: (node) => checkTemplate(node as ts.TemplateExpression, context),
    };
  },
};

interface Classified {
  messageId: string;
  data: Record<string, string | number>;
  /** The environment variable the fix reads. */
  env: string;
  /** The part of the value that is the secret, when the literal holds more (`'Bearer …'`, `'token ghp_…'`). */
  secret?: { start: number; end: number };
  demote?: number;
}

function checkLiteral(literal: ts.StringLiteralLike, context: RuleContext): void {
  if (literal.text.length === 0 || isNotAValue(literal)) return;
  const found = classify(literal.text, slotOf(literal), context.values, fallbackOf(literal) !== undefined);
  // A value known by its format is a credential whatever a comment says; a name can mislead.
  if (!found || (found.messageId !== 'knownFormat' && found.messageId !== 'testModeKey' && declaredNotSecret(literal, context.file.text))) return;
  context.report({
    node: literal,
    messageId: found.messageId,
    data: found.data,
    demote: found.demote,
    fixes: [
      {
        title: rule.meta.messages.moveToEnv.replace('{{env}}', found.env),
        kind: 'suggestion',
        edits: [replaceNode(literal, replacement(literal, found), context.file.sourceFile)],
      },
    ],
  });
}

/** `` `postgres://app:s3cr3t@${host}/app` ``: the password in a template's head is replaced by a read of the environment. */
function checkTemplate(template: ts.TemplateExpression, context: RuleContext): void {
  const found = connectionPassword(template.head.text, true);
  if (!found) return;
  const env = found.env.replace(/_(URL|URI)$/, '_PASSWORD');
  const start = template.head.getStart(context.file.sourceFile) + 1 + found.index;
  const end = start + found.password.length;
  const verbatim = context.file.text.slice(start, end) === found.password;
  context.report({
    node: template.head,
    messageId: 'connectionPassword',
    data: { scheme: found.scheme, ...mask(found.password) },
    fixes: verbatim ? [{ title: rule.meta.messages.moveToEnv.replace('{{env}}', env), kind: 'suggestion', edits: [{ start, end, newText: `\${process.env.${env}}` }] }] : [],
  });
}

/** `process.env.NAME`, or a template that keeps the text around the secret (`\`Bearer ${process.env.NAME}\``). */
function replacement(literal: ts.StringLiteralLike, found: Classified): string {
  const value = literal.text;
  const { start, end } = found.secret ?? { start: 0, end: value.length };
  if (start === 0 && end === value.length) return envReadText(literal, found.env);
  const template = `\`${escapeTemplateText(value.slice(0, start))}\${process.env.${found.env}}${escapeTemplateText(value.slice(end))}\``;
  return ts.isJsxAttribute(literal.parent) ? `{${template}}` : template;
}

function classify(value: string, slot: LiteralSlot, values: ValueResolver, inFallback: boolean): Classified | undefined {
  const known = matchFormat(value);
  if (known?.format.env === 'GOOGLE_API_KEY' && isFirebaseConfig(slot)) return undefined;
  if (known) {
    const data = { kind: known.format.label, ...mask(known.match) };
    const whole = known.match.length === value.length;
    const env = (whole ? envFromSlot(slot) : undefined) ?? known.format.env;
    const secret = { start: known.index, end: known.index + known.match.length };
    return known.format.testMode ? { messageId: 'testModeKey', data, env, secret, demote: 1 } : { messageId: 'knownFormat', data, env, secret };
  }
  // A fallback behind an environment variable is secrets-config/secret-env-fallback's finding.
  if (inFallback) return undefined;
  const signing = signingSink(value, slot, values);
  if (signing) return { messageId: 'signingSecret', data: { sink: signing.sink, ...mask(value) }, env: signing.env };
  const named = slot.name !== undefined ? SECRETS.namedFormats.find((f) => f.names.has(slot.name!) && f.pattern.test(value)) : undefined;
  if (named) return { messageId: 'knownFormat', data: { kind: named.label, ...mask(value) }, env: named.env };
  const connection = connectionPassword(value);
  if (connection) {
    const env = (slot.name !== undefined && /(url|uri|dsn|connection|string)$/i.test(slot.name) && splitWords(slot.name).length > 1 ? envNameFor(slot.name) : undefined) ?? connection.env;
    return { messageId: 'connectionPassword', data: { scheme: connection.scheme, ...mask(connection.password) }, env };
  }
  if (slot.name !== undefined && isSigningSecretName(slot.name) && value.length >= 8 && !/\s/.test(value) && !isPlaceholder(value) && !isKeyName(value, slot.name)) {
    return { messageId: 'signingSecret', data: { sink: slot.name, ...mask(value) }, env: envNameFor(slot.name)! };
  }
  if (slot.name !== undefined && isSecretName(slot.name)) {
    const scheme = /authorization$/i.test(slot.name) ? /^(bearer|basic|token)\s+/i.exec(value)?.[0].length ?? 0 : 0;
    const credential = value.slice(scheme);
    const passwordLike = /(password|passwd|pwd|passphrase)$/.test(splitWords(slot.name).pop() ?? '');
    if (!looksRandom(credential, passwordLike)) return undefined;
    const env = scheme ? 'API_TOKEN' : envFromSlot(slot) ?? envNameFor(slot.name)!;
    return { messageId: 'namedSecret', data: { name: slot.name, ...mask(credential) }, env, secret: { start: scheme, end: value.length } };
  }
  return undefined;
}

/** `jwt.sign(payload, '…')`, `session({ secret: '…' })`, `JwtModule.register({ secret })`, `secretOrKey: '…'`. */
function signingSink(value: string, slot: LiteralSlot, values: ValueResolver): { sink: string; env: string } | undefined {
  if (slot.name !== undefined && SECRETS.signingProperties.has(slot.name)) {
    return isKeyName(value, slot.name) ? undefined : { sink: slot.name, env: SECRETS.signingProperties.get(slot.name)! };
  }
  if (!slot.call) return undefined;
  const callee = slot.call.expression;
  const name = qualifiedName(values.origin(callee));
  const sink = callee.getText();
  if (!slot.object) {
    const call = SECRETS.signingCalls.find((s) => s.callee === name && s.argument === slot.argument);
    return call ? { sink, env: call.env } : undefined;
  }
  if (slot.name === undefined) return undefined;
  const option = SECRETS.signingOptions.find((s) => s.callee === name && s.property === slot.name);
  if (option) return { sink, env: option.env };
  // A Nest JwtService (`this.jwtService.sign(payload, { secret })`) is known by its name only.
  if (/jwt\w*\.(sign|verify)(Async)?$/i.test(sink) && (slot.name === 'secret' || slot.name === 'privateKey')) return { sink, env: 'JWT_SECRET' };
  return undefined;
}

/** `JWT_SECRET`, `sessionSecret`, `COOKIE_SIGNING_SECRET`: any value there signs tokens or sessions, random-looking or not. */
function isSigningSecretName(name: string): boolean {
  const words = splitWords(name);
  return words[words.length - 1] === 'secret' && words.some((word) => /^(jwt|session|cookie|signing|hmac)$/.test(word));
}

/** `JWT_SECRET = 'JWT_SECRET'`, `jwtSecret: 'auth.jwtSecret'`: the value names a setting, it is not one. */
function isKeyName(value: string, name: string): boolean {
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(value) || /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$/.test(value)) return true;
  return splitWords(value).join('_') === splitWords(name).join('_');
}

const CONNECTION = /^([a-z][a-z0-9+.-]*):\/\/([^:/@\s]*):([^@\s/]+)@([^/:?#\s]*)/i;
const LOCAL_HOST = /^(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|host\.docker\.internal)$|(^|\.)example\.(com|org|net)$|\.(test|example|invalid|localhost)$/i;

/**
 * `postgres://app:s3cr3t@db.acme.io/app`: the password and its offset, unless it is a placeholder or the host
 * is local or an example. In a template's head (`partial`) the host may be interpolated.
 */
function connectionPassword(value: string, partial = false): { scheme: string; password: string; index: number; env: string } | undefined {
  const match = CONNECTION.exec(value);
  if (!match) return undefined;
  const [, scheme, user, password, host] = match;
  const env = SECRETS.connectionSchemes.get(scheme.toLowerCase());
  if (!env || password.length < 4 || password === user || isPlaceholder(password) || LOCAL_HOST.test(host)) return undefined;
  if (/^[:%$]|^\*+$/.test(password) || (!host && !(partial && match[0].length === value.length))) return undefined;
  return { scheme, password, index: scheme.length + 3 + user.length + 1, env };
}

/** A Firebase web config: its Google API key is public by design and restricted by the project's rules. */
function isFirebaseConfig(slot: LiteralSlot): boolean {
  if (!slot.object) return false;
  return slot.object.properties.some((p) => p.name !== undefined && /^(authDomain|messagingSenderId|appId|storageBucket)$/.test(p.name.getText()));
}

/**
 * The environment variable named after the slot (`stripeSecretKey` → STRIPE_SECRET_KEY, `db: { password }`
 * → DB_PASSWORD); undefined for a bare generic name (`token`), which says less than the format's own name.
 */
function envFromSlot(slot: LiteralSlot): string | undefined {
  if (slot.name === undefined || !isSecretName(slot.name)) return undefined;
  if (splitWords(slot.name).length > 1) return envNameFor(slot.name);
  return slot.owner ? envNameFor(`${slot.owner}_${slot.name}`) : undefined;
}

/** The declaration or property holding the literal has a comment above it saying the value is not a secret. */
function declaredNotSecret(literal: ts.Node, text: string): boolean {
  for (let node: ts.Node = literal.parent; node && !ts.isSourceFile(node); node = node.parent) {
    if (ts.isVariableStatement(node) || ts.isPropertyAssignment(node) || ts.isPropertyDeclaration(node) || ts.isExpressionStatement(node)) {
      const comments = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
      return comments.some((c) => SECRETS.notSecretComments.test(text.slice(c.pos, c.end)));
    }
    if (ts.isFunctionLike(node)) return false;
  }
  return false;
}

export default rule;
