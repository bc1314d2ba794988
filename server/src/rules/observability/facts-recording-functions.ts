import ts = require('typescript');
import type { FactCollector, FactCollectorContext, ProjectFacts } from '../../engine/types';
import { CATCH_PREFILTER, functionName } from '../error-handling/support';
import { emitsSignal } from './support';

/** A function whose own catch records its failure and rethrows it (`catch (e) { logger.error(e); throw e; }`). */
export const RECORDS_AND_RETHROWS = 'observability/records-and-rethrows';

/**
 * Records, by name, the functions that log (or count, or report) their failure before rethrowing:
 * a 5xx answer in a caller's catch then loses nothing, the failure is on record already. Matched by
 * name, like the critical functions: the call site (`this.dataService.getProfile()`) can't see the class.
 */
export const recordingFunctionsCollector: FactCollector = {
  name: 'observability/recording-functions',
  kinds: [ts.SyntaxKind.CatchClause],
  prefilter: CATCH_PREFILTER,
  create(context) {
    return {
      [ts.SyntaxKind.CatchClause]: (node) => recordCatch(node as ts.CatchClause, context),
    };
  },
};

function recordCatch(clause: ts.CatchClause, context: FactCollectorContext): void {
  let fn: ts.Node | undefined = clause.parent;
  while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
  const name = fn && functionName(fn as ts.FunctionLikeDeclaration);
  if (!name || !rethrows(clause.block) || !emitsSignal(clause.block, context.settings, context.values)) return;
  context.add({ kind: RECORDS_AND_RETHROWS, data: name });
}

function rethrows(block: ts.Block): boolean {
  let found = false;
  const walk = (node: ts.Node): void => {
    if (found || ts.isFunctionLike(node)) return;
    if (ts.isThrowStatement(node)) found = true;
    else ts.forEachChild(node, walk);
  };
  ts.forEachChild(block, walk);
  return found;
}

/** Whether some function of the project with one of these names records its failures and rethrows. */
export function someCalleeRecords(names: readonly string[], facts: ProjectFacts): boolean {
  const recording = new Set(facts.all(RECORDS_AND_RETHROWS) as string[]);
  return names.some((name) => recording.has(name));
}
