import ts = require('typescript');
import { propertyNameText, unwrapExpression, type ValueResolver } from '../../engine/values';
import { textOf } from '../../routes/chains';
import type { RouteHandler } from '../../routes';
import { AUTHORIZATION } from './support-knowledge';
import { objectOf, typedOrm } from '../support-orm';

/** A call that loads, updates or deletes records, with the parts that say which ones. */
export interface ResourceAccess {
  call: ts.CallExpression;
  /** Where the finding sits: the callee (`prisma.document.delete`), or the method of a builder chain. */
  anchor: ts.Node;
  /** The model as the code names it (`prisma.document`, `Document`, `documents`), to find sibling queries. */
  model: string;
  /** Expressions that select the records: a where object, an id argument, a drizzle condition. */
  selectors: ts.Expression[];
  /** The where object literal, when there is one (the fix can add an owner constraint to it). */
  where?: ts.ObjectLiteralExpression;
}

const TYPEORM_CRITERIA_FIRST = new Set(['update', 'delete', 'softDelete', 'restore', 'findOneBy', 'findOneByOrFail']);
const MODEL_RECEIVER = /(^|\.)[A-Z]\w*$|[rR]epo(sitory)?$|[mM]odel$|[mM]anager$/;
const DRIZZLE_TARGETS = new Set(['update', 'delete', 'from']);
const compact = (node: ts.Node) => node.getText().replace(/\s+/g, '');

/** Recognises ORM loads, updates and deletes of one or a few records (catalogue `loadMethods`). */
export function resourceAccess(call: ts.CallExpression, values: ValueResolver): ResourceAccess | undefined {
  const callee = unwrapExpression(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  const receiver = callee.expression;
  const receiverText = compact(receiver);
  if (method === 'where') return drizzleOrKnexWhere(call, callee);
  const typed = typedOrm(receiver, values);
  // TypeORM repositories take the criteria first: `repo.update(id, changes)`, `repo.delete(id)`.
  if (typed === 'typeorm' && TYPEORM_CRITERIA_FIRST.has(method) && call.arguments[0]) {
    const literal = objectOf(call.arguments[0], values);
    return { call, anchor: callee, model: receiverText, selectors: [call.arguments[0]], ...(literal ? { where: literal } : {}) };
  }
  if (AUTHORIZATION.whereOption.has(method)) {
    // Prisma `prisma.doc.delete({ where })`, TypeORM `repo.findOne({ where })`, Sequelize `Doc.update(values, { where })`.
    const holder = call.arguments.map((a) => objectOf(a, values)).find((o) => o && whereOf(o));
    const where = holder && whereOf(holder);
    if (!where) return undefined;
    if (!ts.isPropertyAccessExpression(unwrapExpression(receiver)) && !MODEL_RECEIVER.test(receiverText) && !typed) return undefined;
    return { call, anchor: callee, model: receiverText, selectors: [where], ...(ts.isObjectLiteralExpression(unwrapExpression(where)) ? { where: unwrapExpression(where) as ts.ObjectLiteralExpression } : {}) };
  }
  if (AUTHORIZATION.whereArgument.has(method) && (MODEL_RECEIVER.test(receiverText) || typed) && call.arguments[0]) {
    // Mongoose `Doc.findById(id)`, Sequelize `Doc.findByPk(id)`, TypeORM `repo.findOneBy({ id })`.
    const first = call.arguments[0];
    const literal = objectOf(first, values);
    return { call, anchor: callee, model: receiverText, selectors: [first], ...(literal ? { where: literal } : {}) };
  }
  return undefined;
}

/** `db.update(t).set(v).where(eq(t.id, id))`, `db.delete(t).where(…)`, `knex('docs').where({ id }).del()`. */
function drizzleOrKnexWhere(call: ts.CallExpression, callee: ts.PropertyAccessExpression): ResourceAccess | undefined {
  const condition = call.arguments[0];
  if (!condition) return undefined;
  let node = unwrapExpression(callee.expression);
  while (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    const name = node.expression.name.text;
    if (DRIZZLE_TARGETS.has(name) && node.arguments[0]) return { call, anchor: callee.name, model: compact(node.arguments[0]), selectors: [condition] };
    node = unwrapExpression(node.expression.expression);
  }
  if (ts.isCallExpression(node) && /^(knex|db|trx|this\.(db|knex))$/.test(compact(node.expression)) && node.arguments[0]) {
    const literal = unwrapExpression(condition);
    return { call, anchor: callee.name, model: compact(node.arguments[0]), selectors: call.arguments.slice(), ...(ts.isObjectLiteralExpression(literal) ? { where: literal } : {}) };
  }
  return undefined;
}

function whereOf(object: ts.ObjectLiteralExpression): ts.Expression | undefined {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && propertyNameText(property.name) === 'where') return property.initializer;
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === 'where') return property.name;
  }
  return undefined;
}

interface RouteInputs {
  inputTexts: Set<string>;
  bindings: Set<string>;
  inputNodes: Set<ts.Node>;
}

// One index per route: `readsRequestId` is asked about every piece of every selector.
const routeInputs = new WeakMap<RouteHandler, RouteInputs>();

function inputsOf(route: RouteHandler): RouteInputs {
  let found = routeInputs.get(route);
  if (!found) {
    found = {
      inputTexts: new Set(route.inputs.map((input) => textOf(input.node))),
      bindings: new Set(route.inputs.flatMap((input) => input.bindings)),
      inputNodes: new Set(route.inputs.map((input) => input.node)),
    };
    routeInputs.set(route, found);
  }
  return found;
}

/** Whether an expression carries request data of the route: an input read, or a local derived from one. */
export function readsRequestId(expression: ts.Node, route: RouteHandler, values: ValueResolver, depth = 0): boolean {
  if (depth > 4) return false;
  const { inputTexts, bindings, inputNodes } = inputsOf(route);
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (inputNodes.has(node) || (ts.isExpression(node) && inputTexts.has(textOf(node)))) {
      found = true;
      return;
    }
    if (ts.isIdentifier(node) && !((ts.isPropertyAccessExpression(node.parent) || ts.isPropertyAssignment(node.parent)) && node.parent.name === node)) {
      if (bindings.has(node.text) && values.scopes.resolve(node)) {
        found = true;
        return;
      }
      const declaration = values.scopes.resolve(node);
      if (declaration?.kind === 'parameter' && inputNodes.has(declaration.node)) found = true;
      else if (declaration?.kind === 'variable' && declaration.init && !isLoadedValue(declaration.init) && readsRequestId(declaration.init, route, values, depth + 1)) found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(expression);
  return found;
}

/**
 * A value the handler loaded or computed by a call (`await getBounty({ id, programId })`, a record
 * found earlier): its id is the database's, and the call that produced it is judged on its own.
 */
function isLoadedValue(init: ts.Expression): boolean {
  const node = unwrapExpression(init);
  if (ts.isAwaitExpression(node)) return true;
  if (!ts.isCallExpression(node)) return false;
  const callee = unwrapExpression(node.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  return !TRANSFORMS.has(name);
}

const TRANSFORMS = new Set(['Number', 'String', 'parseInt', 'parseFloat', 'BigInt', 'decodeURIComponent', 'trim', 'toLowerCase', 'toUpperCase', 'toString', 'split', 'get', 'getAll', 'at']);

/** Inputs that authorize by possession: a signed token, an invite code, a share hash. */
export function isPossessionToken(expression: ts.Node): boolean {
  return /token|secret|otp|hash|signature|code|invite/i.test(expression.getText());
}

/** A selector scoped to the caller: it reads the principal, or pins an owner/tenant key to a value not taken from the request. */
export function isScopedToPrincipal(selector: ts.Node, route: RouteHandler, values: ValueResolver, depth = 0): boolean {
  let scoped = false;
  const visit = (node: ts.Node): void => {
    if (scoped) return;
    if (ts.isExpression(node) && route.principal.matches(node)) {
      scoped = true;
      return;
    }
    // A where built in a local const: `const where = and(eq(t.id, id), eq(t.workspaceId, ws.id))`.
    if (ts.isIdentifier(node) && depth < 3) {
      const declaration = values.scopes.resolve(node);
      if (declaration?.kind === 'variable' && declaration.init && declaration.init !== selector && isScopedToPrincipal(declaration.init, route, values, depth + 1)) {
        scoped = true;
        return;
      }
    }
    if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) {
      const key = propertyNameText(node.name);
      const value = ts.isPropertyAssignment(node) ? node.initializer : node.name;
      if (key && AUTHORIZATION.ownerKey.test(key) && !readsRequestId(value, route, values)) {
        scoped = true;
        return;
      }
    }
    // drizzle `eq(docs.ownerId, user.id)`, knex `.where('owner_id', userId)`
    if (ts.isCallExpression(node) && node.arguments.length >= 2) {
      const column = unwrapExpression(node.arguments[0]);
      const key = ts.isPropertyAccessExpression(column) ? column.name.text : ts.isStringLiteralLike(column) ? column.text : undefined;
      if (key && AUTHORIZATION.ownerKey.test(key.replace(/^\w+\./, '')) && !readsRequestId(node.arguments[1], route, values)) {
        scoped = true;
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(selector);
  return scoped;
}
