import ts = require('typescript');
import type { RuleContext, RuleModule } from '../../engine/types';
import { qualifiedName, unwrapExpression, type Origin, type ValueResolver } from '../../engine/values';
import { idempotencyKnowledge as knowledge } from '../../knowledge/idempotency';
import { literalText } from './support';
import { isFreshKey, operationsIn } from './support-operations';
import { retriedFunction } from './support-retry';

const rule: RuleModule = {
  meta: {
    id: 'idempotency/queue-retry-non-idempotent',
    category: 'idempotency',
    layer: 'constraints',
    description: 'A BullMQ/Bull job is retried (`attempts` > 1) while its processor repeats a side effect without an idempotency key, or the job is an email/notification.',
    why: 'A job attempt can fail after its side effect happened (the email went out, then a later step threw); the queue runs the whole job again and the effect happens twice.',
    howToFix: 'Make the processor idempotent (a key from the job data or `job.id` passed to the provider, a sent-marker checked first), or do not retry the job.',
    messages: {
      processorRepeats: 'This job is retried {{attempts}} times, and its processor runs `{{operation}}` without a stable idempotency key: a retry after it took effect repeats it.',
      sideEffectJob: 'This `{{job}}` job is retried {{attempts}} times: a retry after the message went out sends it again unless the processor checks first.',
    },
    fixable: false,
  },
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression],
  prefilter: /attempts/,
  create(context) {
    return {
      [ts.SyntaxKind.CallExpression]: (node) => checkAdd(node as ts.CallExpression, context),
      [ts.SyntaxKind.NewExpression]: (node) => checkQueue(node as ts.NewExpression, context),
    };
  },
};

const MODULES = new Set(knowledge.queues.modules);
const SIDE_EFFECT_NAMES = knowledge.queues.sideEffectJobNames.map((p) => new RegExp(p, 'i'));

function isQueueModule(origin: Origin, exported: string): boolean {
  return origin.base.kind === 'module' && MODULES.has(origin.base.module) && (origin.path.length === 0 || origin.path[0] === exported);
}

/** `queue.add(name, data, { attempts: 3 })` on a BullMQ/Bull queue. */
function checkAdd(call: ts.CallExpression, context: RuleContext): void {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'add') return;
  const queue = queueName(callee.expression, context.values);
  if (!queue) return;
  const attempts = attemptsOf(call.arguments[2], context.values);
  if (attempts) judge(attempts, queue.name, literalText(call.arguments[0], context.values), context);
}

/** `new Queue(name, { defaultJobOptions: { attempts: 3 } })`. */
function checkQueue(node: ts.NewExpression, context: RuleContext): void {
  if (!isQueueModule(context.values.origin(node.expression), 'Queue')) return;
  const defaults = context.values.lookupProperty(node.arguments?.[1], ['defaultJobOptions']);
  const attempts = defaults.status === 'present' ? attemptsOf(defaults.value, context.values) : undefined;
  if (attempts) judge(attempts, literalText(node.arguments?.[0], context.values), undefined, context);
}

interface Attempts {
  element: ts.ObjectLiteralElementLike;
  count: number;
}

function attemptsOf(options: ts.Expression | undefined, values: ValueResolver): Attempts | undefined {
  const found = values.lookupProperty(options, ['attempts']);
  if (found.status !== 'present' || !found.value) return undefined;
  const value = unwrapExpression(found.value);
  const count = ts.isNumericLiteral(value) ? Number(value.text) : Number(literalNumber(value, values));
  return count > 1 ? { element: found.element, count } : undefined;
}

function literalNumber(node: ts.Expression, values: ValueResolver): string | undefined {
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = values.scopes.resolve(node);
  const init = declaration?.kind === 'variable' && declaration.isConst ? declaration.init && unwrapExpression(declaration.init) : undefined;
  return init && ts.isNumericLiteral(init) ? init.text : undefined;
}

/** The queue's name when the receiver is a BullMQ/Bull queue (`new Queue('x')`, `@InjectQueue('x') q: Queue`). */
function queueName(receiver: ts.Expression, values: ValueResolver): { name: string | undefined } | undefined {
  const origin = values.origin(receiver);
  const base = origin.base;
  if (origin.path.length) return undefined;
  if (base.kind === 'new' && isQueueModule(base.ctor, 'Queue')) return { name: literalText(base.node.arguments?.[0], values) };
  if (base.kind === 'typed' && base.typeName === 'Queue' && isQueueModule(base.type, 'Queue')) return { name: undefined };
  return undefined;
}

function judge(attempts: Attempts, queue: string | undefined, job: string | undefined, context: RuleContext): void {
  const processors = processorsIn(context.file.sourceFile, context.values).filter((p) => !queue || !p.queue || p.queue === queue);
  const data = { attempts: attempts.count };
  if (processors.length) {
    const { operations, scanned } = operationsIn(processors.map((p) => p.body), [], context.values);
    const repeated = operations.find((op) =>
      op.key.status === 'present' ? isFreshKey(op.key.value, context.values, scanned) : op.key.status === 'absent' && op.kind !== 'stripe-money' && op.kind !== 'payment-post',
    );
    if (repeated) context.report({ node: attempts.element, messageId: 'processorRepeats', data: { ...data, operation: repeated.label } });
    return;
  }
  const name = [job, queue].find((n) => n !== undefined && SIDE_EFFECT_NAMES.some((p) => p.test(n)));
  if (name) context.report({ node: attempts.element, messageId: 'sideEffectJob', data: { ...data, job: name } });
}

interface Processor {
  queue: string | undefined;
  body: ts.Node;
}

const processorCache = new WeakMap<ts.SourceFile, Processor[]>();

/** `new Worker('q', fn)`, `queue.process(fn)` and Nest `@Processor('q')` classes of this file. */
function processorsIn(sourceFile: ts.SourceFile, values: ValueResolver): Processor[] {
  const cached = processorCache.get(sourceFile);
  if (cached) return cached;
  const found: Processor[] = [];
  processorCache.set(sourceFile, found);
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && isQueueModule(values.origin(node.expression), 'Worker') && node.arguments?.[1]) {
      const body = retriedFunction(node.arguments[1], values);
      if (body) found.push({ queue: literalText(node.arguments[0], values), body });
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'process' && node.arguments.length) {
      const queue = queueName(node.expression.expression, values);
      const body = queue && retriedFunction(node.arguments[node.arguments.length - 1], values);
      if (body) found.push({ queue: queue.name, body });
    }
    if (ts.isClassDeclaration(node)) {
      const decorator = ts.getDecorators(node)?.find((d) => ts.isCallExpression(d.expression) && qualifiedName(values.origin(d.expression.expression))?.endsWith('.Processor'));
      if (decorator) {
        const queue = literalText((decorator.expression as ts.CallExpression).arguments[0], values);
        for (const member of node.members) if (ts.isMethodDeclaration(member) && member.body && isProcessMethod(member)) found.push({ queue, body: member.body });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function isProcessMethod(method: ts.MethodDeclaration): boolean {
  const name = method.name.getText();
  return name === 'process' || !!ts.getDecorators(method)?.some((d) => /^@?Process\b/.test(d.expression.getText()));
}

export default rule;
