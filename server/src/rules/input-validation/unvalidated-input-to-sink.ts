import ts = require('typescript');
import { formatMessage } from '../../engine/messages';
import type { RuleContext, RuleModule } from '../../engine/types';
import { hasGlobalValidationPipe, type InputRef, type RouteHandler } from '../../routes';
import { textOf } from '../../routes/chains';
import { enclosingHandlerScope, handlerScopes } from '../../routes/reach';
import { zodSchemaFix } from './support-fix';
import { sinkOf, type Need, type Sink } from './support-sinks';
import { TaintTracker, type Taint } from './support-taint';

/** A finding whose input is a Nest DTO: it stands unless the project registers a global `ValidationPipe`. */
interface PendingGlobalPipe {
  needsGlobalPipe: true;
}

const rule: RuleModule = {
  meta: {
    id: 'input-validation/unvalidated-input-to-sink',
    category: 'input-validation',
    layer: 'constraints',
    description:
      'Request input that no validator checked (zod/joi/yup/valibot/ajv parse, express-validator or celebrate middleware, a Fastify route schema, Hono `c.req.valid`, tRPC `.input()`, a Nest DTO with `ValidationPipe`) reaching, in the handler: a database write as a whole object (mass assignment), a MongoDB filter (operator injection), a file path, a shell command, the host of an outbound request (SSRF), or the start of a redirect target (open redirect).',
    why: 'The request is the one part of the system an attacker writes. Unchecked, a body becomes `role: "admin"` in the users table, `{"$ne": null}` logs in as anyone, `../../etc/passwd` is read, `; rm -rf` runs, the server fetches cloud metadata, and a login link sends users to a phishing site.',
    howToFix: 'Parse the input with a schema that lists the fields the handler uses (zod `Schema.parse(req.body)`, or the validator the project already uses) before it reaches the sink; pick fields explicitly instead of passing the whole object.',
    messages: {
      massAssignment: '`{{input}}` (request {{source}}) is written as a whole by `{{sink}}` without validation: a caller can set any column (role, owner, balance). Validate it with a schema that lists the fields.',
      queryFilter: '`{{input}}` (request {{source}}) is a query filter of `{{sink}}` without validation: an object such as `{"$ne": null}` makes the query match any document. Validate its shape first.',
      filePath: '`{{input}}` (request {{source}}) is part of the file path used by `{{sink}}` without validation: `../` reaches files outside the intended directory. Validate it (or keep only `path.basename`).',
      shellCommand: '`{{input}}` (request {{source}}) reaches the command run by `{{sink}}` without validation: `;` or `$(…)` runs any command. Validate it against an allow-list and pass arguments as an array without a shell.',
      outboundUrl: '`{{input}}` (request {{source}}) sets the host of the request made by `{{sink}}` without validation: the server can be made to call internal services (SSRF). Validate the URL against an allow-list of hosts.',
      openRedirect: '`{{input}}` (request {{source}}) starts the redirect target of `{{sink}}` without validation: the app sends users to any site (open redirect). Allow only relative paths or known hosts.',
      addValidation: 'Validate `{{input}}` with a zod schema ({{schema}})',
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression],
  prefilter: /\.(create|update|upsert|save|insert|values|set|find\w*|delete\w*|count\w*|exists|replace\w*|bulkCreate|build|merge|redirect|sendFile|download)\(|\bnew [A-Z]|fs|child_process|execa|shelljs|fetch|axios|got|ky|['"](node:)?https?['"]|superagent|undici|next\/navigation/,
  create(context) {
    const trackers = new Map<RouteHandler, TaintTracker>();
    return {
      [ts.SyntaxKind.CallExpression]: (node) => check(node as ts.CallExpression, context, trackers),
      [ts.SyntaxKind.NewExpression]: (node) => check(node as ts.NewExpression, context, trackers),
    };
  },
  resolve: (pending, facts) => !((pending as PendingGlobalPipe).needsGlobalPipe && hasGlobalValidationPipe(facts)),
};

function check(node: ts.CallExpression | ts.NewExpression, context: RuleContext, trackers: Map<RouteHandler, TaintTracker>): void {
  const { file, values, settings } = context;
  // Handler bodies only: taint is not carried through the arguments of the functions they call.
  // The request scope is built once per file; most files have none and stop here.
  const scopes = handlerScopes(file, values, settings);
  const scope = scopes.size > 0 ? enclosingHandlerScope(node, scopes) : undefined;
  if (!scope || scope.depth > 0) return;
  const sink = sinkOf(node, values);
  if (!sink) return;
  const { route } = scope;
  let tracker = trackers.get(route);
  if (!tracker) {
    tracker = new TaintTracker(route.handler, route.inputs.filter((input) => !input.validatedBy), values);
    trackers.set(route, tracker);
  }
  const taint = firstDangerous(sink, tracker, route);
  if (taint) report(sink, taint, route, context);
}

function firstDangerous(sink: Sink, tracker: TaintTracker, route: RouteHandler): Taint | undefined {
  for (const { value, need } of sink.values) {
    const taint = tracker.taintOf(value);
    if (taint && satisfies(taint, need, route)) return taint;
  }
  return undefined;
}

/** Whether the data is dangerous for what the sink needs; a filter value must be able to be an object. */
function satisfies(taint: Taint, need: Need, route: RouteHandler): boolean {
  if (need === 'object') return taint.shape === 'object';
  if (need === 'start') return taint.start;
  if (need === 'filterValue') {
    const objectQuery = taint.input.source === 'query' && (route.framework === 'express' || route.framework === 'next-pages');
    return taint.shape !== 'string' && (taint.input.source === 'body' || objectQuery);
  }
  return true;
}

function report(sink: Sink, taint: Taint, route: RouteHandler, context: RuleContext): void {
  const input = inputLabel(taint.input);
  const fix = zodSchemaFix(taint.input, route, context.file.sourceFile, context.values);
  const pending: PendingGlobalPipe | undefined = taint.input.needsGlobalPipe ? { needsGlobalPipe: true } : undefined;
  context.report({
    node: sink.anchor,
    messageId: sink.kind,
    data: { input, source: taint.input.source, sink: sink.name },
    fixes: fix ? [{ title: formatMessage(rule.meta.messages.addValidation, { input, schema: fix.schema }), kind: 'suggestion', edits: fix.edits }] : [],
    ...(pending ? { pending } : {}),
  });
}

function inputLabel(input: InputRef): string {
  const text = ts.isParameter(input.node) ? input.node.name.getText() : textOf(input.node);
  return text.length > 50 ? `${text.slice(0, 47)}…` : text;
}

export default rule;
