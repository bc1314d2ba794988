import ts = require('typescript');
import { creatorOf, propertyNameText, qualifiedName, unwrapExpression, type Origin, type ValueResolver } from '../../engine/values';
import { idempotencyKnowledge as knowledge } from '../../knowledge/idempotency';

/** Whether a call carries an idempotency key: none, one, or options the file doesn't show. */
export type KeyStatus = { status: 'absent' } | { status: 'present'; value?: ts.Expression } | { status: 'unknown' };

export interface StripeCall {
  call: ts.CallExpression;
  /** `paymentIntents.create` */
  method: string;
  money?: { optionsArg: number; keyPrefix: string };
}

const MONEY = new Map(knowledge.stripe.moneyMethods.map((m) => [m.method, m]));
const STRIPE_MODULES = new Set(knowledge.stripe.modules);

/**
 * A call on a Stripe client: `new Stripe(key)`, `require('stripe')(key)`, a value typed `Stripe`
 * (Nest injection, typed parameter) or a client imported from a project module named like one.
 */
export function stripeCall(call: ts.CallExpression, values: ValueResolver): StripeCall | undefined {
  if (!ts.isPropertyAccessExpression(call.expression)) return undefined;
  const origin = values.origin(call.expression);
  const clientPath = stripeClientPath(origin);
  if (!clientPath || clientPath.length < 2) return undefined;
  const method = clientPath.join('.');
  const money = MONEY.get(method);
  return { call, method, money: money && { optionsArg: money.optionsArg, keyPrefix: money.keyPrefix } };
}

function stripeClientPath(origin: Origin): string[] | undefined {
  const base = origin.base;
  const isStripeModule = (o: Origin) => o.base.kind === 'module' && STRIPE_MODULES.has(o.base.module) && o.path.every((p) => p === 'Stripe');
  if (base.kind === 'new' && isStripeModule(base.ctor)) return origin.path;
  if (base.kind === 'call' && isStripeModule(base.callee)) return origin.path;
  if (base.kind === 'typed' && base.typeName === 'Stripe' && (isStripeModule(base.type) || base.type.base.kind === 'global')) return origin.path;
  // `import { stripe } from '@/lib/stripe'`: a project module's client, recognised by its name.
  if (base.kind === 'module' && /^[.@~#]/.test(base.module) && /stripe/i.test(origin.path[0] ?? '') && !STRIPE_MODULES.has(base.module)) {
    return origin.path.slice(1);
  }
  return undefined;
}

/** `idempotencyKey` in the request options of a Stripe call (any argument after the params). */
export function stripeKey(stripe: StripeCall, values: ValueResolver): KeyStatus {
  const args = stripe.call.arguments;
  const first = stripe.money ? stripe.money.optionsArg - 1 : 0;
  let unknown = false;
  for (let i = first; i < args.length; i++) {
    const found = values.lookupProperty(args[i], [knowledge.stripe.keyOption]);
    if (found.status === 'present') return { status: 'present', value: found.value };
    // The params argument may well be a variable; only unseen options make the key unknown.
    if (found.status === 'unknown' && i >= (stripe.money?.optionsArg ?? 1)) unknown = true;
  }
  return unknown ? { status: 'unknown' } : { status: 'absent' };
}

export interface HttpWrite {
  call: ts.CallExpression;
  /** Upper-case method: POST or PATCH. */
  method: string;
  /** The URL's static text, template holes as `{}` (the instance's baseURL first). */
  url: string | undefined;
  /** The object that carries `headers` (an init or axios config), or where one would go. */
  options: { index: number; lookup: ReturnType<ValueResolver['lookupProperty']> };
  body: ts.Expression | undefined;
}

const FETCH = new Set(['fetch', 'globalThis.fetch', 'node-fetch', 'cross-fetch', 'undici.fetch', 'undici.request']);
const WRITE_METHODS = new Set(knowledge.http.writeMethods);

/**
 * A POST or PATCH through fetch, axios (module, instance or Nest HttpService), got or ky. Undefined when
 * the call is not one or its method can't be told.
 */
export function httpWrite(call: ts.CallExpression, values: ValueResolver): HttpWrite | undefined {
  const origin = values.origin(call.expression);
  const name = qualifiedName(origin);
  const args = call.arguments;
  if (name && FETCH.has(name)) {
    const init = values.lookupProperty(args[1], ['method']);
    const method = init.status === 'present' ? literalText(init.value, values)?.toLowerCase() : undefined;
    if (!method || !WRITE_METHODS.has(method)) return undefined;
    return { call, method: method.toUpperCase(), url: urlText(args[0], values), options: { index: 1, lookup: values.lookupProperty(args[1], ['headers']) }, body: propertyValue(args[1], 'body', values) };
  }
  const client = httpClientOf(origin);
  if (!client) return undefined;
  const verb = origin.path[origin.path.length - 1];
  if (client.style === 'axios' && verb !== undefined && WRITE_METHODS.has(verb) && origin.path.length === client.depth + 1) {
    const url = joinUrl(client.baseUrl, urlText(args[0], values));
    return { call, method: verb.toUpperCase(), url, options: { index: 2, lookup: values.lookupProperty(args[2], ['headers']) }, body: args[1] };
  }
  // `axios(config)`, `axios(url, config)`, `client.request(config)`: method and URL in the config.
  if (client.style === 'axios' && (origin.path.length === client.depth || (verb === 'request' && origin.path.length === client.depth + 1))) {
    const configIndex = args[0] && ts.isObjectLiteralExpression(unwrapExpression(args[0])) ? 0 : 1;
    const method = literalText(propertyValue(args[configIndex], 'method', values), values)?.toLowerCase();
    if (!method || !WRITE_METHODS.has(method)) return undefined;
    const url = joinUrl(client.baseUrl, urlText(configIndex === 0 ? propertyValue(args[0], 'url', values) : args[0], values));
    return { call, method: method.toUpperCase(), url, options: { index: configIndex, lookup: values.lookupProperty(args[configIndex], ['headers']) }, body: propertyValue(args[configIndex], 'data', values) };
  }
  if (client.style === 'options' && verb !== undefined && WRITE_METHODS.has(verb) && origin.path.length === client.depth + 1) {
    const url = joinUrl(client.baseUrl, urlText(args[0], values));
    return { call, method: verb.toUpperCase(), url, options: { index: 1, lookup: values.lookupProperty(args[1], ['headers']) }, body: propertyValue(args[1], 'json', values) ?? propertyValue(args[1], 'body', values) };
  }
  return undefined;
}

interface HttpClient {
  style: 'axios' | 'options';
  /** Path length of the client itself: 0 for `axios`, 1 for `this.httpService` typed HttpService… */
  depth: number;
  baseUrl?: string;
}

function httpClientOf(origin: Origin): HttpClient | undefined {
  const base = origin.base;
  if (base.kind === 'module' && base.module === 'axios') return { style: 'axios', depth: 0 };
  if (base.kind === 'module' && (base.module === 'got' || base.module === 'ky')) return { style: 'options', depth: 0 };
  if (base.kind === 'typed' && base.typeName === 'HttpService') return { style: 'axios', depth: 0 };
  if (base.kind === 'typed' && base.typeName === 'AxiosInstance') return { style: 'axios', depth: 0 };
  const creator = creatorOf(origin);
  if (!creator) return undefined;
  const config = (creator.node.arguments ?? [])[0];
  const baseUrl = (name: string) => (config ? propertyText(config, name) : undefined);
  if (creator.name === 'axios.create') return { style: 'axios', depth: 0, baseUrl: baseUrl('baseURL') };
  if (creator.name === 'got.extend' || creator.name === 'ky.create' || creator.name === 'ky.extend') {
    return { style: 'options', depth: 0, baseUrl: baseUrl('prefixUrl') };
  }
  return undefined;
}

function propertyText(object: ts.Expression, name: string): string | undefined {
  const inner = unwrapExpression(object);
  if (!ts.isObjectLiteralExpression(inner)) return undefined;
  for (const element of inner.properties) {
    if (ts.isPropertyAssignment(element) && propertyNameText(element.name) === name) return templateText(element.initializer);
  }
  return undefined;
}

function propertyValue(expression: ts.Expression | undefined, name: string, values: ValueResolver): ts.Expression | undefined {
  const found = values.lookupProperty(expression, [name]);
  return found.status === 'present' ? found.value : undefined;
}

function joinUrl(base: string | undefined, path: string | undefined): string | undefined {
  if (base === undefined) return path;
  return `${base}${path ?? ''}`;
}

/** A literal's text, following a `const`. */
export function literalText(expression: ts.Expression | undefined, values: ValueResolver): string | undefined {
  if (!expression) return undefined;
  const node = unwrapExpression(expression);
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isIdentifier(node)) {
    const declaration = values.scopes.resolve(node);
    if (declaration?.kind === 'variable' && declaration.isConst && declaration.init && declaration.path.length === 0) return literalText(declaration.init, values);
  }
  return undefined;
}

/** A URL's static text: literals, templates (holes as `{}`), concatenations, consts and `new URL(path, base)`. */
export function urlText(expression: ts.Expression | undefined, values: ValueResolver, depth = 0): string | undefined {
  if (!expression || depth > 6) return undefined;
  const node = unwrapExpression(expression);
  const direct = templateText(node);
  if (direct !== undefined) return direct;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return `${urlText(node.left, values, depth + 1) ?? '{}'}${urlText(node.right, values, depth + 1) ?? '{}'}`;
  }
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'URL' && node.arguments?.length) {
    return `${urlText(node.arguments[1], values, depth + 1) ?? ''}${urlText(node.arguments[0], values, depth + 1) ?? '{}'}`;
  }
  if (ts.isIdentifier(node)) {
    const declaration = values.scopes.resolve(node);
    if (declaration?.kind === 'variable' && declaration.isConst && declaration.init && declaration.path.length === 0) return urlText(declaration.init, values, depth + 1);
  }
  return undefined;
}

function templateText(node: ts.Expression): string | undefined {
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((span) => `{}${span.literal.text}`).join('');
  return undefined;
}

const PAYMENT_PATHS = knowledge.http.paymentPaths.map((p) => new RegExp(p, 'i'));
const NOT_PAYMENT = knowledge.http.notPaymentPaths.map((p) => new RegExp(p, 'i'));

/**
 * A URL whose path names a money-moving resource (`/payments`, `/refunds`…). A provider's host alone
 * is not enough: its OAuth token, analytics and quote endpoints are POSTs that move nothing.
 */
export function isPaymentUrl(url: string | undefined): boolean {
  if (url === undefined) return false;
  return PAYMENT_PATHS.some((path) => path.test(url)) && !NOT_PAYMENT.some((path) => path.test(url));
}

/** The key header this URL's provider expects (`PayPal-Request-Id` for PayPal), else `Idempotency-Key`. */
export function keyHeaderFor(url: string | undefined): string {
  const special = knowledge.http.hostKeyHeaders.find((h) => url !== undefined && new RegExp(h.host, 'i').test(url));
  return special?.header ?? knowledge.http.keyHeaders[0];
}

/** An idempotency header (any accepted spelling, any case) or a key field in the JSON body. */
export function httpKey(write: HttpWrite, values: ValueResolver): KeyStatus {
  const headers = write.options.lookup;
  if (headers.status === 'unknown') return { status: 'unknown' };
  if (headers.status === 'present') {
    const header = values.lookupProperty(headersObject(headers.value) ?? headers.value, knowledge.http.keyHeaders, true);
    if (header.status === 'present') return { status: 'present', value: header.value };
    if (header.status === 'unknown') return { status: 'unknown' };
  }
  const field = write.body && bodyKey(unwrapBody(write.body), values, 0);
  return field ? { status: 'present', value: field } : { status: 'absent' };
}

/** A key field in the JSON body, or one level down (PayPal's `sender_batch_header.sender_batch_id`). */
function bodyKey(body: ts.Expression, values: ValueResolver, depth: number): ts.Expression | undefined {
  const object = values.objectLiteral(body);
  if (!object) return undefined;
  const field = values.lookupProperty(object, knowledge.http.keyBodyFields);
  if (field.status === 'present') return field.value ?? object;
  if (depth > 0) return undefined;
  for (const element of object.properties) {
    const found = ts.isPropertyAssignment(element) && bodyKey(element.initializer, values, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** `new Headers({...})` holds its entries in its first argument. */
function headersObject(value: ts.Expression | undefined): ts.Expression | undefined {
  const node = value && unwrapExpression(value);
  if (node && ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Headers') return node.arguments?.[0];
  return undefined;
}

/** `JSON.stringify({...})` is the object it serializes. */
function unwrapBody(body: ts.Expression): ts.Expression {
  const node = unwrapExpression(body);
  if (ts.isCallExpression(node) && node.expression.getText() === 'JSON.stringify' && node.arguments[0]) return node.arguments[0];
  return node;
}
