import ts = require('typescript');
import { qualifiedName, unwrapExpression, type ValueResolver } from '../../engine/values';
import { textOf } from '../../routes/chains';
import type { InputRef } from '../../routes';
import { INPUT_SINKS } from './support-sinks';

const CARRIERS = new Set(INPUT_SINKS.carriers.functions);
const STRING_METHODS = new Set(INPUT_SINKS.carriers.stringMethods);
const GETTERS = new Set(INPUT_SINKS.carriers.getterMethods);
const OBJECT_CARRIERS = new Set(['Object.assign', 'structuredClone', 'JSON.parse']);
/** Binary bodies, and the server-chosen parts of an uploaded file (multer's `path`, `filename`, `destination`). */
const NOT_CONTROLLED = /\.(arrayBuffer|blob)\(\)$|\bfiles?\b.*\.(path|filename|destination)$/;
const COMPARISONS = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.InKeyword, ts.SyntaxKind.InstanceOfKeyword]);
const MAX_DEPTH = 12;
/** Text after which the next characters are a URL's host: nothing, or a scheme (`https://${domain}`). */
const HOST_START = /^((https?:)?\/\/)?$/;

/**
 * How request data reaches a value: `object` is a whole request object (`req.body`, a spread of it),
 * `value` a field whose type the request decides, `string` text built from it. `start` says the data
 * sets the start of the value (a URL's scheme or host), not only a later part.
 */
export interface Taint {
  input: InputRef;
  shape: 'object' | 'value' | 'string';
  start: boolean;
}

/**
 * Intra-procedural flow of a handler's unvalidated inputs: consts and lets (with their assignments),
 * destructuring, property reads, spreads into object literals, template literals and `+`, `||`/`??`,
 * string methods and path building. Any other call's result is clean: it may validate, and is not seen.
 * A value compared or passed to a call in an `if` that exits, or in a ternary's condition, is checked.
 */
export class TaintTracker {
  private readonly inputAt = new Map<ts.Node, InputRef>();
  private readonly assignments = new Map<ts.Node, ts.Expression[]>();
  private readonly checked = new Set<string>();
  private readonly memo = new Map<ts.Node, Taint | null>();

  constructor(handler: ts.FunctionLikeDeclaration | undefined, inputs: readonly InputRef[], private readonly values: ValueResolver) {
    for (const input of inputs) if (!NOT_CONTROLLED.test(textOf(input.node))) this.inputAt.set(input.node, input);
    if (handler?.body) this.scan(handler.body);
  }

  taintOf(expression: ts.Expression, depth = 0): Taint | undefined {
    const node = unwrapExpression(expression);
    if (this.memo.has(node)) return this.memo.get(node) ?? undefined;
    if (depth > MAX_DEPTH) return undefined;
    this.memo.set(node, null);
    const found = this.checked.has(textOf(node)) ? undefined : this.compute(node, depth + 1);
    this.memo.set(node, found ?? null);
    return found;
  }

  private compute(node: ts.Expression, depth: number): Taint | undefined {
    const input = this.inputAt.get(node);
    if (input) return this.fromInput(input, node);
    if (ts.isIdentifier(node)) return this.identifier(node, depth);
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      if (ts.isPropertyAccessExpression(node) && node.name.text === 'length') return undefined;
      const base = this.taintOf(node.expression, depth);
      return base && { ...base, shape: base.shape === 'string' ? 'string' : 'value' };
    }
    if (ts.isObjectLiteralExpression(node)) {
      // `{ ...req.body, ownerId }`: every field the caller sent is copied.
      for (const property of node.properties) {
        const spread = ts.isSpreadAssignment(property) ? this.taintOf(property.expression, depth) : undefined;
        if (spread?.shape === 'object') return { ...spread, start: false };
      }
      return undefined;
    }
    if (ts.isTemplateExpression(node)) {
      const spans = node.templateSpans.map((span) => this.taintOf(span.expression, depth));
      const first = spans.find((t) => t);
      return first && { input: first.input, shape: 'string', start: HOST_START.test(node.head.text) && !!spans[0]?.start };
    }
    if (ts.isBinaryExpression(node)) return this.binary(node, depth);
    if (ts.isConditionalExpression(node)) {
      if (this.conditionChecks(node.condition)) return undefined;
      return this.taintOf(node.whenTrue, depth) ?? this.taintOf(node.whenFalse, depth);
    }
    if (ts.isCallExpression(node)) return this.call(node, depth);
    if (ts.isNewExpression(node) && qualifiedName(this.values.origin(node.expression)) === 'URL') return this.url(node, depth);
    return undefined;
  }

  private fromInput(input: InputRef, node: ts.Node): Taint {
    const text = ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'text';
    // GraphQL arguments (resolver maps and Nest `@Args`) are typed by the schema: never an object the caller shapes freely.
    const shape = text || input.source === 'args' ? 'string' : input.key === undefined ? 'object' : 'value';
    return { input, shape, start: true };
  }

  private identifier(node: ts.Identifier, depth: number): Taint | undefined {
    const declaration = this.values.scopes.resolve(node);
    if (declaration?.kind === 'parameter') {
      const input = this.inputAt.get(declaration.node);
      if (!input) return undefined;
      const whole = this.fromInput(input, declaration.node);
      return declaration.path.length === 0 ? whole : { ...whole, shape: 'value' };
    }
    if (declaration?.kind !== 'variable') return undefined;
    const sources = [...(declaration.init ? [declaration.init] : []), ...(this.assignments.get(declaration.node) ?? [])];
    for (const source of sources) {
      const taint = this.taintOf(source, depth);
      if (!taint) continue;
      const { path } = declaration;
      // `const { id, ...rest } = req.body`: `rest` is still the caller's object, `id` one field of it.
      if (path.length === 0 || path[path.length - 1] === '...') return taint;
      return { ...taint, shape: taint.shape === 'string' ? 'string' : 'value' };
    }
    return undefined;
  }

  private binary(node: ts.BinaryExpression, depth: number): Taint | undefined {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.PlusToken) {
      const left = this.taintOf(node.left, depth);
      if (left) return { ...left, shape: 'string' };
      const right = this.taintOf(node.right, depth);
      const prefix = unwrapExpression(node.left);
      const hostNext = ts.isStringLiteralLike(prefix) && HOST_START.test(prefix.text);
      return right && { ...right, shape: 'string', start: hostNext && right.start };
    }
    if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken) return this.taintOf(node.left, depth) ?? this.taintOf(node.right, depth);
    if (operator === ts.SyntaxKind.CommaToken) return this.taintOf(node.right, depth);
    return undefined;
  }

  private call(node: ts.CallExpression, depth: number): Taint | undefined {
    const callee = unwrapExpression(node.expression);
    const name = qualifiedName(this.values.origin(callee));
    if (name && CARRIERS.has(name)) {
      const index = node.arguments.findIndex((arg) => this.taintOf(arg, depth));
      if (index < 0) return undefined;
      const taint = this.taintOf(node.arguments[index], depth)!;
      if (OBJECT_CARRIERS.has(name)) return { ...taint, shape: name === 'JSON.parse' ? 'object' : taint.shape, start: false };
      return { ...taint, shape: 'string', start: index === 0 && taint.start };
    }
    if (ts.isPropertyAccessExpression(callee) && (STRING_METHODS.has(callee.name.text) || GETTERS.has(callee.name.text))) {
      const receiver = this.taintOf(callee.expression, depth);
      return receiver && { ...receiver, shape: STRING_METHODS.has(callee.name.text) ? 'string' : 'value', start: receiver.start };
    }
    return undefined;
  }

  /** `new URL(x)`, `new URL(path, base)`: an absolute `path` replaces the base, so either may set the host. */
  private url(node: ts.NewExpression, depth: number): Taint | undefined {
    const [path, base] = node.arguments ?? [];
    const taints = [path, base].map((arg) => (arg ? this.taintOf(arg, depth) : undefined));
    const starting = taints.find((t) => t?.start);
    return starting ? { ...starting, shape: 'string' } : undefined;
  }

  /** Assignments to local variables, and the values checked by an `if` that exits. */
  private scan(body: ts.Node): void {
    const walk = (node: ts.Node): void => {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left)) {
        const declaration = this.values.scopes.resolve(node.left);
        if (declaration?.kind === 'variable') this.assignments.set(declaration.node, [...(this.assignments.get(declaration.node) ?? []), node.right]);
      }
      if (ts.isIfStatement(node) && exits(node.thenStatement)) this.conditionChecks(node.expression);
      ts.forEachChild(node, walk);
    };
    walk(body);
  }

  /**
   * Records the values a condition checks (an argument or receiver of a call, a side of a comparison
   * with a non-nullish value) and says whether it checks any. A bare truthiness test checks nothing.
   */
  private conditionChecks(condition: ts.Expression): boolean {
    let found = false;
    const record = (expression: ts.Expression) => {
      const inner = unwrapExpression(expression);
      if (!ts.isIdentifier(inner) && !ts.isPropertyAccessExpression(inner) && !ts.isElementAccessExpression(inner)) return;
      this.checked.add(textOf(inner));
      found = true;
    };
    const walk = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        node.arguments.forEach(record);
        if (ts.isPropertyAccessExpression(node.expression)) record(node.expression.expression);
      }
      if (ts.isBinaryExpression(node) && COMPARISONS.has(node.operatorToken.kind) && !isNullish(node.left) && !isNullish(node.right)) {
        if (!ts.isTypeOfExpression(node.left) && !ts.isTypeOfExpression(node.right)) [node.left, node.right].forEach(record);
      }
      if (!ts.isFunctionLike(node)) ts.forEachChild(node, walk);
    };
    walk(condition);
    return found;
  }
}

function isNullish(node: ts.Expression): boolean {
  const inner = unwrapExpression(node);
  return inner.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(inner) && inner.text === 'undefined');
}

/** A branch that leaves the handler: `return …`, `throw …`, or a block ending in one. */
function exits(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
  if (ts.isBlock(statement)) {
    const last = statement.statements[statement.statements.length - 1];
    return !!last && exits(last);
  }
  return false;
}
