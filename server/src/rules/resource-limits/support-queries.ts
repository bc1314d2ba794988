import ts = require('typescript');
import type { TextEdit } from '../../engine/types';
import { calleeName, propertyNameText, unwrapExpression, type ValueResolver } from '../../engine/values';
import { appendArgument, insertProperty } from '../../fixes/edits';
import { objectOf, typedOrm } from '../support-orm';
import { QUERIES, type ChainStyle, type OptionStyle } from './support-knowledge';
import { awaited, constInit, pinnedKeys, whereFields, type RowProbe } from './support-where';

/** A read that may return every matching row, found at the call that starts it. */
export interface UnboundedQuery {
  orm: string;
  /** Where the finding sits: the query method's callee (`prisma.order.findMany`, `db.select`, `knex`). */
  anchor: ts.Node;
  /** The query as the message names it. */
  name: string;
  /** The edit that bounds it with a page size, when one is safe to write. */
  limitEdit(pageSize: number): TextEdit | undefined;
  /** A Prisma read's model and pinned keys: the project's schema and capped counts may bound it still. */
  probe?: RowProbe;
}

export interface QueryOptions {
  uniqueKeys: readonly string[];
}

const BUILDER_STARTS = new Set(['createQueryBuilder', 'where', 'andWhere', 'orWhere', 'select', 'from', 'leftJoin', 'innerJoin', 'leftJoinAndSelect', 'innerJoinAndSelect', 'orderBy', 'addOrderBy']);

const compact = (node: ts.Node) => node.getText().replace(/\s+/g, '');

type QueryStyle = { kind: 'option'; style: OptionStyle } | { kind: 'chain'; style: ChainStyle };

/** The ORM style of a query method call (`prisma.order.findMany`, `Order.find`), by receiver name or declared type. */
function queryStyle(callee: ts.PropertyAccessExpression, values: ValueResolver): QueryStyle | undefined {
  const method = callee.name.text;
  const receiver = compact(callee.expression);
  const typed = typedOrm(callee.expression, values);
  const optionStyle = QUERIES.optionStyle.find((s) => s.methods.includes(method) && (s.receiver.test(receiver) || s.orm === typed));
  if (optionStyle) return { kind: 'option', style: optionStyle };
  const chainStyle = QUERIES.chainStyle.find((s) => s.methods.includes(method) && (!s.receiver || s.receiver.test(receiver) || s.orm === typed));
  return chainStyle && { kind: 'chain', style: chainStyle };
}

/** Whether a call reads rows with nothing bounding how many: an option, a chained limit, or a unique key. */
export function unboundedQuery(call: ts.CallExpression, values: ValueResolver, options: QueryOptions): UnboundedQuery | undefined {
  const callee = unwrapExpression(call.expression);
  if (ts.isPropertyAccessExpression(callee)) {
    const style = queryStyle(callee, values);
    if (style?.kind === 'option') return optionStyleQuery(call, callee, style.style, values, options);
    if (style?.kind === 'chain') return chainStyleQuery(call, callee, style.style, values, options);
    if (callee.name.text === 'from' && isDrizzleSelect(callee.expression)) return builderQuery(call, 'drizzle', (callee.expression as ts.CallExpression).expression, values, options);
  }
  if (isKnexRoot(call)) return builderQuery(call, 'knex', call.expression, values, options);
  return undefined;
}

/** The page sizes a query passes. */
export interface QueryBounds {
  /** The query as messages name it. */
  name: string;
  /** `take: n`, `limit: n`, `.limit(n)`, `.take(n)`. */
  limits: ts.Expression[];
}

const LIMIT_METHODS = new Set(['limit', 'take']);

/** The page sizes of a query with options or a chain the file can see (option- and chain-style ORMs). */
export function queryBounds(call: ts.CallExpression, values: ValueResolver): QueryBounds | undefined {
  const callee = unwrapExpression(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const style = queryStyle(callee, values);
  if (!style) return undefined;
  const limits: ts.Expression[] = [];
  if (style.kind === 'option') {
    const argument = optionsArgumentOf(call, style.style);
    const object = argument && objectOf(argument, values);
    if (!object) return undefined;
    for (const key of style.style.limitKeys) {
      const value = values.lookupProperty(object, [key]);
      if (value.status === 'present' && value.value) limits.push(value.value);
    }
  } else {
    for (const { method, call: chained } of chainAbove(call)) if (LIMIT_METHODS.has(method) && chained.arguments[0]) limits.push(chained.arguments[0]);
    for (let node = unwrapExpression(callee.expression); ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression); node = unwrapExpression(node.expression.expression)) {
      if (LIMIT_METHODS.has(node.expression.name.text) && node.arguments[0]) limits.push(node.arguments[0]);
    }
  }
  return { name: compact(callee), limits };
}

function optionStyleQuery(call: ts.CallExpression, callee: ts.PropertyAccessExpression, style: OptionStyle, values: ValueResolver, options: QueryOptions): UnboundedQuery | undefined {
  const argument = optionsArgumentOf(call, style);
  if (argument && isFunctionValue(argument, values)) return undefined;
  const object = argument ? objectOf(argument, values) : undefined;
  // An options value the file cannot see into may well carry the limit.
  if (argument && !object) return undefined;
  if (object && hasSpread(object)) return undefined;
  const where = object && !style.whereIsArgument ? values.lookupProperty(object, ['where']) : undefined;
  const whereObject = where?.status === 'present' && where.value ? objectOf(where.value, values) : undefined;
  // The application's settings table, read whole: `prisma.infraConfig.findMany()`.
  if (!style.whereIsArgument && where?.status !== 'present' && QUERIES.settingsTable.test(calleeName(callee.expression) ?? '')) return undefined;
  if (object && style.whereIsArgument) {
    if (pinsUniqueKey(object, values, options)) return undefined;
  } else if (object && where) {
    if (style.limitKeys.some((key) => values.lookupProperty(object, [key]).status === 'present')) return undefined;
    if (whereObject && pinsUniqueKey(whereObject, values, options)) return undefined;
    if (whereObject && labelsOfOneRecord(calleeName(callee.expression) ?? '', whereObject)) return undefined;
    // Drizzle's relational where is a condition (`eq(t.workspaceId, id)`); a where built elsewhere
    // (`where: whereForIds(ids)`, an array of conditions) may well bound the query.
    const condition = where.status === 'present' && !whereObject && where.value ? unwrapExpression(where.value) : undefined;
    if (condition && isDrizzleCondition(condition)) {
      if (conditionPinsId(condition, options)) return undefined;
    } else if (where.status === 'present' && !whereObject) return undefined;
  }
  const insertKey = style.insertKey;
  // The model the receiver names: `prisma.projectUsers`, `tx.domain`, `this.prisma.order`.
  const model = style.orm === 'prisma' && whereObject ? calleeName(callee.expression) : undefined;
  return {
    orm: style.orm,
    anchor: callee,
    name: compact(callee),
    ...(model && whereObject ? { probe: { model, ...pinnedKeys(whereObject), fields: whereFields(whereObject) } } : {}),
    limitEdit: (pageSize) => {
      if (!insertKey || style.whereIsArgument) return undefined;
      const property = `${insertKey}: ${pageSize}`;
      const literal = argument && unwrapExpression(argument);
      if (literal && ts.isObjectLiteralExpression(literal)) return insertProperty(literal, property, call.getSourceFile());
      if (!argument && (style.optionsArgument === -1 || call.arguments.length === style.optionsArgument)) return appendArgument(call, `{ ${property} }`);
      return undefined;
    },
  };
}

function chainStyleQuery(call: ts.CallExpression, callee: ts.PropertyAccessExpression, style: ChainStyle, values: ValueResolver, options: QueryOptions): UnboundedQuery | undefined {
  const first = call.arguments[0];
  if (first && isFunctionValue(first, values)) return undefined;
  if (style.whereArgument !== undefined) {
    const filter = call.arguments[style.whereArgument];
    const object = filter ? objectOf(filter, values) : undefined;
    if (filter && !object) return undefined;
    if (object && (hasSpread(object) || pinsUniqueKey(object, values, options))) return undefined;
  }
  // `service.getMany()` is a method of the project's; a builder's terminal ends a chain of builder calls.
  if (style.insertMethod && !chainBelow(callee.expression).some((m) => BUILDER_STARTS.has(m))) return undefined;
  const methods = [...chainAbove(call).map((c) => c.method), ...(style.insertMethod ? chainBelow(callee.expression) : [])];
  if (methods.some((m) => style.limitMethods.includes(m))) return undefined;
  if (style.insertMethod && chainBelowPinsId(callee.expression)) return undefined;
  const insertMethod = style.insertMethod;
  return {
    orm: style.orm,
    // A builder chain can span lines: the terminal method alone says which query runs.
    anchor: style.insertMethod ? callee.name : callee,
    name: style.insertMethod ? `…${callee.name.text}()` : compact(callee),
    limitEdit: (pageSize) => {
      if (style.insertAfterCall) return { start: call.getEnd(), end: call.getEnd(), newText: `.limit(${pageSize})` };
      if (insertMethod) return { start: callee.name.getStart(), end: callee.name.getStart(), newText: `${insertMethod}(${pageSize}).` };
      return undefined;
    },
  };
}

/** Drizzle and knex builders: the whole chain is the query, awaited or returned at its outermost call. */
function builderQuery(start: ts.CallExpression, orm: string, anchor: ts.Node, values: ValueResolver, options: QueryOptions): UnboundedQuery | undefined {
  const above = chainAbove(start);
  const outer = above.length > 0 ? above[above.length - 1].call : start;
  if (!isConsumedAsResult(outer)) return undefined;
  for (const { method, call } of above) {
    if (QUERIES.builderLimits.has(method)) return undefined;
    if (QUERIES.writeMethods.has(method) || !QUERIES.readMethods.has(method)) return undefined;
    if (method.startsWith('where') && builderWherePinsId(method, call, values, options)) return undefined;
  }
  if (orm === 'knex' && !above.some((c) => c.method === 'select' || c.method.startsWith('where') || c.method === 'orderBy')) return undefined;
  return {
    orm,
    anchor,
    name: orm === 'drizzle' ? `${compact(anchor)}().from(…)` : `${compact(anchor)}(…)`,
    limitEdit: (pageSize) => ({ start: outer.getEnd(), end: outer.getEnd(), newText: `.limit(${pageSize})` }),
  };
}

/** Calls chained on a call's result, innermost first: `find(f).sort(s).limit(10)` → sort, limit. */
function chainAbove(call: ts.CallExpression): { method: string; call: ts.CallExpression }[] {
  const chain: { method: string; call: ts.CallExpression }[] = [];
  let node: ts.Node = call;
  while (ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node && ts.isCallExpression(node.parent.parent) && node.parent.parent.expression === node.parent) {
    chain.push({ method: node.parent.name.text, call: node.parent.parent });
    node = node.parent.parent;
  }
  return chain;
}

/** Method names of the calls a receiver is built from: `qb.where(…).take(10)` → take, where. */
function chainBelow(receiver: ts.Expression): string[] {
  const methods: string[] = [];
  let node = unwrapExpression(receiver);
  while (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    methods.push(node.expression.name.text);
    node = unwrapExpression(node.expression.expression);
  }
  return methods;
}

/** A TypeORM builder filtered on a unique column: `.where('order.id = :id', { id })`. */
function chainBelowPinsId(receiver: ts.Expression): boolean {
  let node = unwrapExpression(receiver);
  while (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    const condition = node.arguments[0];
    if (/^(where|andWhere)$/.test(node.expression.name.text) && condition && ts.isStringLiteralLike(condition) && /(^|\.)(id|uuid)\s*=\s*:/.test(condition.text)) return true;
    node = unwrapExpression(node.expression.expression);
  }
  return false;
}

/** Awaited, returned or yielded: the builder runs as this query; one kept in a const is often a subquery of another. */
function isConsumedAsResult(node: ts.Node): boolean {
  const parent = node.parent;
  return ts.isAwaitExpression(parent) || ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === node) || ts.isYieldExpression(parent);
}

function isDrizzleSelect(expression: ts.Expression): boolean {
  const node = unwrapExpression(expression);
  return ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && QUERIES.drizzleSelect.has(node.expression.name.text);
}

/** `knex('orders')`, `this.db(TABLE)`: a knex root called with a table name. */
function isKnexRoot(call: ts.CallExpression): boolean {
  const first = call.arguments[0];
  if (call.arguments.length !== 1 || !first || isFunctionValue(first, undefined)) return false;
  return QUERIES.knexRoot.test(compact(call.expression)) && (ts.isStringLiteralLike(first) || ts.isIdentifier(first) || ts.isPropertyAccessExpression(first));
}

function builderWherePinsId(method: string, call: ts.CallExpression, values: ValueResolver, options: QueryOptions): boolean {
  const [first] = call.arguments;
  if (!first) return false;
  const object = objectOf(first, values);
  if (object) return pinsUniqueKey(object, values, options);
  if (method === 'whereIn') return true;
  if ((method === 'where' || method === 'andWhere') && ts.isStringLiteralLike(first)) return isUniqueKey(first.text.split('.').pop()!, options);
  return conditionPinsId(first, options);
}

const DRIZZLE_OPERATORS = new Set(['eq', 'ne', 'and', 'or', 'not', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'inArray', 'notInArray', 'isNull', 'isNotNull', 'between', 'exists']);

function isDrizzleCondition(node: ts.Expression): boolean {
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && DRIZZLE_OPERATORS.has(node.expression.text);
}

/** Drizzle conditions: `eq(orders.id, id)`, `inArray(orders.slug, slugs)`, `and(eq(orders.id, id), …)`. */
function conditionPinsId(condition: ts.Expression, options: QueryOptions): boolean {
  const node = unwrapExpression(condition);
  if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression)) return false;
  const name = node.expression.text;
  // `and(...conditions)`: a list of conditions assembled elsewhere may hold the bound.
  if (name === 'and') return node.arguments.some((a) => ts.isSpreadElement(a) || conditionPinsId(a, options));
  if (name === 'inArray') return true;
  if (name !== 'eq') return false;
  const column = node.arguments[0] && unwrapExpression(node.arguments[0]);
  return !!column && ts.isPropertyAccessExpression(column) && isUniqueKey(column.name.text, options);
}

/**
 * A where object that names a unique key (`{ id }`, `AND: [{ id }]`) or filters by a list (`{ slug: { in: slugs } }`,
 * `{ user: { email: { in: emails } } }`): the result grows with the list the caller holds, not with the table.
 * A parent created by this same request (`{ envelopeId: created.id }`) has only the children it was given.
 */
function pinsUniqueKey(where: ts.ObjectLiteralExpression, values: ValueResolver, options: QueryOptions): boolean {
  const bounded = (branch: ts.ObjectLiteralExpression) => pinsUniqueKey(branch, values, options);
  if (filtersByList(where, bounded)) return true;
  for (const property of where.properties) {
    const key = property.name ? propertyNameText(property.name) : undefined;
    if (!key) continue;
    if (isUniqueKey(key, options)) {
      if (ts.isShorthandPropertyAssignment(property)) return true;
      if (!ts.isPropertyAssignment(property)) continue;
      const value = unwrapExpression(property.initializer);
      if (!ts.isObjectLiteralExpression(value)) return true;
      if (['equals', 'in', '$in', '$eq'].some((op) => values.lookupProperty(value, [op]).status === 'present')) return true;
    }
    if ((key === 'AND' || key === '$and') && ts.isPropertyAssignment(property)) {
      const list = unwrapExpression(property.initializer);
      const items = ts.isArrayLiteralExpression(list) ? list.elements : [list];
      if (items.some((item) => ts.isObjectLiteralExpression(item) && pinsUniqueKey(item, values, options))) return true;
    }
    // Prisma's compound unique keys: `where: { orgId_slug: { orgId, slug } }`.
    if (/^[a-z]\w*_[a-z]\w*$/i.test(key) && ts.isPropertyAssignment(property) && ts.isObjectLiteralExpression(unwrapExpression(property.initializer))) return true;
    if (/Id$/.test(key) && ts.isPropertyAssignment(property) && isIdOfCreatedRecord(property.initializer, values)) return true;
  }
  return false;
}

/**
 * The labels attached to one record (catalogue `labelModels`): the label model through its join with a
 * key pinned (`tag.findMany({ where: { links: { some: { linkId } } } })`), or the join model pinned by
 * the record's keys, not the label's (`programPartnerTag.findMany({ where: { programId, partnerId } })`).
 */
function labelsOfOneRecord(model: string, where: ts.ObjectLiteralExpression): boolean {
  if (!QUERIES.labelModel.test(model)) return false;
  const { keys, some } = pinnedKeys(where);
  const recordKey = (key: string) => ID_FIELD.test(key) && !QUERIES.labelKey.test(key);
  if (some.some((filter) => filter.keys.some(recordKey))) return true;
  // A join names its record by a compound key (`programId` and `partnerId` of an enrollment); one key
  // alone may be the labels' owner (`partnerTag.findMany({ where: { programId } })`: a program's labels).
  return /[a-z][A-Z]/.test(model) && keys.filter(recordKey).length >= 2 && !keys.some((k) => QUERIES.labelKey.test(k));
}

/** `prisma.envelope.create`, `repo.insert`, a project's `createEnvelope(…)`. */
const CREATE_NAME = /^(create|insert)(One|[A-Z]\w*)?$/;

/** `created.id` where `const created = await prisma.envelope.create(…)` (or `createEnvelope(…)`) in the same function. */
function isIdOfCreatedRecord(value: ts.Expression, values: ValueResolver): boolean {
  const node = unwrapExpression(value);
  if (!ts.isPropertyAccessExpression(node) || !/^(id|_id)$/.test(node.name.text) || !ts.isIdentifier(node.expression)) return false;
  const call = awaited(constInit(node.expression, values));
  if (!call || !ts.isCallExpression(call)) return false;
  const name = calleeName(call.expression);
  return !!name && CREATE_NAME.test(name);
}

/** A map callback that returns an object of plain equalities: `(i) => ({ partnerId: i.partnerId, type })`. */
function exactMatchPerItem(callback: ts.Expression | undefined): boolean {
  const fn = callback && unwrapExpression(callback);
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return false;
  // `(i) => ({ … })`, or a body that only returns it: `(i) => { return { … }; }`.
  let body: ts.Expression | undefined = ts.isBlock(fn.body) ? undefined : fn.body;
  if (ts.isBlock(fn.body) && fn.body.statements.length === 1) {
    const [only] = fn.body.statements;
    if (ts.isReturnStatement(only)) body = only.expression;
  }
  if (!body) return false;
  const object = unwrapExpression(body);
  if (!ts.isObjectLiteralExpression(object) || object.properties.length === 0) return false;
  return object.properties.every((p) => ts.isShorthandPropertyAssignment(p) || (ts.isPropertyAssignment(p) && !ts.isObjectLiteralExpression(unwrapExpression(p.initializer))));
}

const LIST_OPERATORS = new Set(['in', '$in']);
/** A field holding a record's id: `id`, `userId`, `orgID`, `user_id`. */
const ID_FIELD = /(^id|Id|ID|_id)$/;
const OR_KEYS = new Set(['OR', '$or']);

/**
 * A filter by a list somewhere in the where (`{ id: { in: ids } }`, `...(ids && { id: { in: ids } })`), or an
 * `OR` whose every branch is bounded (`OR: [...(ids.length ? [{ id: { in: ids } }] : []), …]`).
 */
function filtersByList(where: ts.ObjectLiteralExpression, bounded: (branch: ts.ObjectLiteralExpression) => boolean, depth = 0): boolean {
  if (depth > 3) return false;
  const inValue = (value: ts.Expression): boolean => {
    const node = unwrapExpression(value);
    if (ts.isObjectLiteralExpression(node)) return filtersByList(node, bounded, depth + 1);
    if (ts.isArrayLiteralExpression(node)) return node.elements.some((e) => inValue(e));
    if (ts.isBinaryExpression(node)) return inValue(node.right);
    if (ts.isConditionalExpression(node)) return inValue(node.whenTrue);
    return false;
  };
  return where.properties.some((property) => {
    if (ts.isSpreadAssignment(property)) return inValue(property.expression);
    if (!ts.isPropertyAssignment(property)) return false;
    const key = propertyNameText(property.name);
    if ((key && LIST_OPERATORS.has(key)) || isInOperatorKey(property.name)) return true;
    if (key && OR_KEYS.has(key)) return everyBranchBounded(property.initializer, bounded);
    // An id field of the where itself (not an operator such as `notIn`, `hasSome`) given a list; a list of
    // statuses (`{ status: ['paid', 'shipped'] }`) matches every row that has one of them.
    if (depth === 0 && key && ID_FIELD.test(key) && isListValue(property.initializer)) return true;
    return inValue(property.initializer);
  });
}

/** Sequelize's `[Op.in]: ids`. */
function isInOperatorKey(name: ts.PropertyName): boolean {
  return ts.isComputedPropertyName(name) && ts.isPropertyAccessExpression(name.expression) && name.expression.name.text === 'in';
}

/**
 * A field matched against a list: Sequelize and Mongoose read an array value as `IN` (`{ userId:
 * users.map((u) => u.id) }`, `{ groupId: groupIds }`), TypeORM spells it `In(ids)`. An array of
 * objects is not one (`AND: [{ … }]`); an identifier counts when named as a list of ids. Only for id fields (see filtersByList).
 */
function isListValue(value: ts.Expression): boolean {
  const node = unwrapExpression(value);
  if (ts.isArrayLiteralExpression(node)) return node.elements.length > 0 && node.elements.every((e) => !ts.isObjectLiteralExpression(unwrapExpression(e)) && !ts.isSpreadElement(e));
  if (ts.isCallExpression(node)) {
    const callee = unwrapExpression(node.expression);
    if (ts.isIdentifier(callee)) return callee.text === 'In';
    return ts.isPropertyAccessExpression(callee) && /^(map|filter|slice)$/.test(callee.name.text);
  }
  if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) return /(Ids|IDs|^ids)$/.test(ts.isIdentifier(node) ? node.text : node.name.text);
  return false;
}

/** The branches of an `OR` list, through conditional spreads; every one bounded, and at least one. */
function everyBranchBounded(list: ts.Expression, bounded: (branch: ts.ObjectLiteralExpression) => boolean): boolean {
  const branches: ts.Expression[] = [];
  let perItem = false;
  const collect = (node: ts.Expression): boolean => {
    const value = unwrapExpression(node);
    if (ts.isArrayLiteralExpression(value)) return value.elements.every((e) => collect(e));
    if (ts.isSpreadElement(value)) return collect(value.expression);
    if (ts.isConditionalExpression(value)) return collect(value.whenTrue) && collect(value.whenFalse);
    // `OR: items.map((i) => ({ partnerId: i.partnerId, type: i.type }))`: one exact match per item the caller
    // holds, like `{ in: items }`. Not ranges or prefixes per item (`{ path: { startsWith: f.path } }`).
    if (ts.isCallExpression(value) && ts.isPropertyAccessExpression(value.expression) && value.expression.name.text === 'map') {
      perItem = true;
      return exactMatchPerItem(value.arguments[0]);
    }
    branches.push(value);
    return true;
  };
  if (!collect(list) || (branches.length === 0 && !perItem)) return false;
  return branches.every((branch) => ts.isObjectLiteralExpression(branch) && bounded(branch));
}

function isUniqueKey(key: string, options: QueryOptions): boolean {
  return options.uniqueKeys.includes(key);
}

/** The options argument; for the entity manager's `find(Order, options)` the last one that is not the entity. */
function optionsArgumentOf(call: ts.CallExpression, style: OptionStyle): ts.Expression | undefined {
  if (style.optionsArgument >= 0) return call.arguments[style.optionsArgument];
  const rest = call.arguments.filter((arg) => !isEntityName(arg));
  return rest[rest.length - 1];
}

/** `Order`, `'order'`: how TypeORM's and MikroORM's managers name the entity they query. */
function isEntityName(expression: ts.Expression): boolean {
  const node = unwrapExpression(expression);
  return (ts.isIdentifier(node) && /^[A-Z]/.test(node.text)) || ts.isStringLiteralLike(node);
}

function hasSpread(object: ts.ObjectLiteralExpression): boolean {
  return object.properties.some((p) => ts.isSpreadAssignment(p));
}

function isFunctionValue(expression: ts.Expression, values: ValueResolver | undefined): boolean {
  const node = unwrapExpression(expression);
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return true;
  return !!values && values.origin(node).base.kind === 'function';
}
