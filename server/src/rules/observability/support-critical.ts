import ts = require('typescript');
import type { FileSettings } from '../../engine/types';
import { calleeName, qualifiedName, unwrapExpression, type Origin, type ValueResolver } from '../../engine/values';
import { stripeCall } from '../idempotency/support';
import { localFunction } from '../idempotency/support-retry';
import { knowledge } from './support-knowledge';

export interface CriticalOperation {
  /** Where the finding sits: the callee (`stripe.refunds.create`) or the request class of a `new`. */
  anchor: ts.Node;
  /** The callee as written, for messages and log lines. */
  label: string;
  /** For a project function matched by name: its name, whose declarations elsewhere may record (see facts-critical-functions). */
  projectFunction?: string;
}

/** How deep same-file functions are followed to see whether they do the critical work themselves. */
const MAX_DEPTH = 3;

/** Last segments of every catalogued SDK method: a cheap gate before resolving origins. */
const SDK_METHOD_NAMES = new Set(
  [...knowledge.stripeMethods, ...knowledge.stripeCancellations.methods, ...knowledge.sdkMethods.flatMap((sdk) => [...sdk.methods])].map((m) => m.split('.').pop()!),
);

/** Receivers of catalogued SDK methods (`refunds` of `refunds.create`), PayPal request classes: words a file must hold. */
const SDK_WORDS = [
  ...[...knowledge.stripeMethods, ...knowledge.stripeCancellations.methods, ...knowledge.sdkMethods.flatMap((sdk) => [...sdk.methods])].map((m) => m.split('.').slice(-2, -1)[0]),
  ...[...knowledge.requestConstructors].map((c) => c.split('.').pop()!),
];
const NAME_SOURCE = knowledge.criticalFunctionName.source.replace(/^\^/, '').replace(/\$$/, '');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const prefilters = new Map<string, RegExp>();

/**
 * The text test of the critical-operation rule and its collector: an SDK receiver, a critical
 * function name, or a name from `metrics.criticalOperations`. One RegExp per configured list.
 */
export function criticalPrefilter(settings: Pick<FileSettings, 'criticalOperations'>): RegExp {
  const key = settings.criticalOperations.join('\n');
  let found = prefilters.get(key);
  if (!found) {
    const configured = settings.criticalOperations.map((entry) => escape(entry.split('.').pop()!));
    found = new RegExp(`\\b(?:${[...new Set(SDK_WORDS)].map(escape).join('|')}|${NAME_SOURCE}${configured.map((c) => `|${c}`).join('')})\\b`);
    prefilters.set(key, found);
  }
  return found;
}

/**
 * The critical operation a call or `new` performs: a catalogued payment-SDK method (Stripe through
 * the idempotency rules' client recognition, Braintree, Square), a PayPal request object, or a
 * project function named for one (`chargeCustomer`, `deleteAccount`) or listed in
 * `metrics.criticalOperations`. A project function of the same file that itself performs a critical
 * operation is judged in its own body, not at the call (one finding per gap).
 */
export function criticalOperation(node: ts.CallExpression | ts.NewExpression, settings: FileSettings, values: ValueResolver, depth = 0): CriticalOperation | undefined {
  const callee = unwrapExpression(node.expression);
  // The callee's text is built only for a call that may be critical: most calls stop at their name.
  const labelOf = () => callee.getText().replace(/\s+/g, '');
  if (ts.isNewExpression(node)) {
    const name = qualifiedName(values.origin(callee));
    return name && knowledge.requestConstructors.has(name) ? { anchor: callee, label: labelOf() } : undefined;
  }
  const name = calleeName(callee);
  if (!name) return undefined;
  if (SDK_METHOD_NAMES.has(name) && isSdkOperation(node, values)) return { anchor: callee, label: labelOf() };
  if (!knowledge.criticalFunctionName.test(name) && settings.criticalOperations.length === 0) return undefined;
  const label = labelOf();
  if (!isCriticalFunctionName(name, label, settings)) return undefined;
  const local = localFunction(callee, values);
  if (local?.body && depth < MAX_DEPTH && containsCriticalOperation(local.body, settings, values, depth + 1)) return undefined;
  return { anchor: callee, label, projectFunction: name };
}

/** `chargeCustomer`, `deleteAccount` (the catalogue's name pattern) or a `metrics.criticalOperations` entry. */
export function isCriticalFunctionName(name: string, label: string, settings: FileSettings): boolean {
  return knowledge.criticalFunctionName.test(name) || isConfigured(name, label, settings);
}

function isSdkOperation(call: ts.CallExpression, values: ValueResolver): boolean {
  const stripe = stripeCall(call, values);
  if (stripe && knowledge.stripeCancellations.methods.has(stripe.method)) {
    // `cancel_at_period_end: false` takes a cancellation back.
    const key = values.lookupProperty(call.arguments[1], knowledge.stripeCancellations.keys);
    return key.status === 'present' && !!key.value && key.value.kind !== ts.SyntaxKind.FalseKeyword && key.value.kind !== ts.SyntaxKind.NullKeyword;
  }
  if (stripe) return knowledge.stripeMethods.has(stripe.method);
  const sdk = sdkMethod(values.origin(call.expression));
  return !!sdk && knowledge.sdkMethods.some((entry) => entry.modules.has(sdk.module) && entry.methods.has(sdk.method));
}

/** `gateway.transaction.sale` on `new braintree.BraintreeGateway(…)` → braintree, `transaction.sale`. */
function sdkMethod(origin: Origin): { module: string; method: string } | undefined {
  const base = origin.base;
  const client = base.kind === 'new' ? base.ctor : base.kind === 'call' ? base.callee : base.kind === 'typed' ? base.type : undefined;
  if (!client || client.base.kind !== 'module' || origin.path.length < 2) return undefined;
  return { module: client.base.module, method: origin.path.join('.') };
}

/** `metrics.criticalOperations` entries: a function name (`chargeCustomer`) or a dotted callee (`billing.charge`). */
function isConfigured(name: string, label: string, settings: FileSettings): boolean {
  const written = label.replace(/^this\./, '');
  return settings.criticalOperations.some((entry) => entry === name || entry === written || written.endsWith(`.${entry}`));
}

function containsCriticalOperation(body: ts.Node, settings: FileSettings, values: ValueResolver, depth: number): boolean {
  let found = false;
  const walk = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) found = !!criticalOperation(node, settings, values, depth);
    if (!found) ts.forEachChild(node, walk);
  };
  walk(body);
  return found;
}
