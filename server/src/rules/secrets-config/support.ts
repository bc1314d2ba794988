import ts = require('typescript');
import { propertyNameText, unwrapExpression } from '../../engine/values';
import { SECRETS, type SecretFormat } from './support-knowledge';

/** Tests, fixtures, mocks, seeds and stories: their credentials are not production's, so the category stays silent there. */
export function isNotProductionPath(path: string): boolean {
  const normalized = path.replace(/\\/g, '/');
  return SECRETS.notProductionPaths.some((pattern) => pattern.test(normalized));
}

/** What a message may show of a secret: at most 4 leading characters (a quarter of it for short values) and the length. */
export function mask(value: string): { preview: string; length: number } {
  const shown = Math.min(4, Math.floor(value.length / 4));
  return { preview: `${value.slice(0, shown)}…`, length: value.length };
}

export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Documentation and test material: `changeme`, `<your-key>`, `sk_live_xxxxxxxx`, `AKIAIOSFODNN7EXAMPLE`. */
export function isPlaceholder(value: string): boolean {
  const lower = value.trim().toLowerCase();
  if (lower.length === 0 || SECRETS.placeholders.has(lower)) return true;
  if (SECRETS.placeholderMarkers.some((marker) => lower.includes(marker))) return true;
  return /(.)\1{7,}/.test(lower);
}

/** `stripeSecretKey` / `STRIPE_SECRET_KEY` / `x-api-key` → ['stripe', 'secret', 'key']. */
const wordsCache = new Map<string, string[]>();

export function splitWords(name: string): string[] {
  // Called for the same few names on every literal of a file: remembered (bounded).
  let words = wordsCache.get(name);
  if (words) return [...words];
  words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word && !/^\d+$/.test(word))
    .map((word) => word.toLowerCase());
  if (wordsCache.size > 10_000) wordsCache.clear();
  wordsCache.set(name, words);
  return [...words];
}

/** A name whose last word says it holds a credential (`clientSecret`, `DB_PASSWORD`, `apiKey`), not one about it (`tokenUrl`, `csrfToken`, `publicKey`). */
export function isSecretName(name: string): boolean {
  const words = splitWords(name);
  const last = words[words.length - 1];
  const before = words[words.length - 2];
  if (last === undefined || (before !== undefined && SECRETS.publicQualifiers.has(before))) return false;
  if (SECRETS.secretNouns.has(last)) return true;
  return last === 'key' && before !== undefined && SECRETS.keyQualifiers.has(before);
}

/** `stripeSecretKey` → `STRIPE_SECRET_KEY`; undefined when the name has no words. */
export function envNameFor(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const words = splitWords(name);
  if (!words.length) return undefined;
  const env = words.join('_').toUpperCase();
  return /^\d/.test(env) ? `APP_${env}` : env;
}

/** A word, or words in camel or Pascal case (`clientCredentials`), maybe with a short version number. */
const WORD_SEGMENT = /^([a-z]+|[A-Z]+)\d{0,2}$|^[A-Za-z][a-z]+([A-Z][a-z]+)*\d{0,2}$/;

/**
 * Random-looking enough to be a credential: long, no spaces, mixed characters, high entropy, and not a
 * word chain (`auth.token.expired`, `x-api-key`), a URL or path, a UUID, a data URI or a password hash.
 */
export function looksRandom(value: string, passwordLike: boolean): boolean {
  if (/\s/.test(value) || value.includes('://') || /^(\.{0,2}\/|data:|#|\$2[aby]\$|\$argon2)/.test(value)) return false;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return false;
  if (value.split(/[-_.:/@]/).every((segment) => segment === '' || WORD_SEGMENT.test(segment))) return false;
  if (isPlaceholder(value) || SECRETS.publicPrefixes.some((prefix) => value.startsWith(prefix))) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(value)).length;
  const { minLength, minBitsPerChar } = SECRETS.entropy;
  if (value.length >= minLength) return classes >= 2 && shannonEntropy(value) >= minBitsPerChar;
  return passwordLike && value.length >= 8 && classes >= 3 && shannonEntropy(value) >= 2.75;
}

/** The first known credential format in a text, unless the match is documentation material. */
/** One pass that any known format needs to match, before each format is tried (most literals fail it). */
const ANY_FORMAT = new RegExp(
  SECRETS.formats.map((f) => `(?:${f.pattern.source})`).join('|'),
  [...new Set(SECRETS.formats.flatMap((f) => [...f.pattern.flags].filter((flag) => 'imsu'.includes(flag))))].join(''),
);

export function matchFormat(text: string): { format: SecretFormat; match: string; index: number } | undefined {
  if (!ANY_FORMAT.test(text)) return undefined;
  for (const format of SECRETS.formats) {
    const found = format.pattern.exec(text);
    if (found && !isPlaceholder(found[0])) return { format, match: found[0], index: found.index };
  }
  return undefined;
}

/** `process.env.X`, `process.env['X']`, `import.meta.env.X`, `Bun.env.X`: the variable's name. */
export function envReadName(expression: ts.Expression): string | undefined {
  const node = unwrapExpression(expression);
  if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) return undefined;
  const name = ts.isPropertyAccessExpression(node) ? node.name.text : propertyNameText(node.argumentExpression);
  if (name === undefined) return undefined;
  const owner = unwrapExpression(node.expression).getText();
  return /^(process\.env|import\.meta\.env|Bun\.env|globalThis\.process\.env)$/.test(owner) ? name : undefined;
}

/** `config.get('JWT_SECRET')` / `configService.getOrThrow<string>('X')` / `Deno.env.get('X')`: the key read. */
export function configReadName(expression: ts.Expression): string | undefined {
  const node = unwrapExpression(expression);
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return undefined;
  if (!/^(get|getOrThrow|getString)$/.test(node.expression.name.text)) return undefined;
  const owner = node.expression.expression.getText();
  const key = node.arguments[0];
  if (!key || !ts.isStringLiteralLike(key) || !/(config|env)\w*$/i.test(owner)) return undefined;
  return key.text;
}

/**
 * The environment variable or config key a literal stands in for when unset (`process.env.X ?? '…'`,
 * `config.get('X', '…')`, `const { X = '…' } = process.env`), and the range that removing the default deletes.
 */
export function fallbackOf(literal: ts.Expression): { envName: string; removal: { start: number; end: number } } | undefined {
  let node: ts.Node = literal;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isBinaryExpression(parent) && parent.right === node) {
    const operator = parent.operatorToken.kind;
    if (operator !== ts.SyntaxKind.QuestionQuestionToken && operator !== ts.SyntaxKind.BarBarToken) return undefined;
    const envName = envReadName(parent.left) ?? configReadName(parent.left);
    return envName === undefined ? undefined : { envName, removal: { start: parent.left.getEnd(), end: parent.getEnd() } };
  }
  if (ts.isCallExpression(parent) && parent.arguments[1] === node) {
    const envName = configReadName(parent);
    return envName === undefined ? undefined : { envName, removal: { start: parent.arguments[0].getEnd(), end: node.getEnd() } };
  }
  if (ts.isBindingElement(parent) && parent.initializer === node && ts.isObjectBindingPattern(parent.parent)) {
    const declaration = parent.parent.parent;
    const source = ts.isVariableDeclaration(declaration) && declaration.initializer ? unwrapExpression(declaration.initializer).getText() : '';
    if (!/^(process\.env|import\.meta\.env|Bun\.env)$/.test(source)) return undefined;
    const envName = propertyNameText(parent.propertyName ?? (ts.isIdentifier(parent.name) ? parent.name : undefined));
    return envName === undefined ? undefined : { envName, removal: { start: parent.name.getEnd(), end: node.getEnd() } };
  }
  return undefined;
}

/** Where a literal value lands: the name it is stored under and the name of what holds that (for `db: { password }`). */
export interface LiteralSlot {
  name?: string;
  owner?: string;
  call?: ts.CallExpression | ts.NewExpression;
  argument?: number;
  /** The object literal the value is a property of. */
  object?: ts.ObjectLiteralExpression;
}

export function slotOf(literal: ts.Expression): LiteralSlot {
  let node: ts.Node = literal;
  for (;;) {
    const parent = node.parent;
    if (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent) || ts.isArrayLiteralExpression(parent)) node = parent;
    else if (ts.isConditionalExpression(parent) && parent.condition !== node) node = parent;
    else if (ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind !== ts.SyntaxKind.EqualsToken) node = parent;
    else break;
  }
  const parent = node.parent;
  if (ts.isPropertyAssignment(parent) && parent.initializer === node) {
    const object = parent.parent;
    const call = callSlot(object);
    // `new Redis({ host })`: the constructor names what the options configure.
    const ctor = call.call && ts.isNewExpression(call.call) ? call.call.expression.getText().split('.').pop() : undefined;
    return { name: propertyNameText(parent.name), owner: slotOf(object).name ?? ctor, object, ...call };
  }
  if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isPropertyDeclaration(parent) || ts.isBindingElement(parent)) && parent.initializer === node) {
    const name = parent.name;
    return { name: ts.isObjectBindingPattern(name) || ts.isArrayBindingPattern(name) ? undefined : propertyNameText(name) };
  }
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === node) {
    const left = parent.left;
    if (ts.isIdentifier(left)) return { name: left.text };
    if (ts.isPropertyAccessExpression(left)) {
      const owner = left.expression;
      return { name: left.name.text, owner: ts.isPropertyAccessExpression(owner) ? owner.name.text : ts.isIdentifier(owner) ? owner.text : undefined };
    }
    if (ts.isElementAccessExpression(left)) return { name: propertyNameText(left.argumentExpression) };
  }
  if (ts.isJsxAttribute(parent)) return { name: parent.name.getText() };
  if (ts.isEnumMember(parent)) return { name: propertyNameText(parent.name) };
  return callSlot(node);
}

function callSlot(node: ts.Node): LiteralSlot {
  const parent = node.parent;
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(node as ts.Expression)) {
    return { call: parent, argument: parent.arguments.indexOf(node as ts.Expression) };
  }
  return {};
}

/** A literal that is code rather than data: a property key, a literal type, a module specifier. */
export function isNotAValue(literal: ts.Node): boolean {
  const parent = literal.parent;
  return (
    ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent) || ts.isEnumMember(parent) || ts.isPropertySignature(parent)) &&
      parent.name === literal) ||
    ts.isLiteralTypeNode(parent) ||
    ts.isImportDeclaration(parent) ||
    ts.isExportDeclaration(parent) ||
    ts.isExternalModuleReference(parent) ||
    ts.isModuleDeclaration(parent) ||
    ts.isImportTypeNode(parent) ||
    ts.isElementAccessExpression(parent)
  );
}

/** The replacement text that reads the value from the environment, fitting where the literal stands. */
export function envReadText(literal: ts.Node, env: string): string {
  return ts.isJsxAttribute(literal.parent) ? `{process.env.${env}}` : `process.env.${env}`;
}

/** Text to place between backticks: backslashes, backticks and `${` escaped. */
export function escapeTemplateText(text: string): string {
  return text.replace(/[\\`]/g, (c) => `\\${c}`).replace(/\$\{/g, '\\${');
}
