import ts = require('typescript');
import type { FactCollector, FactCollectorContext } from '../../engine/types';
import { creatorOf, qualifiedName } from '../../engine/values';
import { TIMEOUT_CLIENTS } from '../../knowledge/timeout-clients';
import { isOutsideServerRuntime } from '../../engine/runtime';

/** `axios.defaults.timeout = …` somewhere in the project: every direct axios call and instance inherits it. */
export const AXIOS_DEFAULTS_TIMEOUT = 'timeout/axios-defaults-timeout';
/** `setGlobalDispatcher(…)` with timeouts (or options one file can't see): undici's calls inherit them. */
export const UNDICI_GLOBAL_DISPATCHER = 'timeout/undici-global-dispatcher';
/** SQL that sets `statement_timeout` for a session, role or database: pools may get it that way. */
export const PG_STATEMENT_TIMEOUT_SQL = 'timeout/pg-statement-timeout-sql';

const { axios, undici, pg } = TIMEOUT_CLIENTS;
// `SET statement_timeout …`, `ALTER ROLE app SET statement_timeout …`; not `SET LOCAL`, which ends with its transaction.
const SESSION_TIMEOUT_SQL = new RegExp(`\\bset\\s+(?:session\\s+)?(?:${pg.timeoutSettings.join('|')})\\b`, 'i');

/** Project-wide timeout defaults, gathered in the same walk as the rules. */
export const timeoutDefaultsCollector: FactCollector = {
  name: 'timeout/defaults',
  kinds: [ts.SyntaxKind.BinaryExpression, ts.SyntaxKind.CallExpression, ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.TemplateHead],
  prefilter: /defaults|setGlobalDispatcher|statement_timeout|query_timeout/,
  create(context) {
    // Defaults set only by tests or browser code don't reach the production server.
    if (isOutsideServerRuntime(context.file, context.settings)) return {};
    const recordSql = (node: ts.Node) => {
      if (SESSION_TIMEOUT_SQL.test((node as ts.StringLiteral | ts.TemplateHead).text)) context.add({ kind: PG_STATEMENT_TIMEOUT_SQL });
    };
    return {
      [ts.SyntaxKind.BinaryExpression]: (node) => {
        const { left, operatorToken } = node as ts.BinaryExpression;
        if (operatorToken.kind === ts.SyntaxKind.EqualsToken && qualifiedName(context.values.origin(left)) === axios.defaultsTimeout) {
          context.add({ kind: AXIOS_DEFAULTS_TIMEOUT });
        }
      },
      [ts.SyntaxKind.CallExpression]: (node) => collectFromCall(node as ts.CallExpression, context),
      [ts.SyntaxKind.StringLiteral]: recordSql,
      [ts.SyntaxKind.NoSubstitutionTemplateLiteral]: recordSql,
      [ts.SyntaxKind.TemplateHead]: recordSql,
    };
  },
};

function collectFromCall(call: ts.CallExpression, context: FactCollectorContext): void {
  const { values } = context;
  const callee = qualifiedName(values.origin(call.expression));
  const defaultsObject = axios.defaultsTimeout.slice(0, axios.defaultsTimeout.lastIndexOf('.'));
  if (callee === 'Object.assign' && call.arguments.length > 1 && qualifiedName(values.origin(call.arguments[0])) === defaultsObject) {
    const timeoutName = axios.defaultsTimeout.slice(defaultsObject.length + 1);
    if (call.arguments.slice(1).some((arg) => values.lookupProperty(arg, [timeoutName]).status !== 'absent')) context.add({ kind: AXIOS_DEFAULTS_TIMEOUT });
    return;
  }
  if (callee && undici.modules.some((m) => callee === `${m}.${undici.setGlobalDispatcher}`) && !visiblyWithoutTimeouts(call.arguments[0], context)) {
    context.add({ kind: UNDICI_GLOBAL_DISPATCHER });
  }
}

/** `new Agent({ keepAliveTimeout })`: a dispatcher whose options are all in view and set no request timeout. */
function visiblyWithoutTimeouts(dispatcher: ts.Expression | undefined, context: FactCollectorContext): boolean {
  if (!dispatcher) return false;
  const origin = context.values.origin(dispatcher);
  const creator = origin.path.length === 0 ? creatorOf(origin) : undefined;
  if (!creator || !ts.isNewExpression(creator.node)) return false;
  return (creator.node.arguments ?? []).every((arg) => {
    if (ts.isStringLiteralLike(arg)) return true;
    return context.values.lookupProperty(arg, undici.dispatcherTimeoutOptions).status === 'absent';
  });
}
