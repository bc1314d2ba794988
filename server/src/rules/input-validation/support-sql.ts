import ts = require('typescript');
import { z } from 'zod';
import { commented, loadKnowledge, regexSource } from '../../knowledge/load';
import { qualifiedName, unwrapExpression, type ValueResolver } from '../../engine/values';
import data from '../../../../rules/knowledge/sql-sinks.json';

const names = z.array(z.string().min(1));

/** Schema of `rules/knowledge/sql-sinks.json`. */
export const sqlSinksKnowledgeSchema = commented({
  sinks: z.array(commented({ methods: names, receiverPattern: z.string(), style: z.enum(['prisma', 'question', 'positional']) })),
  numericFunctions: names,
  safeIdentifierPattern: regexSource,
});

const raw = loadKnowledge('sql-sinks', sqlSinksKnowledgeSchema, data);
const SINKS = raw.sinks.map((sink) => ({ ...sink, receiver: sink.receiverPattern ? new RegExp(sink.receiverPattern, 'i') : undefined }));
const NUMERIC = new Set(raw.numericFunctions);
const SAFE_IDENTIFIER = new RegExp(raw.safeIdentifierPattern);
const SQL_WORDS = /\b(select|insert\s+into|update|delete\s+from|where|from|values|order\s+by|group\s+by|join|create|alter|drop|truncate|limit)\b/i;

export type SqlStyle = 'prisma' | 'question' | 'positional';

/** A call that runs its first argument as SQL text, with the SQL as written and the parts that are not constant. */
export interface RawSqlCall {
  call: ts.CallExpression;
  method: ts.Identifier | ts.PrivateIdentifier;
  style: SqlStyle;
  receiverName: string;
  /** The SQL text as passed, a template or a `+` chain (after following a local const). */
  sql: ts.TemplateExpression | ts.BinaryExpression;
  /** Interpolated or concatenated values that are not constants. */
  dynamic: ts.Expression[];
}

export function rawSqlCall(call: ts.CallExpression, values: ValueResolver): RawSqlCall | undefined {
  const callee = unwrapExpression(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || call.arguments.length === 0) return undefined;
  const method = callee.name.text;
  const receiverName = lastSegment(callee.expression);
  const sink = SINKS.find((s) => s.methods.includes(method) && (!s.receiver || s.receiver.test(receiverName)));
  if (!sink) return undefined;
  const sql = sqlText(call.arguments[0], values);
  if (!sql) return undefined;
  const parts = sqlParts(sql);
  if (sink.style === 'positional' && !SQL_WORDS.test(parts.constant.join(' '))) return undefined;
  const dynamic = parts.dynamic.filter((part) => !isConstantValue(part, values));
  if (dynamic.length === 0) return undefined;
  return { call, method: callee.name, style: sink.style, receiverName, sql, dynamic };
}

/** The name a receiver ends in: `pool` of `this.pool`, `db()` of `getDb().db()`. */
export function lastSegment(expression: ts.Expression): string {
  const node = unwrapExpression(expression);
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isCallExpression(node)) return `${lastSegment(node.expression)}()`;
  return node.getText();
}

/** The SQL argument when it is built in place or in a local const: a template with substitutions or a `+` chain. */
function sqlText(argument: ts.Expression, values: ValueResolver, depth = 0): ts.TemplateExpression | ts.BinaryExpression | undefined {
  const node = unwrapExpression(argument);
  if (ts.isTemplateExpression(node)) return node;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return node;
  if (ts.isIdentifier(node) && depth < 3) {
    const declaration = values.scopes.resolve(node);
    if (declaration?.kind === 'variable' && declaration.isConst && declaration.init && declaration.path.length === 0) return sqlText(declaration.init, values, depth + 1);
  }
  return undefined;
}

function sqlParts(sql: ts.TemplateExpression | ts.BinaryExpression): { constant: string[]; dynamic: ts.Expression[] } {
  const constant: string[] = [];
  const dynamic: ts.Expression[] = [];
  const visit = (node: ts.Expression): void => {
    const inner = unwrapExpression(node);
    if (ts.isStringLiteralLike(inner)) constant.push(inner.text);
    else if (ts.isTemplateExpression(inner)) {
      constant.push(inner.head.text, ...inner.templateSpans.map((s) => s.literal.text));
      dynamic.push(...inner.templateSpans.map((s) => s.expression));
    } else if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      visit(inner.left);
      visit(inner.right);
    } else dynamic.push(node);
  };
  visit(sql);
  return { constant, dynamic };
}

/**
 * A value that cannot carry SQL: a literal, a number, a constant (`TABLE`, `T.features`, a const of
 * literals), a placeholder list (`placeholders`), or a nested template or ternary of those.
 */
function isConstantValue(expression: ts.Expression, values: ValueResolver, depth = 0): boolean {
  if (depth > 4) return false;
  const node = unwrapExpression(expression);
  if (ts.isStringLiteralLike(node) || ts.isNumericLiteral(node) || node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword || node.kind === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isTemplateExpression(node)) return node.templateSpans.every((s) => isConstantValue(s.expression, values, depth + 1));
  if (ts.isConditionalExpression(node)) return isConstantValue(node.whenTrue, values, depth + 1) && isConstantValue(node.whenFalse, values, depth + 1);
  if (ts.isBinaryExpression(node)) {
    if (node.operatorToken.kind === ts.SyntaxKind.PlusToken) return isConstantValue(node.left, values, depth + 1) && isConstantValue(node.right, values, depth + 1);
    // Arithmetic gives numbers; `a || 'x'` and `a ?? 'x'` keep a's risk.
    return [ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.SlashToken, ts.SyntaxKind.PercentToken].includes(node.operatorToken.kind);
  }
  if (ts.isPropertyAccessExpression(node)) {
    if (node.name.text === 'length') return true;
    const root = rootIdentifier(node);
    if (root && SAFE_IDENTIFIER.test(root.text)) return true;
    return node.expression.kind === ts.SyntaxKind.ThisKeyword && SAFE_IDENTIFIER.test(node.name.text);
  }
  if (ts.isCallExpression(node)) {
    const name = qualifiedName(values.origin(node.expression)) ?? node.expression.getText();
    if (NUMERIC.has(name)) return true;
    // `date.toISOString()`, `amount.toFixed(2)`: a fixed format that cannot hold a quote.
    const callee = unwrapExpression(node.expression);
    if (ts.isPropertyAccessExpression(callee) && /^(toISOString|toFixed|toPrecision|getTime|valueOf)$/.test(callee.name.text)) return true;
    // `ROLE_TYPES.map((t) => `'${t}'`).join(',')`: derived from a constant.
    const root = rootIdentifier(node.expression);
    if (root && SAFE_IDENTIFIER.test(root.text)) return true;
    // `ids.map((_, i) => `$${i + 1}`).join(', ')`: placeholders, not values; `insert.toQuery()`: SQL the builder escaped.
    return isPlaceholderList(node) || isBuilderSql(node) || isConstantList(node, values, depth);
  }
  if (ts.isIdentifier(node)) {
    if (SAFE_IDENTIFIER.test(node.text)) return true;
    const declaration = values.scopes.resolve(node);
    if (declaration?.kind === 'parameter' || declaration?.kind === 'variable') {
      const type = declaration.node.type;
      if (type && declaration.path.length === 0 && (type.kind === ts.SyntaxKind.NumberKeyword || type.kind === ts.SyntaxKind.BooleanKeyword)) return true;
    }
    if (declaration?.kind === 'variable' && declaration.path.length === 0) {
      if (declaration.isConst && declaration.init) return isConstantValue(declaration.init, values, depth + 1);
      // `for (const table of ['a', 'b'])`; `let table; table = 'a'; … table = 'b';`: only constants are ever held.
      const loop = declaration.node.parent.parent;
      if (ts.isForOfStatement(loop) && loop.initializer === declaration.node.parent) return isConstantValue(loop.expression, values, depth + 1);
      if (!declaration.isConst) return onlyAssignedConstants(node, declaration.node, values, depth);
    }
  }
  if (ts.isArrayLiteralExpression(node)) return node.elements.every((e) => !ts.isSpreadElement(e) && isConstantValue(e, values, depth + 1));
  return false;
}

/** A `let` whose initializer and every assignment in its scope are constants. */
function onlyAssignedConstants(name: ts.Identifier, declaration: ts.VariableDeclaration, values: ValueResolver, depth: number): boolean {
  if (declaration.initializer && !isConstantValue(declaration.initializer, values, depth + 1)) return false;
  let scope: ts.Node = declaration.parent;
  while (scope.parent && !ts.isBlock(scope) && !ts.isSourceFile(scope) && !ts.isFunctionLike(scope)) scope = scope.parent;
  let constant = true;
  let assigned = !!declaration.initializer;
  const walk = (node: ts.Node): void => {
    if (!constant) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      if (ts.isIdentifier(node.left) && node.left.text === name.text) {
        assigned = true;
        if (!isConstantValue(node.right, values, depth + 1)) constant = false;
      } else if (!ts.isIdentifier(node.left) && mentions(node.left, name.text)) constant = false; // `[table] = row`
    }
    ts.forEachChild(node, walk);
  };
  walk(scope);
  return constant && assigned;
}

/**
 * `clauses.join(', ')` where `const clauses: string[] = []` only ever receives constants in its scope
 * (`clauses.push(`questions = $${paramIndex}::jsonb`)`): fragments with numbered placeholders, the
 * values passed as parameters. Any other use of the list (handed to a call, assigned) is unknown.
 */
function isConstantList(call: ts.CallExpression, values: ValueResolver, depth: number): boolean {
  const callee = unwrapExpression(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'join' || !call.arguments.every((a) => isConstantValue(a, values, depth + 1))) return false;
  const list = unwrapExpression(callee.expression);
  if (!ts.isIdentifier(list)) return false;
  const declaration = values.scopes.resolve(list);
  if (declaration?.kind !== 'variable' || declaration.path.length > 0 || !declaration.init || !ts.isArrayLiteralExpression(unwrapExpression(declaration.init))) return false;
  if (!isConstantValue(declaration.init, values, depth + 1)) return false;
  let scope: ts.Node = declaration.node.parent;
  while (scope.parent && !ts.isBlock(scope) && !ts.isSourceFile(scope) && !ts.isFunctionLike(scope)) scope = scope.parent;
  let constant = true;
  const walk = (node: ts.Node): void => {
    if (!constant) return;
    if (ts.isIdentifier(node) && node.text === list.text && node !== declaration.node.name) {
      const use = node.parent;
      const method = ts.isPropertyAccessExpression(use) && use.expression === node ? use.name.text : undefined;
      if (method === 'push' || method === 'unshift') {
        const added = use.parent;
        if (!ts.isCallExpression(added) || !added.arguments.every((a) => !ts.isSpreadElement(a) && isConstantValue(a, values, depth + 1))) constant = false;
      } else if (method !== 'join' && method !== 'length') constant = false;
    }
    ts.forEachChild(node, walk);
  };
  walk(scope);
  return constant;
}

/** `query.toQuery()`, `insert.toString()`: the SQL of a query builder, which escapes its values. */
function isBuilderSql(call: ts.CallExpression): boolean {
  const callee = unwrapExpression(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !/^(toQuery|toString|toSQL)$/.test(callee.name.text)) return false;
  return /query|insert|update|builder|qb|sql/i.test(callee.expression.getText());
}

function mentions(node: ts.Node, name: string): boolean {
  if (ts.isIdentifier(node)) return node.text === name;
  return !!ts.forEachChild(node, (child) => mentions(child, name) || undefined);
}

function rootIdentifier(node: ts.Expression): ts.Identifier | undefined {
  let current = unwrapExpression(node);
  while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current) || ts.isCallExpression(current)) current = unwrapExpression(current.expression);
  return ts.isIdentifier(current) ? current : undefined;
}

function isPlaceholderList(call: ts.CallExpression): boolean {
  const callee = unwrapExpression(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'join') return false;
  const mapped = unwrapExpression(callee.expression);
  if (!ts.isCallExpression(mapped) || !ts.isPropertyAccessExpression(mapped.expression) || mapped.expression.name.text !== 'map') return false;
  const fn = mapped.arguments[0] && unwrapExpression(mapped.arguments[0]);
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return false;
  const body = ts.isBlock(fn.body) ? undefined : unwrapExpression(fn.body);
  if (!body) return false;
  if (ts.isStringLiteralLike(body)) return /^(\?|\$\d+)$/.test(body.text);
  if (!ts.isTemplateExpression(body)) return false;
  // `$${i + 1}`-style placeholders. Not `${key} = ?` lists: keys of a request body are the classic injection.
  return /^(\$|\?|:)$/.test(body.head.text) && body.templateSpans.length === 1 && body.templateSpans[0].literal.text === '';
}
