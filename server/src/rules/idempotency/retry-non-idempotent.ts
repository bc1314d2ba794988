import ts = require('typescript');
import type { Fix, RuleContext, RuleModule, TextEdit } from '../../engine/types';
import { formatMessage } from '../../engine/messages';
import { unwrapExpression } from '../../engine/values';
import { addOptionEdit, indentOf, replaceNode } from '../../fixes/edits';
import { httpWrite, keyHeaderFor, stripeCall, type HttpWrite } from './support';
import { headerEdit, keyProperty, planKey } from './support-fixes';
import { isFreshKey, operationsIn, type Operation } from './support-operations';
import { retryCall, retryLoop, type RetryConstruct } from './support-retry';
import { axiosRetryGap } from './support-axios-retry';

const rule: RuleModule = {
  meta: {
    id: 'idempotency/retry-non-idempotent',
    category: 'idempotency',
    layer: 'constraints',
    description: 'A retry (p-retry, async-retry, a `withRetry` helper, a retry loop, axios-retry) repeats a side effect — a POST, a create, a DB insert, an email — that has no idempotency key, or whose key is made anew on each attempt.',
    why: 'An attempt can fail after its side effect happened (the response timed out, a later step threw); the retry then does it again: a second row, a second email, a second order at the provider.',
    howToFix: 'Create the idempotency key once, before the retry, and pass the same key on every attempt; for inserts use an upsert or a unique constraint.',
    messages: {
      missingKey: '`{{retry}}` retries `{{operation}}`, which has no idempotency key: an attempt that failed after it took effect repeats it.',
      freshKey: '`{{retry}}` retries `{{operation}}` with a key made anew on each attempt (`{{key}}`): every attempt looks like a new request.',
      retriesPost: '`{{retry}}` retries POST requests ({{condition}}) and `{{operation}}` sends one without an idempotency key: a request that reached the server before the connection broke runs twice.',
      addOnceKey: 'Pass an idempotency key created once, before the retry',
      addBusinessKey: 'Pass an idempotency key derived from `{{id}}`',
      hoistKey: 'Create the key once, before the retry',
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.ForStatement, ts.SyntaxKind.WhileStatement, ts.SyntaxKind.DoStatement],
  prefilter: /[Rr]etr|RETR|[Aa]ttempt|ATTEMPT|[Bb]ack[Oo]ff|tries|TRIES|catch/,
  create(context) {
    const check = (construct: RetryConstruct | undefined) => construct && checkConstruct(construct, context);
    return {
      [ts.SyntaxKind.CallExpression]: (node) => {
        const call = node as ts.CallExpression;
        check(retryCall(call, context.values));
        const gap = axiosRetryGap(call, context.values, context.file.sourceFile);
        if (gap) context.report({ node: call.expression, messageId: 'retriesPost', data: { retry: call.expression.getText(), condition: gap.condition, operation: gap.operation } });
      },
      [ts.SyntaxKind.ForStatement]: (node) => check(retryLoop(node as ts.ForStatement)),
      [ts.SyntaxKind.WhileStatement]: (node) => check(retryLoop(node as ts.WhileStatement)),
      [ts.SyntaxKind.DoStatement]: (node) => check(retryLoop(node as ts.DoStatement)),
    };
  },
};

/** Findings of these rules are theirs: the retry does not report the same missing key again. */
const OWNERS: Partial<Record<Operation['kind'], string>> = {
  'stripe-money': 'idempotency/stripe-create-without-key',
  'payment-post': 'idempotency/payment-post-without-key',
};

function checkConstruct(construct: RetryConstruct, context: RuleContext): void {
  const { values } = context;
  const { operations, scanned } = operationsIn(construct.regions, construct.excluded, values);
  for (const operation of operations) {
    const key = operation.key;
    const data = { retry: construct.name, operation: operation.label };
    if (key.status === 'present' && isFreshKey(key.value, values, scanned)) {
      context.report({ range: construct.range, messageId: 'freshKey', data: { ...data, key: key.value!.getText() }, fixes: hoistFix(construct, key.value!, context) });
      return;
    }
    if (key.status !== 'absent' || isOwned(operation, context) || insideTransaction(operation.node, construct)) continue;
    context.report({ range: construct.range, messageId: 'missingKey', data, fixes: lexicallyInside(operation.node, construct) ? keyFix(operation, context) : [] });
    return;
  }
}

function isOwned(operation: Operation, context: RuleContext): boolean {
  const owner = OWNERS[operation.kind];
  return owner !== undefined && context.settings.ruleSeverity[owner] !== 'off';
}

/** An insert inside a DB transaction that the retry re-runs: a failed attempt rolled back. */
function insideTransaction(node: ts.Node, construct: RetryConstruct): boolean {
  if (!ts.isCallExpression(node) && !ts.isTaggedTemplateExpression(node)) return false;
  for (let current = node.parent; current && current !== construct.node; current = current.parent) {
    if (ts.isCallExpression(current) && /transaction$/i.test(current.expression.getText())) return true;
  }
  return false;
}

function lexicallyInside(node: ts.Node, construct: RetryConstruct): boolean {
  return construct.regions.some((region) => region.pos <= node.pos && node.end <= region.end);
}

/** Stripe creates and HTTP writes take a key; inserts and emails need a design change, not a quick fix. */
function keyFix(operation: Operation, context: RuleContext): Fix[] {
  const { values, file } = context;
  const call = operation.node as ts.CallExpression;
  const stripe = stripeCall(call, values);
  const write: HttpWrite | undefined = stripe ? undefined : httpWrite(call, values);
  if (!stripe && !write) return [];
  const plan = planKey(call, stripe ? stripe.method.split('.')[0] : 'request', values);
  if (!plan) return [];
  const edit = stripe
    ? addOptionEdit(call, stripe.money?.optionsArg ?? 1, keyProperty('idempotencyKey', plan.expression), file.sourceFile)
    : headerEdit(write!, keyHeaderFor(write!.url), plan.expression, file.sourceFile);
  if (!edit) return [];
  const messages = rule.meta.messages;
  const title = plan.source === 'business' ? formatMessage(messages.addBusinessKey, { id: plan.from! }) : messages.addOnceKey;
  return [{ title, kind: 'suggestion', edits: [...plan.edits, edit] }];
}

/**
 * Moves a fresh key out of the attempts: an inline `randomUUID()` becomes a const declared before the
 * retry; a const declared inside the attempt moves there. Only when it uses nothing of the attempt.
 */
function hoistFix(construct: RetryConstruct, value: ts.Expression, context: RuleContext): Fix[] {
  const sourceFile = context.file.sourceFile;
  const anchor = statementBefore(construct.node);
  if (!anchor) return [];
  const indent = indentOf(anchor, sourceFile);
  const node = unwrapExpression(value);
  const edits: TextEdit[] = [];
  if (ts.isIdentifier(node)) {
    const declaration = context.values.scopes.resolve(node);
    const statement = declaration?.kind === 'variable' ? declaration.node.parent.parent : undefined;
    if (!statement || !ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1) return [];
    if (usesInnerNames(statement.declarationList.declarations[0].initializer!, construct, context)) return [];
    edits.push({ start: anchor.getStart(), end: anchor.getStart(), newText: `${statement.getText(sourceFile)}\n${indent}` });
    edits.push({ start: statement.getFullStart(), end: statement.getEnd(), newText: '' });
  } else {
    if (usesInnerNames(node, construct, context) || context.values.scopes.lookup('idempotencyKey', anchor)) return [];
    edits.push({ start: anchor.getStart(), end: anchor.getStart(), newText: `const idempotencyKey = ${node.getText(sourceFile)};\n${indent}` });
    edits.push(replaceNode(value, 'idempotencyKey', sourceFile));
  }
  return [{ title: rule.meta.messages.hoistKey, kind: 'suggestion', edits }];
}

function statementBefore(node: ts.Node): ts.Statement | undefined {
  for (let current: ts.Node = node; current.parent; current = current.parent) {
    if (ts.isFunctionLike(current)) return undefined;
    const parent = current.parent;
    if (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent)) return current as ts.Statement;
  }
  return undefined;
}

/** Whether an expression reads a name declared inside the retried code (which doesn't exist before it). */
function usesInnerNames(expression: ts.Expression, construct: RetryConstruct, context: RuleContext): boolean {
  let inner = false;
  const visit = (node: ts.Node): void => {
    if (inner) return;
    if (ts.isIdentifier(node) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) {
      const declaration = context.values.scopes.resolve(node);
      const at = declaration?.node;
      if (at && construct.node.pos <= at.pos && at.end <= construct.node.end) inner = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(expression);
  return inner;
}

export default rule;
