import ts = require('typescript');
import { qualifiedName, unwrapExpression, type ValueResolver } from '../engine/values';
import { FRAMEWORKS, type CallFrameworkKnowledge } from './knowledge';

export type CallFramework = 'express' | 'koa' | 'hono' | 'fastify';
export const CALL_FRAMEWORKS: readonly CallFramework[] = ['express', 'koa', 'hono', 'fastify'];

/** An app or router of a call-style framework; `key` identifies it within the file (its declaration or creation). */
export interface Instance {
  framework: CallFramework;
  level: 'app' | 'router';
  key: ts.Node;
}

export function knowledgeOf(framework: CallFramework): CallFrameworkKnowledge {
  return FRAMEWORKS[framework];
}

const MAX_DEPTH = 8;

/** The app or router an expression holds: `express()`, `Router().use(a)`, a const bound to one, a typed or plugin parameter. */
export function instanceOf(expression: ts.Expression, values: ValueResolver, depth = 0): Instance | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = unwrapExpression(expression);
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
    const callee = unwrapExpression(node.expression);
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(callee)) {
      const receiver = instanceOf(callee.expression, values, depth + 1);
      if (receiver && knowledgeOf(receiver.framework).chainable.includes(callee.name.text)) return receiver;
    }
    const name = qualifiedName(values.origin(node.expression));
    return name ? created(name, node) : undefined;
  }
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = values.scopes.resolve(node);
  if (declaration?.kind === 'variable' && declaration.init && declaration.path.length === 0) {
    const inner = instanceOf(declaration.init, values, depth + 1);
    return inner && { ...inner, key: declaration.node };
  }
  if (declaration?.kind === 'parameter' && declaration.path.length === 0) return parameterInstance(declaration.node, values);
  return undefined;
}

function created(name: string, node: ts.Node): Instance | undefined {
  for (const framework of CALL_FRAMEWORKS) {
    const known = knowledgeOf(framework);
    if (known.apps.includes(name)) return { framework, level: 'app', key: node };
    if (known.routers.includes(name)) return { framework, level: 'router', key: node };
  }
  return undefined;
}

/** `(app: Express)`, `(fastify: FastifyInstance)`, or a Fastify plugin's `fastify` parameter. */
function parameterInstance(parameter: ts.ParameterDeclaration, values: ValueResolver): Instance | undefined {
  const type = parameter.type;
  if (type && ts.isTypeReferenceNode(type)) {
    const typeName = type.typeName;
    const name = ts.isIdentifier(typeName)
      ? qualifiedName(values.origin(typeName))
      : [qualifiedName(values.origin(typeName.left as ts.Expression)), typeName.right.text].join('.');
    for (const framework of CALL_FRAMEWORKS) {
      if (name && knowledgeOf(framework).types.includes(name)) return { framework, level: 'router', key: parameter };
    }
  }
  const owner = parameter.parent;
  const isFirst = ts.isFunctionLike(owner) && owner.parameters[0] === parameter;
  const isPlugin = ts.isCallExpression(owner.parent) && ts.isPropertyAccessExpression(owner.parent.expression) && owner.parent.expression.name.text === 'register';
  if (isFirst && (isPlugin || (ts.isIdentifier(parameter.name) && FRAMEWORKS.fastify.pluginParameterNames.includes(parameter.name.text)))) {
    return { framework: 'fastify', level: 'router', key: parameter };
  }
  return undefined;
}

/** The function a handler argument refers to: inline, a local function or const, `this.method`, `controller.method`, or the last argument of a wrapper call. */
export function resolveFunction(expression: ts.Expression, values: ValueResolver, depth = 0): ts.FunctionLikeDeclaration | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = unwrapExpression(expression);
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return node;
  if (ts.isCallExpression(node)) {
    const callee = unwrapExpression(node.expression);
    // `this.list.bind(this)`
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'bind') return resolveFunction(callee.expression, values, depth + 1);
    const last = node.arguments[node.arguments.length - 1];
    return last ? resolveFunction(last, values, depth + 1) : undefined;
  }
  if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const cls = enclosingClass(node);
    return cls && classMember(cls, node.name.text, values, depth);
  }
  const origin = values.origin(node);
  if (origin.base.kind === 'function' && origin.path.length === 0) return origin.base.node;
  if (origin.base.kind === 'new' && origin.path.length === 1 && origin.base.ctor.base.kind === 'class') {
    return classMember(origin.base.ctor.base.node, origin.path[0], values, depth);
  }
  return undefined;
}

function classMember(cls: ts.ClassLikeDeclaration, name: string, values: ValueResolver, depth: number): ts.FunctionLikeDeclaration | undefined {
  for (const member of cls.members) {
    if (!member.name || !ts.isIdentifier(member.name) || member.name.text !== name) continue;
    if (ts.isMethodDeclaration(member)) return member;
    if (ts.isPropertyDeclaration(member) && member.initializer) return resolveFunction(member.initializer, values, depth + 1);
  }
  return undefined;
}

export function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) if (ts.isClassLike(current)) return current;
  return undefined;
}
