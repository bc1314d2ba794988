import ts = require('typescript');
import type { Fix, RuleContext, RuleModule, TextEdit } from '../../engine/types';
import { enclosingHandlerScope, handlerScopes } from '../../routes/reach';
import { textOf } from '../../routes/chains';
import { rawSqlCall, type RawSqlCall } from './support-sql';

const rule: RuleModule = {
  meta: {
    id: 'input-validation/raw-sql-injection',
    category: 'input-validation',
    layer: 'constraints',
    description:
      'SQL text built by interpolating or concatenating non-constant values, passed to `query()`, `$queryRawUnsafe`/`$executeRawUnsafe`, `knex.raw`/`whereRaw`, `sequelize.query` or a driver\'s `execute`. Tagged templates (`$queryRaw\\`…\\``, `sql\\`…\\``) and parameterised queries are safe.',
    why: 'A value spliced into SQL text is executed as SQL: one quote in a name or an id from the request reads or deletes other tenants\' data. Validation upstream is not enough — the next caller of the function may not validate.',
    howToFix: 'Pass values as parameters (`$1`/`?` with a values array, or a tagged template that parameterises) and keep only constants (table names) in the SQL text.',
    messages: {
      interpolated: '`{{value}}` is spliced into the SQL text run by `{{sink}}`: pass it as a query parameter so it cannot change the statement.',
      fromRequest: '`{{value}}` comes from the request and is spliced into the SQL text run by `{{sink}}`: pass it as a query parameter so a caller cannot change the statement.',
      parameterise: 'Pass the values as query parameters',
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.CallExpression],
  prefilter: /\$queryRawUnsafe|\$executeRawUnsafe|Raw\(|\.raw\(|\.query\(|\.execute\(|\.unsafe\(/,
  create(context) {
    return {
      [ts.SyntaxKind.CallExpression]: (node) => check(node as ts.CallExpression, context),
    };
  },
};

function check(call: ts.CallExpression, context: RuleContext): void {
  const found = rawSqlCall(call, context.values);
  if (!found) return;
  const requestValue = found.dynamic.find((part) => readsRequestInput(part, call, context));
  const value = (requestValue ?? found.dynamic[0]).getText().replace(/\s+/g, ' ');
  const edits = parameteriseEdits(found);
  const fixes: Fix[] = edits ? [{ title: rule.meta.messages.parameterise, kind: 'suggestion', edits }] : [];
  // On a builder chain (`knex('t').where(…).whereRaw(…)`) the method alone; else the whole callee.
  const callee = call.expression as ts.PropertyAccessExpression;
  context.report({
    node: ts.isCallExpression(callee.expression) ? callee.name : callee,
    messageId: requestValue ? 'fromRequest' : 'interpolated',
    data: { value: value.length > 60 ? `${value.slice(0, 57)}…` : value, sink: found.method.getText() },
    fixes,
  });
}

/** Whether a spliced value is (or is named after) an input of the route the call serves. */
function readsRequestInput(part: ts.Expression, call: ts.CallExpression, context: RuleContext): boolean {
  const scopes = handlerScopes(context.file, context.values, context.settings);
  const scope = scopes.size > 0 ? enclosingHandlerScope(call, scopes) : undefined;
  if (!scope) return false;
  const text = textOf(part);
  return scope.route.inputs.some((input) => !input.validatedBy && (text.startsWith(textOf(input.node as ts.Expression)) || input.bindings.some((b) => text === b || text.startsWith(`${b}.`))));
}

/**
 * Rewrites an in-place template so its dynamic values become parameters: Prisma's tagged `$queryRaw`,
 * knex's `?` bindings, node-postgres `$n` with a values array. Constants (table names) stay inline.
 */
function parameteriseEdits(found: RawSqlCall): TextEdit[] | undefined {
  const { call, sql, style } = found;
  if (call.arguments.length !== 1 || call.arguments[0] !== sql || !ts.isTemplateExpression(sql)) return undefined;
  const dynamic = new Set(found.dynamic);
  if (style === 'prisma') {
    if (sql.templateSpans.some((span) => !dynamic.has(span.expression))) return undefined;
    const tagged = found.method.text.replace('Unsafe', '');
    return [{ start: found.method.getStart(), end: call.getEnd(), newText: `${tagged}${sql.getText()}` }];
  }
  const positional = style === 'positional';
  if (positional && (!/pool|client|pg|postgres/i.test(found.receiverName) || /\$\d/.test(sql.getText()))) return undefined;
  if (!positional && /\?/.test(sql.getText())) return undefined;
  const start = sql.getStart();
  let text = sql.getText();
  const spans = sql.templateSpans.filter((span) => dynamic.has(span.expression));
  const bound = spans.map((span) => span.expression.getText());
  // Splice from the end so earlier offsets stay valid.
  [...spans].reverse().forEach((span, reverseIndex) => {
    const index = spans.length - reverseIndex;
    const from = span.expression.getFullStart() - 2 - start;
    const to = span.literal.getStart() + 1 - start;
    text = text.slice(0, from) + (positional ? `$${index}` : '?') + text.slice(to);
  });
  return [{ start, end: call.arguments[0].getEnd(), newText: `${text}, [${bound.join(', ')}]` }];
}

export default rule;
