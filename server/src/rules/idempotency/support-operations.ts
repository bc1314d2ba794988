import ts = require('typescript');
import { qualifiedName, unwrapExpression, type ValueResolver } from '../../engine/values';
import { idempotencyKnowledge as knowledge } from '../../knowledge/idempotency';
import { httpKey, httpWrite, isPaymentUrl, stripeCall, stripeKey, type KeyStatus } from './support';
import { localFunction } from './support-retry';

/**
 * Side effects that happen again when repeated. `stripe-money` and `payment-post` without a key are
 * the findings of their own rules; the retry rules leave those to them.
 */
export type OperationKind = 'stripe-money' | 'payment-post' | 'stripe-create' | 'http-write' | 'db-insert' | 'message';

export interface Operation {
  node: ts.Node;
  kind: OperationKind;
  /** The callee as written, for messages. */
  label: string;
  key: KeyStatus;
}

const ops = knowledge.operations;
const PRISMA_CLIENTS = ops.prismaClientNames.map((p) => new RegExp(p, 'i'));
const SQL_METHODS = new Set(ops.sqlCallMethods);
const INSERT_SQL = /^\s*insert\s/i;
const IDEMPOTENT_SQL = /on\s+conflict|on\s+duplicate\s+key|insert\s+ignore|insert\s+or\s+(ignore|replace)/i;
const MAX_FOLLOW_DEPTH = 3;

/** The non-idempotent operation a call performs, if it is one. */
export function classifyOperation(node: ts.Node, values: ValueResolver): Operation | undefined {
  if (ts.isTaggedTemplateExpression(node)) return sqlTemplate(node);
  if (!ts.isCallExpression(node)) return undefined;
  const label = node.expression.getText();
  const stripe = stripeCall(node, values);
  if (stripe) {
    const last = stripe.method.split('.').pop()!;
    if (!stripe.money && !last.startsWith('create')) return undefined;
    return { node, kind: stripe.money ? 'stripe-money' : 'stripe-create', label, key: stripeKey(stripe, values) };
  }
  const write = httpWrite(node, values);
  if (write) {
    const kind = write.method === 'POST' && isPaymentUrl(write.url) ? 'payment-post' : 'http-write';
    return { node, kind, label, key: httpKey(write, values) };
  }
  if (isDbInsert(node, values)) return { node, kind: 'db-insert', label, key: insertKey(node, values) };
  if (isMessageSend(node, values)) return { node, kind: 'message', label, key: argumentKey(node, values) };
  return undefined;
}

function calleeName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  return ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
}

function isDbInsert(call: ts.CallExpression, values: ValueResolver): boolean {
  const name = calleeName(call);
  if (name === undefined) return false;
  const callee = call.expression;
  if (ops.prismaCreateMethods.includes(name) && ts.isPropertyAccessExpression(callee) && ts.isPropertyAccessExpression(callee.expression)) {
    const client = callee.expression.expression;
    const clientName = ts.isPropertyAccessExpression(client) ? client.name.text : ts.isIdentifier(client) ? client.text : '';
    const origin = values.origin(client);
    const typed = (origin.base.kind === 'typed' && /Prisma/.test(origin.base.typeName)) || (origin.base.kind === 'new' && /PrismaClient/.test(qualifiedName(origin.base.ctor) ?? ''));
    if (typed || PRISMA_CLIENTS.some((p) => p.test(clientName))) return true;
  }
  if (ops.dbInsertMethods.includes(name) && ts.isPropertyAccessExpression(callee)) return !hasSafeChain(call);
  if (SQL_METHODS.has(name)) {
    const first = call.arguments[0] && unwrapExpression(call.arguments[0]);
    const text = first && (ts.isTaggedTemplateExpression(first) ? templateText(first.template) : templateText(first));
    return text !== undefined && INSERT_SQL.test(text) && !IDEMPOTENT_SQL.test(text);
  }
  return false;
}

/**
 * A Prisma create that sets its own `id` fails on a second run instead of duplicating the row: the id
 * is its key (it stays the same only if it was made before the retry, which isFreshKey checks).
 */
function insertKey(call: ts.CallExpression, values: ValueResolver): KeyStatus {
  const data = values.lookupProperty(call.arguments[0], ['data']);
  const id = data.status === 'present' ? values.lookupProperty(data.value, ['id']) : data;
  return id.status === 'present' ? { status: 'present', value: id.value } : { status: 'absent' };
}

/** `insert(…).onConflict(…).ignore()`, `.orIgnore()`: an insert that tolerates running twice. */
function hasSafeChain(call: ts.CallExpression): boolean {
  for (let node: ts.Node = call; ts.isPropertyAccessExpression(node.parent) && ts.isCallExpression(node.parent.parent); node = node.parent.parent) {
    if (ops.dbInsertSafeChains.includes(node.parent.name.text)) return true;
  }
  return false;
}

function sqlTemplate(node: ts.TaggedTemplateExpression): Operation | undefined {
  const tag = node.tag;
  const tagName = ts.isIdentifier(tag) ? tag.text : ts.isPropertyAccessExpression(tag) ? tag.name.text : '';
  if (!/^sql$/i.test(tagName) && !SQL_METHODS.has(tagName)) return undefined;
  // `db.query(sql\`…\`)` is classified at the call.
  if (ts.isCallExpression(node.parent)) return undefined;
  const text = templateText(node.template);
  if (text === undefined || !INSERT_SQL.test(text) || IDEMPOTENT_SQL.test(text)) return undefined;
  return { node, kind: 'db-insert', label: tag.getText(), key: { status: 'absent' } };
}

function templateText(node: ts.Node): string | undefined {
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => ` ? ${s.literal.text}`).join('');
  return undefined;
}

const MESSAGE_COMMANDS = new Set(ops.messageCommands);

function isMessageSend(call: ts.CallExpression, values: ValueResolver): boolean {
  const name = calleeName(call);
  if (name === undefined) return false;
  if (ops.messageMethods.includes(name)) return true;
  const text = call.expression.getText().replace(/^this\./, '');
  if (ops.messageChains.some((chain) => text === chain || text.endsWith(`.${chain}`))) return true;
  const qualified = qualifiedName(values.origin(call.expression));
  if (qualified !== undefined && ops.messageModules.includes(qualified)) return true;
  // AWS SDK v3: `client.send(new SendEmailCommand(input))`.
  const first = call.arguments[0] && unwrapExpression(call.arguments[0]);
  return name === 'send' && !!first && ts.isNewExpression(first) && ts.isIdentifier(first.expression) && MESSAGE_COMMANDS.has(first.expression.text);
}

/** A key property in any argument (or the input of an AWS command). Providers without keys: absent. */
function argumentKey(call: ts.CallExpression, values: ValueResolver): KeyStatus {
  for (const argument of call.arguments) {
    const node = unwrapExpression(argument);
    const target = ts.isNewExpression(node) ? node.arguments?.[0] : node;
    const found = values.lookupProperty(target, ops.keyProperties);
    if (found.status === 'present') return { status: 'present', value: found.value };
  }
  return { status: 'absent' };
}

/**
 * Every operation that runs when `roots` run: their calls, and the bodies of functions and methods of
 * this file that they call (a few levels deep). `excluded` parts are skipped.
 */
export function operationsIn(roots: readonly ts.Node[], excluded: readonly ts.Node[], values: ValueResolver): { operations: Operation[]; scanned: ts.Node[] } {
  const operations: Operation[] = [];
  const scanned: ts.Node[] = [];
  const visit = (node: ts.Node, depth: number): void => {
    if (excluded.includes(node)) return;
    const operation = classifyOperation(node, values);
    if (operation) operations.push(operation);
    else if (ts.isCallExpression(node) && depth < MAX_FOLLOW_DEPTH) {
      const target = localFunction(node.expression, values);
      if (target?.body && !scanned.includes(target)) {
        scanned.push(target);
        visit(target.body, depth + 1);
      }
    }
    ts.forEachChild(node, (child) => {
      // A function that is not handed to a call (a returned callback, an object's method) doesn't run here.
      if (!ts.isFunctionLike(child) || ts.isCallExpression(node) || ts.isNewExpression(node)) visit(child, depth);
    });
  };
  for (const root of roots) {
    scanned.push(root);
    visit(root, 0);
  }
  return { operations, scanned };
}

const FRESH_CALLS = new Set(knowledge.retry.freshKeyCalls);

/** A key made anew where it is evaluated (`randomUUID()`, `` `pay-${Date.now()}` ``), following local consts and lets declared inside `scopes`. */
export function isFreshKey(value: ts.Expression | undefined, values: ValueResolver, scopes: readonly ts.Node[], depth = 0): boolean {
  if (!value || depth > 4) return false;
  const node = unwrapExpression(value);
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    const last = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
    if (FRESH_CALLS.has(callee.getText()) || (last !== undefined && FRESH_CALLS.has(last))) return true;
    // `randomBytes(16).toString('hex')`
    return ts.isPropertyAccessExpression(callee) && isFreshKey(callee.expression, values, scopes, depth + 1);
  }
  if (ts.isTemplateExpression(node)) return node.templateSpans.some((span) => isFreshKey(span.expression, values, scopes, depth + 1));
  if (ts.isBinaryExpression(node)) return isFreshKey(node.left, values, scopes, depth + 1) || isFreshKey(node.right, values, scopes, depth + 1);
  if (ts.isIdentifier(node)) {
    const declaration = values.scopes.resolve(node);
    if (declaration?.kind !== 'variable' || !declaration.init || declaration.path.length) return false;
    const inside = scopes.some((scope) => scope.pos <= declaration.node.pos && declaration.node.end <= scope.end);
    return inside && isFreshKey(declaration.init, values, scopes, depth + 1);
  }
  return false;
}
