import ts = require('typescript');
import type { RuleContext, RuleModule, TextEdit } from '../../engine/types';
import { ENDPOINTS } from './support-knowledge';
import { envNameFor, envReadText, escapeTemplateText, fallbackOf, isNotAValue, isNotProductionPath, slotOf, splitWords, type LiteralSlot } from './support';

const rule: RuleModule = {
  meta: {
    id: 'secrets-config/hardcoded-endpoint',
    category: 'secrets-config',
    layer: 'operation',
    description: 'The address of an internal or production service (private IP, cluster DNS, cloud database host) written into the code.',
    why: 'A hardcoded production address makes every environment — laptops, CI, staging — talk to the production service, and moving that service takes a code change and a deploy.',
    howToFix: 'Read the address from configuration (`process.env.NAME`) with a local default only for development.',
    messages: {
      internalEndpoint: 'Hardcoded internal/production endpoint `{{host}}`: every environment would call it; read the address from configuration.',
      moveToEnv: 'Read the address from process.env.{{env}}',
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.TemplateExpression],
  scope: 'any',
  prefilter: /:\/\/|[Hh]ost|HOST|[Ss]erver|SERVER|[Aa]ddr|ADDR|[Ee]ndpoint|ENDPOINT|[Uu]r[li]|UR[LI]|[Oo]rigin|[Dd]omain|[Bb]roker|[Dd]sn|DSN/,
  create(context) {
    if (isNotProductionPath(context.file.relativePath)) return {};
    const check = (node: ts.Node) => checkLiteral(node as ts.StringLiteralLike | ts.TemplateExpression, context);
    return { [ts.SyntaxKind.StringLiteral]: check, [ts.SyntaxKind.NoSubstitutionTemplateLiteral]: check, [ts.SyntaxKind.TemplateExpression]: check };
  },
};

const URL_START = /^(?:https?|wss?|grpcs?|tcp|nats|kafka|amqps?|redis|rediss|postgres(?:ql)?|mysql|mongodb(?:\+srv)?):\/\/(?:([^@/\s]*)@)?(\[[^\]\s]+\]|[^/:?#\s]+)(:\d+)?/i;
const BARE_HOST = /^([a-z0-9-]+\.)+[a-z0-9-]+(:\d+)?$/i;

function checkLiteral(literal: ts.StringLiteralLike | ts.TemplateExpression, context: RuleContext): void {
  const text = ts.isTemplateExpression(literal) ? literal.head.text : literal.text;
  if (text.length < 4) return;
  // Text tests first: most literals are neither a URL nor a host name, and the syntax checks cost more.
  const url = URL_START.exec(text);
  if (!url && (ts.isTemplateExpression(literal) || !BARE_HOST.test(text))) return;
  if (isNotAValue(literal) || fallbackOf(literal)) return;
  const slot = slotOf(literal);
  if (ts.isJsxAttribute(literal.parent) || isRequestBase(slot)) return;
  let origin: string;
  let host: string;
  if (url) {
    // Credentials in the URL are secrets-config/hardcoded-secret's finding.
    if (url[1]?.includes(':')) return;
    origin = url[0];
    host = url[2];
  } else {
    if (ts.isTemplateExpression(literal) || !BARE_HOST.test(text) || !isHostSlot(slot)) return;
    origin = text;
    host = text.replace(/:\d+$/, '');
  }
  if (!isInternalHost(host)) return;
  const fix = fixFor(literal, origin, text, slot, host, context);
  const reported = ts.isTemplateExpression(literal) ? literal.head : literal;
  context.report({
    node: reported,
    messageId: 'internalEndpoint',
    data: { host: origin.replace(/^[a-z0-9+.-]+:\/\//i, '') },
    fixes: fix ? [{ title: rule.meta.messages.moveToEnv.replace('{{env}}', fix.env), kind: 'suggestion', edits: [fix.edit] }] : [],
  });
}

/** `new NextRequest('http://rsc.internal', init)`, `new URL(path, 'http://app.internal')`: a stand-in origin for a request built in process. */
function isRequestBase(slot: LiteralSlot): boolean {
  if (!slot.call || !ts.isNewExpression(slot.call)) return false;
  const ctor = slot.call.expression.getText();
  return ctor === 'NextRequest' || (ctor === 'URL' && slot.argument === 1);
}

/** `host`, `DB_HOST`, `redisEndpoint`, `baseURL`: a name that holds an address. */
function isHostSlot(slot: LiteralSlot): boolean {
  if (slot.name === undefined) return false;
  const words = splitWords(slot.name);
  return ENDPOINTS.hostNames.has(words[words.length - 1] ?? '') || ENDPOINTS.hostNames.has(words.slice(-2).join(''));
}

export function isInternalHost(rawHost: string): boolean {
  const host = rawHost.toLowerCase().replace(/\.$/, '');
  if (host.includes('*') || ENDPOINTS.localHosts.has(host) || ENDPOINTS.ignoredHosts.has(host)) return false;
  if (ENDPOINTS.testSuffixes.some((suffix) => host === suffix.replace(/^\./, '') || host.endsWith(suffix.startsWith('.') ? suffix : `.${suffix}`))) return false;
  const ip = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (ip) {
    const [a, b] = [Number(ip[1]), Number(ip[2])];
    return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  if (!host.includes('.')) return false;
  if (ENDPOINTS.internalSuffixes.some((suffix) => host.endsWith(suffix))) return true;
  // Only subdomain labels: `api.prod.acme.com` names an environment, `cdn.lr-in-prod.com` is just a vendor's domain.
  const labels = host.split('.').slice(0, -2);
  return labels.some((label) => label.split('-').some((word) => ENDPOINTS.internalLabels.has(word)));
}

/**
 * Replaces the origin with a read of the environment: the whole literal when it is only an origin or a
 * host, else the origin part (a string becomes a template, a template's head keeps its path).
 */
function fixFor(
  literal: ts.StringLiteralLike | ts.TemplateExpression,
  origin: string,
  text: string,
  slot: LiteralSlot,
  host: string,
  context: RuleContext,
): { env: string; edit: TextEdit } | undefined {
  const sourceFile = context.file.sourceFile;
  const rest = text.slice(origin.length);
  const wholeValue = !ts.isTemplateExpression(literal) && (rest === '' || rest === '/');
  const env = (wholeValue ? envFromSlot(slot, origin !== host) : undefined) ?? hostEnvName(host);
  if (wholeValue) return { env, edit: { start: literal.getStart(sourceFile), end: literal.getEnd(), newText: envReadText(literal, env) } };
  if (ts.isTemplateExpression(literal)) {
    const start = literal.head.getStart(sourceFile) + 1;
    if (sourceFile.text.slice(start, start + origin.length) !== origin) return undefined;
    return { env, edit: { start, end: start + origin.length, newText: `\${process.env.${env}}` } };
  }
  const template = `\`\${process.env.${env}}${escapeTemplateText(rest)}\``;
  return { env, edit: { start: literal.getStart(sourceFile), end: literal.getEnd(), newText: template } };
}

/** `cache: { host }` → CACHE_HOST; `const PAYMENTS = 'https://…'` → PAYMENTS_URL. */
function envFromSlot(slot: LiteralSlot, isUrl: boolean): string | undefined {
  if (slot.name === undefined) return undefined;
  const words = splitWords(slot.name);
  const name = envNameFor(words.length === 1 && slot.owner ? `${slot.owner}_${slot.name}` : slot.name);
  return name && isUrl && !isHostSlot(slot) ? `${name}_URL` : name;
}

/** `billing.internal.acme.com` → BILLING_URL; an IP or odd label → SERVICE_URL. */
function hostEnvName(host: string): string {
  const first = host.split('.')[0];
  return /^[a-z][a-z0-9-]*$/i.test(first) && !/^\d/.test(first) ? `${envNameFor(first)}_URL` : 'SERVICE_URL';
}

export default rule;
