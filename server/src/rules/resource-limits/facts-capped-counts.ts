import ts = require('typescript');
import type { FactCollector } from '../../engine/types';
import { calleeName, enclosingFunction, unwrapExpression, type ValueResolver } from '../../engine/values';
import { objectOf } from '../support-orm';
import { awaited, constInit, pinnedKeys, whereFields } from './support-where';

/**
 * A count the code holds against a limit where it creates rows, refusing above it: `if (count >=
 * workspace.usersLimit) throw …` before `projectUsers.create(…)`. The rows counted are capped per parent, so reading all of
 * one parent's rows is bounded too. Recorded as the model and the keys the count pins
 * (`tx.domain.count({ where: { projectId } })`), or as a relation whose rows the count reads
 * (`team._count.users`, `team.users.length`, where `team` is what `prisma.team.findUnique` returned),
 * which the Prisma schema resolves to a model and its foreign key.
 */
export const CAPPED_COUNT = 'resource-limits/capped-count';

export interface CappedCountFact {
  model?: string;
  /** The fields the count pins (`projectId`) … */
  keys?: string[];
  /** … and every field its where filters on: a read is capped only when it filters at least as narrowly. */
  fields?: string[];
  /** A relation's rows (`team.users`) and the model that holds it, read off the record's query (`prisma.team.findUnique`). */
  relation?: { field: string; parent: string };
}

/** A limit's name: `usersLimit`, `limits.users`, `MAX_DEFAULT_LINKS_PER_GROUP`, `plan.maxSeats`, `quota`. */
const LIMIT_NAME = /limit|max|quota|seats/i;
/**
 * The function also creates rows (`.create(`, a nested `create:`, the project's `createOrganisation(`,
 * `inviteUser(`, `addDomain(`): the comparison guards a write, not a read (an export's row cap).
 */
const CREATES = /\.(create|createMany|upsert|insert)\s*\(|\bcreate\s*:|\b(create|insert|add|invite|register|enroll)[A-Z]\w*\s*\(/;
const RELATIONAL = new Set([ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken]);

export const cappedCountCollector: FactCollector = {
  name: 'resource-limits/capped-counts',
  kinds: [ts.SyntaxKind.BinaryExpression, ts.SyntaxKind.IfStatement],
  prefilter: /\.(count|length|findFirst|findUnique)\b|_count/,
  create(context) {
    const { values } = context;
    const recorded = new Set<string>();
    const creates = new Map<ts.Node, boolean>();
    const add = (fact: CappedCountFact) => {
      const id = JSON.stringify(fact);
      if (recorded.has(id)) return;
      recorded.add(id);
      context.add({ kind: CAPPED_COUNT, data: fact });
    };
    return {
      [ts.SyntaxKind.BinaryExpression]: (node) => {
        const binary = node as ts.BinaryExpression;
        if (!RELATIONAL.has(binary.operatorToken.kind)) return;
        const [count, limit] = isLimit(binary.right) ? [binary.left, binary.right] : isLimit(binary.left) ? [binary.right, binary.left] : [];
        if (!count || !limit || !refusesAbove(binary)) return;
        // `invites + users > MAX_USERS`: each count is capped.
        const facts = addends(count).flatMap((term) => countedRows(term, values) ?? []);
        if (facts.length === 0 || !createsAround(binary, creates)) return;
        facts.forEach(add);
      },
      // `if (existing) throw …` before `prisma.emailDomain.create(…)`: one row per key.
      [ts.SyntaxKind.IfStatement]: (node) => {
        const statement = node as ts.IfStatement;
        const fact = existingRow(statement, values);
        if (fact && refuses(statement) && createsModel(statement, fact.model!)) add(fact);
      },
    };
  },
};

/** The terms of a sum: `a + b + c` → a, b, c. */
function addends(expression: ts.Expression): ts.Expression[] {
  const node = unwrapExpression(expression);
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken ? [...addends(node.left), ...addends(node.right)] : [node];
}

/** `if (existing)` where `const existing = await prisma.emailDomain.findFirst({ where: { programId } })`. */
function existingRow(statement: ts.IfStatement, values: ValueResolver): CappedCountFact | undefined {
  const condition = unwrapExpression(statement.expression);
  if (!ts.isIdentifier(condition)) return undefined;
  const init = awaited(constInit(condition, values, true));
  if (!init || !ts.isCallExpression(init) || !ts.isPropertyAccessExpression(init.expression) || !/^(findFirst|findUnique)$/.test(init.expression.name.text)) return undefined;
  return modelRows(init, values);
}

/** The function around the `if` creates rows of that very model. */
function createsModel(node: ts.Node, model: string): boolean {
  const pattern = new RegExp(`\\.${model}\\.(create|createMany|upsert)\\s*\\(`);
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) if (pattern.test(fn.getText())) return true;
  return false;
}

/** The comparison's function, or one around it (a transaction's callback inside the handler), creates rows. */
function createsAround(node: ts.Node, cache: Map<ts.Node, boolean>): boolean {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    let writes = cache.get(fn);
    if (writes === undefined) cache.set(fn, (writes = CREATES.test(fn.getText())));
    if (writes) return true;
  }
  return false;
}

/** A name that says it holds a limit, or a number of rows written out (`rows.length >= 1`), not arithmetic. */
function isLimit(expression: ts.Expression): boolean {
  const node = unwrapExpression(expression);
  if (ts.isIdentifier(node)) return LIMIT_NAME.test(node.text);
  if (ts.isPropertyAccessExpression(node)) return LIMIT_NAME.test(node.getText());
  return ts.isNumericLiteral(node) && Number(node.text) >= 1;
}

/** The comparison decides an `if` that refuses: its branch throws or returns (`if (n >= limit) throw …`). */
function refusesAbove(comparison: ts.BinaryExpression): boolean {
  let node: ts.Node = comparison;
  while (ts.isBinaryExpression(node.parent) || ts.isParenthesizedExpression(node.parent) || ts.isPrefixUnaryExpression(node.parent)) node = node.parent;
  const statement = node.parent;
  return ts.isIfStatement(statement) && statement.expression === node && refuses(statement);
}

/** The `if`'s branch throws or returns. */
function refuses(statement: ts.IfStatement): boolean {
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found || ts.isFunctionLike(child)) return;
    if (ts.isThrowStatement(child) || ts.isReturnStatement(child)) found = true;
    else ts.forEachChild(child, visit);
  };
  visit(statement.thenStatement);
  return found;
}

/** What a count reads: `x._count.users`, `team.users.length`, `rows.length`, `await tx.domain.count({ where })`, through consts. */
export function countedRows(expression: ts.Expression, values: ValueResolver, depth = 0): CappedCountFact | undefined {
  if (depth > 3) return undefined;
  let node = unwrapExpression(expression);
  if (ts.isAwaitExpression(node)) node = unwrapExpression(node.expression);
  if (ts.isIdentifier(node)) {
    const init = constInit(node, values, true);
    return init && countedRows(init, values, depth + 1);
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'count') {
    return modelRows(node, values);
  }
  if (!ts.isPropertyAccessExpression(node)) return undefined;
  const base = unwrapExpression(node.expression);
  // `team._count.users`
  if (ts.isPropertyAccessExpression(base) && base.name.text === '_count') return relationRows(base.expression, node.name.text, values);
  if (node.name.text !== 'length') return undefined;
  // `team.users.length`
  if (ts.isPropertyAccessExpression(base)) return relationRows(base.expression, base.name.text, values);
  // `rows.length`, where `const rows = team.users` or `await prisma.domain.findMany({ where: { projectId } })`
  if (!ts.isIdentifier(base)) return undefined;
  const init = awaited(constInit(base, values, true));
  if (!init) return undefined;
  if (ts.isPropertyAccessExpression(init)) return relationRows(init.expression, init.name.text, values);
  if (ts.isCallExpression(init) && ts.isPropertyAccessExpression(init.expression) && init.expression.name.text === 'findMany') return modelRows(init, values);
  return undefined;
}

/** Methods that return the one record a relation count is read from. */
const ONE_RECORD = /^(findUnique|findFirst)(OrThrow)?$|^(create|update|upsert)$/;

/** `team.users` where `const team = await prisma.team.findUnique(…)`: the relation and the model that holds it. */
function relationRows(record: ts.Expression, field: string, values: ValueResolver): CappedCountFact | undefined {
  const holder = unwrapExpression(record);
  const init = ts.isIdentifier(holder) ? awaited(constInit(holder, values, true)) : undefined;
  if (!init || !ts.isCallExpression(init) || !ts.isPropertyAccessExpression(init.expression) || !ONE_RECORD.test(init.expression.name.text)) return undefined;
  const parent = calleeName(init.expression.expression);
  return parent ? { relation: { field, parent } } : undefined;
}

/** `tx.domain.count({ where: { projectId } })`: the model and the keys its where pins. */
function modelRows(call: ts.CallExpression, values: ValueResolver): CappedCountFact | undefined {
  const model = calleeName((call.expression as ts.PropertyAccessExpression).expression);
  const options = call.arguments[0] && objectOf(call.arguments[0], values);
  if (!model || !options) return undefined;
  const where = values.lookupProperty(options, ['where']);
  const whereObject = where.status === 'present' && where.value ? objectOf(where.value, values) : undefined;
  const keys = whereObject ? pinnedKeys(whereObject).keys : [];
  return whereObject && keys.length > 0 ? { model, keys, fields: whereFields(whereObject) } : undefined;
}
