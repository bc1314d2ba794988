import ts = require('typescript');
import { qualifiedName, unwrapExpression, type ValueResolver } from '../../engine/values';
import type { RouteHandler } from '../../routes';
import { TaintTracker, type Taint } from '../input-validation/support-taint';

/** Numeric conversions that keep the size the caller asked for (`Number(q.limit)`, `parseInt(q.take, 10)`, `+q.limit`). */
const KEEPS_SIZE = new Set(['Number', 'parseInt', 'parseFloat', 'Number.parseInt', 'Number.parseFloat', 'Math.floor', 'Math.ceil', 'Math.round', 'Math.trunc', 'Math.abs', 'BigInt']);

/**
 * Where a page size of a handler's query comes from the request unvalidated: `take:
 * Number(req.query.limit) || 20` lets a caller ask for every row. A clamp (`Math.min(limit, 100)`),
 * a validated input, a comparison the handler makes on the value, or a `let` that may be reassigned
 * end the trail.
 */
export class RequestBounds {
  private readonly tracker: TaintTracker;

  constructor(
    private readonly route: RouteHandler,
    private readonly values: ValueResolver,
  ) {
    // Nest DTOs count as validated here: a global ValidationPipe usually runs, and the DTO's @Max decides.
    this.tracker = new TaintTracker(route.handler, route.inputs.filter((input) => !input.validatedBy && !input.needsGlobalPipe), values);
  }

  /** The request input a page size is taken from, with nothing capping it. */
  pageSize(expression: ts.Expression, depth = 0): Taint | undefined {
    if (depth > 6) return undefined;
    const node = unwrapExpression(expression);
    if (ts.isNumericLiteral(node)) return undefined;
    if (ts.isCallExpression(node)) {
      const name = qualifiedName(this.values.origin(unwrapExpression(node.expression)));
      return name && KEEPS_SIZE.has(name) && node.arguments[0] ? this.pageSize(node.arguments[0], depth + 1) : this.direct(node);
    }
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.PlusToken) return this.pageSize(node.operand, depth + 1);
    if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.BarBarToken || node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
      return this.pageSize(node.left, depth + 1);
    }
    if (ts.isIdentifier(node)) {
      const declaration = this.values.scopes.resolve(node);
      if (declaration?.kind === 'variable' && declaration.isConst && declaration.init && declaration.path.length === 0) {
        if (this.compared(node.text)) return undefined;
        return this.pageSize(declaration.init, depth + 1);
      }
    }
    return this.direct(node);
  }

  private direct(node: ts.Expression): Taint | undefined {
    const taint = this.tracker.taintOf(node);
    return taint && taint.shape !== 'string' ? taint : undefined;
  }

  /** The handler compares the value somewhere (`if (limit > 100) …`): it checks the size itself. */
  private compared(text: string): boolean {
    const body = this.route.handler?.body;
    if (!body) return false;
    let found = false;
    const visit = (child: ts.Node): void => {
      if (found) return;
      if (ts.isBinaryExpression(child) && COMPARISON.has(child.operatorToken.kind) && (child.left.getText() === text || child.right.getText() === text)) found = true;
      else ts.forEachChild(child, visit);
    };
    visit(body);
    return found;
  }
}

const COMPARISON = new Set([ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken]);
