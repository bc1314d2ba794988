import ts = require('typescript');
import { ScopeResolver, normalizeModule, type Declaration } from './scope';

/** The function a node runs in (arrow functions and methods included). */
export function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current) && 'body' in current) return current as ts.FunctionLikeDeclaration;
  }
  return undefined;
}

/**
 * Where a value comes from, as far as one file shows it: a module export (`axios`, `undici.request`),
 * a global (`fetch`), the result of a call or `new` (`axios.create(...)`, `new Stripe(...)`), a value
 * typed by annotation only (a Nest-injected `Logger`), a local function or object literal.
 * `path` is the member chain read off that base: `axios.post` is module axios with path ['post'].
 */
export type OriginBase =
  | { kind: 'module'; module: string }
  | { kind: 'global'; name: string }
  | { kind: 'call'; node: ts.CallExpression; callee: Origin }
  | { kind: 'new'; node: ts.NewExpression; ctor: Origin }
  | { kind: 'typed'; typeName: string; type: Origin }
  | { kind: 'function'; node: ts.FunctionLikeDeclaration }
  | { kind: 'class'; node: ts.ClassLikeDeclaration }
  | { kind: 'object'; node: ts.ObjectLiteralExpression }
  | { kind: 'parameter'; node: ts.ParameterDeclaration }
  | { kind: 'unknown' };

export interface Origin {
  base: OriginBase;
  path: string[];
}

export const UNKNOWN: Origin = { base: { kind: 'unknown' }, path: [] };
const MAX_DEPTH = 12;

export type PropertyLookup =
  | { status: 'present'; element: ts.ObjectLiteralElementLike; value?: ts.Expression; object: ts.ObjectLiteralExpression }
  | { status: 'absent' }
  | { status: 'unknown' };

export function unwrapExpression(expression: ts.Expression): ts.Expression {
  let current = expression;
  for (;;) {
    if (
      ts.isParenthesizedExpression(current) ||
      ts.isAsExpression(current) ||
      ts.isNonNullExpression(current) ||
      ts.isSatisfiesExpression(current) ||
      ts.isTypeAssertionExpression(current) ||
      ts.isAwaitExpression(current)
    ) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

export function propertyNameText(name: ts.PropertyName | ts.Expression | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isComputedPropertyName(name)) return propertyNameText(name.expression);
  return undefined;
}

function isRequireCall(node: ts.Expression): node is ts.CallExpression {
  return (
    ts.isCallExpression(node) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'require' &&
    node.arguments.length === 1 &&
    ts.isStringLiteralLike(node.arguments[0])
  );
}

function withPath(origin: Origin, more: string[]): Origin {
  if (more.length === 0) return origin;
  let path = [...origin.path, ...more];
  // `require('axios').default` and `import * as x` + `.default` are the module itself.
  if (origin.base.kind === 'module' && path[0] === 'default') path = path.slice(1);
  return { base: origin.base, path };
}

/** Resolves names, members and simple data flow inside one file. */
export class ValueResolver {
  readonly scopes = new ScopeResolver();
  private readonly cache = new WeakMap<ts.Node, Origin>();

  origin(expression: ts.Expression, depth = 0): Origin {
    const cached = this.cache.get(expression);
    if (cached) return cached;
    const result = depth > MAX_DEPTH ? UNKNOWN : this.computeOrigin(expression, depth);
    this.cache.set(expression, result);
    return result;
  }

  private computeOrigin(expression: ts.Expression, depth: number): Origin {
    const node = unwrapExpression(expression);
    if (ts.isIdentifier(node)) {
      const declaration = this.scopes.resolve(node);
      if (!declaration) return { base: { kind: 'global', name: node.text }, path: [] };
      return this.declarationOrigin(declaration, depth);
    }
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const name = ts.isPropertyAccessExpression(node) ? node.name.text : propertyNameText(node.argumentExpression);
      if (name === undefined) return UNKNOWN;
      if (node.expression.kind === ts.SyntaxKind.ThisKeyword) return this.thisMemberOrigin(node, name, depth);
      const owner = this.origin(node.expression, depth + 1);
      if (owner.base.kind === 'unknown') return UNKNOWN;
      if (owner.base.kind === 'object' && owner.path.length === 0) {
        const property = this.lookupProperty(owner.base.node, [name]);
        if (property.status === 'present' && property.value) return this.origin(property.value, depth + 1);
      }
      return withPath(owner, [name]);
    }
    if (isRequireCall(node)) {
      return { base: { kind: 'module', module: normalizeModule((node.arguments[0] as ts.StringLiteral).text) }, path: [] };
    }
    if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
        return { base: { kind: 'module', module: normalizeModule(node.arguments[0].text) }, path: [] };
      }
      return { base: { kind: 'call', node, callee: this.origin(node.expression, depth + 1) }, path: [] };
    }
    if (ts.isNewExpression(node)) return { base: { kind: 'new', node, ctor: this.origin(node.expression, depth + 1) }, path: [] };
    if (ts.isObjectLiteralExpression(node)) return { base: { kind: 'object', node }, path: [] };
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return { base: { kind: 'function', node }, path: [] };
    if (ts.isClassExpression(node)) return { base: { kind: 'class', node }, path: [] };
    return UNKNOWN;
  }

  private declarationOrigin(declaration: Declaration, depth: number): Origin {
    switch (declaration.kind) {
      case 'import': {
        const base: OriginBase = { kind: 'module', module: declaration.module };
        const path = declaration.imported === 'default' || declaration.imported === '*' ? [] : [declaration.imported];
        return { base, path };
      }
      case 'variable': {
        if (declaration.init) return withPath(this.origin(declaration.init, depth + 1), declaration.path);
        return this.typedOrigin(declaration.node.type, depth) ?? UNKNOWN;
      }
      case 'parameter':
        if (declaration.path.length === 0) {
          const typed = this.typedOrigin(declaration.node.type, depth);
          if (typed) return typed;
        }
        return { base: { kind: 'parameter', node: declaration.node }, path: declaration.path };
      case 'function':
        return { base: { kind: 'function', node: declaration.node }, path: [] };
      case 'class':
        return { base: { kind: 'class', node: declaration.node }, path: [] };
      default:
        return UNKNOWN;
    }
  }

  /** `logger: Logger` (a Nest injection, say) is known by the origin of its type name. */
  private typedOrigin(type: ts.TypeNode | undefined, depth: number): Origin | undefined {
    if (!type || !ts.isTypeReferenceNode(type)) return undefined;
    const typeName = type.typeName;
    const name = ts.isIdentifier(typeName) ? typeName.text : typeName.right.text;
    const typeOrigin = ts.isIdentifier(typeName)
      ? this.origin(typeName, depth + 1)
      : withPath(this.origin(typeName.left as ts.Expression, depth + 1), [name]);
    return { base: { kind: 'typed', typeName: name, type: typeOrigin }, path: [] };
  }

  private thisMemberOrigin(node: ts.Expression, name: string, depth: number): Origin {
    const cls = enclosingClass(node);
    if (!cls) return UNKNOWN;
    for (const member of cls.members) {
      if (ts.isPropertyDeclaration(member) && propertyNameText(member.name) === name) {
        if (member.initializer) return this.origin(member.initializer, depth + 1);
        return this.typedOrigin(member.type, depth) ?? UNKNOWN;
      }
      if (ts.isConstructorDeclaration(member)) {
        for (const parameter of member.parameters) {
          if (ts.isIdentifier(parameter.name) && parameter.name.text === name && ts.getModifiers(parameter)?.length) {
            return this.typedOrigin(parameter.type, depth) ?? UNKNOWN;
          }
        }
        const assigned = member.body && findThisAssignment(member.body, name);
        if (assigned) return this.origin(assigned, depth + 1);
      }
    }
    return UNKNOWN;
  }

  /**
   * Looks a property up in an object value (a literal, or a local const that holds one), following
   * spreads of local objects. A spread or value whose content can't be seen makes an absent property
   * 'unknown': the caller should then stay silent.
   */
  lookupProperty(expression: ts.Expression | undefined, names: readonly string[], ignoreCase = false, depth = 0): PropertyLookup {
    if (!expression) return { status: 'absent' };
    if (depth > MAX_DEPTH) return { status: 'unknown' };
    const object = this.objectLiteral(expression, depth);
    if (!object) return { status: 'unknown' };
    const wanted = ignoreCase ? names.map((n) => n.toLowerCase()) : names;
    let unknown = false;
    let found: PropertyLookup | undefined;
    for (const element of object.properties) {
      if (ts.isSpreadAssignment(element)) {
        const inner = this.lookupProperty(element.expression, names, ignoreCase, depth + 1);
        if (inner.status === 'present') found = inner;
        else if (inner.status === 'unknown') unknown = true;
        continue;
      }
      const key = propertyNameText(element.name);
      if (key === undefined) {
        unknown = true;
        continue;
      }
      if (wanted.includes(ignoreCase ? key.toLowerCase() : key)) {
        const value = ts.isPropertyAssignment(element)
          ? element.initializer
          : ts.isShorthandPropertyAssignment(element)
            ? element.name
            : undefined;
        found = { status: 'present', element, value, object };
      }
    }
    if (found) return found;
    return unknown ? { status: 'unknown' } : { status: 'absent' };
  }

  /** The object literal an expression holds, when one file shows it (`{...}` or a const bound to one). */
  objectLiteral(expression: ts.Expression, depth = 0): ts.ObjectLiteralExpression | undefined {
    const node = unwrapExpression(expression);
    if (ts.isObjectLiteralExpression(node)) return node;
    if (ts.isIdentifier(node) && depth <= MAX_DEPTH) {
      const declaration = this.scopes.resolve(node);
      if (declaration?.kind === 'variable' && declaration.init && declaration.path.length === 0 && !isReassigned(declaration)) {
        return this.objectLiteral(declaration.init, depth + 1);
      }
    }
    return undefined;
  }
}

function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isClassLike(current)) return current;
    if (ts.isFunctionDeclaration(current) || ts.isFunctionExpression(current)) return undefined;
  }
  return undefined;
}

function findThisAssignment(body: ts.Block, name: string): ts.Expression | undefined {
  for (const statement of body.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) continue;
    const { left, operatorToken, right } = statement.expression;
    if (
      operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(left) &&
      left.expression.kind === ts.SyntaxKind.ThisKeyword &&
      left.name.text === name
    ) {
      return right;
    }
  }
  return undefined;
}

/** A `let` or `var` may be replaced later, so it can't be trusted to hold its initializer. */
function isReassigned(declaration: Extract<Declaration, { kind: 'variable' }>): boolean {
  return !declaration.isConst;
}

/** The name a call is made by, as written: `findMany` of `prisma.order.findMany`, `auth` of `auth()`. */
export function calleeName(expression: ts.Expression): string | undefined {
  const callee = unwrapExpression(expression);
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** `axios.post` / `undici.request` / `fetch`: a dotted name for module exports and globals, else undefined. */
export function qualifiedName(origin: Origin): string | undefined {
  const base = origin.base;
  const head = base.kind === 'module' ? base.module : base.kind === 'global' ? base.name : undefined;
  if (head === undefined) return undefined;
  return [head, ...origin.path].join('.');
}

/** The call or `new` that produced an instance (`axios.create(...)`, `new Stripe(...)`), if that is the base. */
export function creatorOf(origin: Origin): { node: ts.CallExpression | ts.NewExpression; name: string | undefined } | undefined {
  const base = origin.base;
  if (base.kind === 'call') return { node: base.node, name: qualifiedName(base.callee) };
  if (base.kind === 'new') return { node: base.node, name: qualifiedName(base.ctor) };
  return undefined;
}

/** The string value of a literal, or the literal head of a template (`https://x/${id}` → `https://x/`). */
export function staticText(expression: ts.Expression | undefined): string | undefined {
  if (!expression) return undefined;
  const node = unwrapExpression(expression);
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text;
  return undefined;
}
