import ts = require('typescript');
import type { FactCollector, FactCollectorContext } from '../../engine/types';
import { emitsSignal } from './support';
import { knowledge } from './support-knowledge';

/** A Nest exception filter that catches HttpExceptions (`@Catch()`, `@Catch(HttpException)`) and logs, counts or reports them. */
export const NEST_RECORDING_FILTER = 'observability/nest-recording-filter';

/**
 * Nest's default filter logs only errors that are not HttpExceptions; a project filter that catches
 * every exception (or HttpExceptions) and records them makes a thrown 5xx exception recorded.
 */
export const nestFiltersCollector: FactCollector = {
  name: 'observability/nest-filters',
  kinds: [ts.SyntaxKind.ClassDeclaration],
  prefilter: /@Catch\s*\(/,
  create(context) {
    return {
      [ts.SyntaxKind.ClassDeclaration]: (node) => recordFilter(node as ts.ClassDeclaration, context),
    };
  },
};

function recordFilter(node: ts.ClassDeclaration, context: FactCollectorContext): void {
  const catches = (ts.getDecorators(node) ?? []).some((decorator) => {
    const call = decorator.expression;
    if (!ts.isCallExpression(call) || call.expression.getText() !== 'Catch') return false;
    return call.arguments.length === 0 || call.arguments.some((argument) => argument.getText() === 'HttpException' || knowledge.nestServerExceptions.has(argument.getText()));
  });
  if (catches && emitsSignal(node, context.settings, context.values)) context.add({ kind: NEST_RECORDING_FILTER });
}
