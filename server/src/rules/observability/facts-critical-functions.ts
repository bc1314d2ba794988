import ts = require('typescript');
import type { FactCollector, FactCollectorContext, ProjectFacts } from '../../engine/types';
import { isOutsideServerRuntime } from '../../engine/runtime';
import { functionName } from '../error-handling/support';
import { criticalOperation, criticalPrefilter, isCriticalFunctionName } from './support-critical';
import { functionEmitsSignal } from './support';

/** A declaration of a critical project function (`deleteUser`, `chargeCustomer`) that leaves a signal itself. */
export const RECORDING_CRITICAL_FUNCTION = 'observability/recording-critical-function';

/**
 * Records the critical project functions whose own body logs, counts or traces, so a call of
 * `this.userService.deleteUser(id)` in a controller is not reported when `UserService.deleteUser`
 * (in another file) records the deletion. Matched by name: the call site can't see the class.
 */
export const criticalFunctionsCollector: FactCollector = {
  name: 'observability/critical-functions',
  kinds: [ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.MethodDeclaration, ts.SyntaxKind.ArrowFunction, ts.SyntaxKind.FunctionExpression],
  prefilter: criticalPrefilter,
  create(context) {
    const visit = (node: ts.Node) => recordDeclaration(node as ts.FunctionLikeDeclaration, context);
    return {
      [ts.SyntaxKind.FunctionDeclaration]: visit,
      [ts.SyntaxKind.MethodDeclaration]: visit,
      [ts.SyntaxKind.ArrowFunction]: visit,
      [ts.SyntaxKind.FunctionExpression]: visit,
    };
  },
};

function recordDeclaration(fn: ts.FunctionLikeDeclaration, context: FactCollectorContext): void {
  const name = functionName(fn);
  // A browser client's `deleteUser` (an HTTP call) says nothing about the server's.
  if (isOutsideServerRuntime(context.file, context.settings)) return;
  if (!name || !isCriticalFunctionName(name, name, context.settings)) return;
  const isCritical = (node: ts.Node) => (ts.isCallExpression(node) || ts.isNewExpression(node)) && !!criticalOperation(node, context.settings, context.values);
  if (functionEmitsSignal(fn, context.settings, context.values, isCritical)) context.add({ kind: RECORDING_CRITICAL_FUNCTION, data: name });
}

/** Whether some declaration of the project function `name` records on its own. */
export function criticalFunctionRecords(name: string, facts: ProjectFacts): boolean {
  return facts.all(RECORDING_CRITICAL_FUNCTION).includes(name);
}
