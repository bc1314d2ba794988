import ts = require('typescript');
import { formatMessage } from '../../engine/messages';
import type { RuleContext, RuleModule, TextEdit } from '../../engine/types';
import { entriesOf, reachedFromRequest, type Entry, type RouteHandler } from '../../routes';
import { moduleKey } from '../../engine/module-key';
import { enclosingHandlerScope, handlerScopes } from '../../routes/reach';
import { QUERIES } from './support-knowledge';
import { queryBounds, unboundedQuery } from './support-queries';
import { RequestBounds } from './support-request-bounds';
import type { Taint } from '../input-validation/support-taint';
import { boundedInProject } from './support-schema';
import type { RowProbe } from './support-where';

const rule: RuleModule = {
  meta: {
    id: 'resource-limits/unbounded-query',
    category: 'resource-limits',
    layer: 'constraints',
    description:
      'A query in a request handler (or a function of the same file it calls; with `queries.acrossFiles`, of another file) that returns every matching row: Prisma `findMany` without `take`, TypeORM `find`/`findBy`/`getMany` without `take`, Mongoose `find` without `.limit()`, Sequelize `findAll` without `limit`, Drizzle `select().from()` or knex without `.limit()` — unless the where clause pins a unique key; or one whose page size the request sets with no cap.',
    why: 'A table that grows turns one request into a full scan shipped over the wire: memory spikes, the response times out and the database slows for everyone. It works in development with ten rows and fails in production with ten million.',
    howToFix: 'Add a page size (`take`/`limit`) and let the client page with a cursor or offset; a query by a unique key needs none.',
    messages: {
      unbounded: '`{{query}}` in a request handler reads every matching row: add a page size ({{limitHint}}) so a growing table cannot turn this request into a full scan.',
      unboundedReached: '`{{query}}` reads every matching row, and `{{entry}}` runs for requests (a route in another file calls it): add a page size ({{limitHint}}) so a growing table cannot turn a request into a full scan.',
      clientPageSize: '`{{query}}` takes its page size from the request (`{{input}}`) with no upper bound: a caller can ask for every row. Clamp it (`Math.min(…, {{pageSize}})`) or validate it with a maximum.',
      addLimit: 'Add a page size of {{pageSize}}',
      clampLimit: 'Clamp the page size to {{pageSize}}',
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.CallExpression],
  prefilter: /\b(findMany|findAll|findAndCount\w*|findBy|getMany\w*|getRaw\w*)\b|\.(find|from)\(|\b(knex|db|trx|tx|database|connection)\(/,
  create(context) {
    const bounds = new Map<RouteHandler, RequestBounds>();
    return {
      [ts.SyntaxKind.CallExpression]: (node) => checkCall(node as ts.CallExpression, context, bounds),
    };
  },
  resolve(pending, facts) {
    const { remote, probe } = pending as Pending;
    if (remote && !reachedFromRequest(remote.file, remote.entries, facts)) return false;
    // A unique key the schema declares, or rows the code caps where it creates them.
    return !(probe && (probe.keys.length > 0 || probe.some.length > 0) && boundedInProject(probe, facts));
  },
};

const LIMIT_HINT: Record<string, string> = {
  prisma: '`take`',
  drizzle: '`limit`',
  sequelize: '`limit`',
  typeorm: '`take`',
  'typeorm-query-builder': '`.take(n)`',
  mongoose: '`.limit(n)`',
  knex: '`.limit(n)`',
};

/** Decided with the project's facts: a query outside this file's handlers, a Prisma read the schema may bound. */
interface Pending {
  /** Kept when a route of another file reaches one of these entries. */
  remote?: { file: string; entries: Entry[] };
  probe?: RowProbe;
}

function checkCall(call: ts.CallExpression, context: RuleContext, bounds: Map<RouteHandler, RequestBounds>): void {
  const { file, values, settings } = context;
  const query = unboundedQuery(call, values, { uniqueKeys: [...QUERIES.uniqueKeys, ...settings.queries.uniqueKeys] });
  if (!query) {
    checkRequestBounds(call, context, bounds);
    return;
  }
  const scopes = handlerScopes(file, values, settings);
  const local = scopes.size > 0 && !!enclosingHandlerScope(call, scopes);
  // Queries of other files' handlers only when the configuration asks for them (`queries.acrossFiles`).
  const entries = local || !settings.queries.acrossFiles ? [] : remoteEntries(call, context);
  if (!local && entries.length === 0) return;
  const { pageSize } = settings.queries;
  const edit = query.limitEdit(pageSize);
  const data = { pageSize };
  const entry = entries[0] && (entries[0].member ? `${entries[0].name}.${entries[0].member}` : entries[0].name);
  const pending: Pending = { ...(local ? {} : { remote: { file: moduleKey(file.path), entries } }), ...(query.probe ? { probe: query.probe } : {}) };
  context.report({
    node: query.anchor,
    messageId: local ? 'unbounded' : 'unboundedReached',
    data: { query: query.name, limitHint: LIMIT_HINT[query.orm] ?? '`limit`', ...(entry ? { entry } : {}) },
    fixes: edit ? [{ title: formatMessage(rule.meta.messages.addLimit, data), kind: 'suggestion', edits: [edit] }] : [],
    // Through another file the route's own paging and caching are out of sight: one step lower.
    ...(pending.remote || pending.probe ? { pending } : {}),
    ...(local ? {} : { demote: 1 }),
  });
}

/**
 * A paged query of a handler whose page size the caller sets: read from the request with no cap.
 * Handler bodies only, as the input-validation rules. (A filter list the request sends, `{ id: { in:
 * req.body.ids } }`, is not reported: on real code such lists were judged bounded by the caller.)
 */
function checkRequestBounds(call: ts.CallExpression, context: RuleContext, cache: Map<RouteHandler, RequestBounds>): void {
  const { file, values, settings } = context;
  const scopes = handlerScopes(file, values, settings);
  const scope = scopes.size > 0 ? enclosingHandlerScope(call, scopes) : undefined;
  if (!scope || scope.depth > 0) return;
  const query = queryBounds(call, values);
  if (!query || query.limits.length === 0) return;
  let bounds = cache.get(scope.route);
  if (!bounds) cache.set(scope.route, (bounds = new RequestBounds(scope.route, values)));
  const { pageSize } = settings.queries;
  for (const limit of query.limits) {
    const taint = bounds.pageSize(limit);
    if (!taint) continue;
    const edit = clampEdit(limit, pageSize);
    context.report({
      node: limit,
      messageId: 'clientPageSize',
      data: { query: query.name, input: inputText(taint), pageSize },
      fixes: [{ title: formatMessage(rule.meta.messages.clampLimit, { pageSize }), kind: 'suggestion', edits: [edit] }],
    });
    return;
  }
}

/** `take: Math.min(limit, 100)`; a shorthand `{ take }` is written out. */
function clampEdit(limit: ts.Expression, pageSize: number): TextEdit {
  const property = limit.parent;
  if (ts.isShorthandPropertyAssignment(property)) {
    const name = property.name.text;
    return { start: property.getStart(), end: property.getEnd(), newText: `${name}: Math.min(${name}, ${pageSize})` };
  }
  return { start: limit.getStart(), end: limit.getEnd(), newText: `Math.min(${limit.getText()}, ${pageSize})` };
}

function inputText(taint: Taint): string {
  const text = taint.input.node.getText().replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The exports through which other files reach the function around a query (callbacks widened to their function). */
function remoteEntries(call: ts.CallExpression, context: RuleContext): Entry[] {
  for (let node: ts.Node | undefined = call.parent; node; node = node.parent) {
    if (!ts.isFunctionLike(node)) continue;
    const entries = entriesOf(node, context.file.sourceFile, context.values);
    if (entries.length > 0) return entries;
  }
  return [];
}

export default rule;
