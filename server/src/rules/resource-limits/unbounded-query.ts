import ts = require('typescript');
import { formatMessage } from '../../engine/messages';
import type { RuleContext, RuleModule } from '../../engine/types';
import { enclosingHandlerScope, handlerScopes } from '../../routes/reach';
import { QUERIES } from './support-knowledge';
import { unboundedQuery } from './support-queries';

const rule: RuleModule = {
  meta: {
    id: 'resource-limits/unbounded-query',
    category: 'resource-limits',
    layer: 'constraints',
    description:
      'A query in a request handler (or a function of the same file it calls) that returns every matching row: Prisma `findMany` without `take`, TypeORM `find`/`findBy`/`getMany` without `take`, Mongoose `find` without `.limit()`, Sequelize `findAll` without `limit`, Drizzle `select().from()` or knex without `.limit()` — unless the where clause pins a unique key.',
    why: 'A table that grows turns one request into a full scan shipped over the wire: memory spikes, the response times out and the database slows for everyone. It works in development with ten rows and fails in production with ten million.',
    howToFix: 'Add a page size (`take`/`limit`) and let the client page with a cursor or offset; a query by a unique key needs none.',
    messages: {
      unbounded: '`{{query}}` in a request handler reads every matching row: add a page size ({{limitHint}}) so a growing table cannot turn this request into a full scan.',
      addLimit: 'Add a page size of {{pageSize}}',
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.CallExpression],
  prefilter: /\b(findMany|findAll|findAndCount\w*|findBy|getMany\w*|getRaw\w*)\b|\.(find|from)\(|\b(knex|db|trx|tx|database|connection)\(/,
  create(context) {
    return {
      [ts.SyntaxKind.CallExpression]: (node) => checkCall(node as ts.CallExpression, context),
    };
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

function checkCall(call: ts.CallExpression, context: RuleContext): void {
  const { file, values, settings } = context;
  const scopes = handlerScopes(file, values, settings);
  if (scopes.size === 0 || !enclosingHandlerScope(call, scopes)) return;
  const query = unboundedQuery(call, values, { uniqueKeys: [...QUERIES.uniqueKeys, ...settings.queries.uniqueKeys] });
  if (!query) return;
  const { pageSize } = settings.queries;
  const edit = query.limitEdit(pageSize);
  const data = { pageSize };
  context.report({
    node: query.anchor,
    messageId: 'unbounded',
    data: { query: query.name, limitHint: LIMIT_HINT[query.orm] ?? '`limit`' },
    fixes: edit ? [{ title: formatMessage(rule.meta.messages.addLimit, data), kind: 'suggestion', edits: [edit] }] : [],
  });
}

export default rule;
