import ts = require('typescript');
import { unwrapExpression, type ValueResolver } from '../../engine/values';

/**
 * SQL text assembled from string literals, templates, `+` and local constants, with a map back to
 * the file: a piece is `exact` when its source text is its value (no escapes), so an SQL offset in it
 * can be turned into a file offset for a fix.
 */
export interface SqlSource {
  text: string;
  pieces: Array<{ sqlStart: number; fileStart: number; length: number; exact: boolean }>;
}

const MAX_DEPTH = 8;

export function sqlSourceOf(expression: ts.Expression, values: ValueResolver, depth = 0): SqlSource | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = unwrapExpression(expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    const raw = ts.isStringLiteral(node) ? node.getText().slice(1, -1) : node.rawText;
    return literal(node.text, node.getStart() + 1, raw === node.text);
  }
  if (ts.isTemplateExpression(node)) {
    let source = literal(node.head.text, node.head.getStart() + 1, node.head.rawText === node.head.text);
    for (const span of node.templateSpans) {
      source = concat(source, substitution(span.expression, values, depth));
      source = concat(source, literal(span.literal.text, span.literal.getStart() + 1, span.literal.rawText === span.literal.text));
    }
    return source;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = sqlSourceOf(node.left, values, depth + 1);
    const right = left && sqlSourceOf(node.right, values, depth + 1);
    return right && concat(left, right);
  }
  const init = constInitializer(node, values);
  return init && sqlSourceOf(init, values, depth + 1);
}

/** The file offset of an SQL offset, when it falls in (or at the end of) an exact piece. */
export function fileOffset(source: SqlSource, sqlOffset: number): number | undefined {
  const piece = source.pieces.find((p) => p.exact && sqlOffset >= p.sqlStart && sqlOffset <= p.sqlStart + p.length);
  return piece && piece.fileStart + sqlOffset - piece.sqlStart;
}

/**
 * A `${...}` inside SQL: a local constant's text, else a quoted placeholder named after the
 * expression, so `${table}` in CREATE TABLE and in CREATE INDEX still name the same table.
 */
function substitution(expression: ts.Expression, values: ValueResolver, depth: number): SqlSource {
  const resolved = sqlSourceOf(expression, values, depth + 1);
  if (resolved) return { text: resolved.text, pieces: [] };
  return { text: `"${expression.getText().replace(/["\s]/g, '')}"`, pieces: [] };
}

function constInitializer(node: ts.Expression, values: ValueResolver): ts.Expression | undefined {
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = values.scopes.resolve(node);
  if (declaration?.kind !== 'variable' || !declaration.isConst || declaration.path.length) return undefined;
  return declaration.init;
}

function literal(text: string, fileStart: number, exact: boolean): SqlSource {
  return { text, pieces: [{ sqlStart: 0, fileStart, length: text.length, exact }] };
}

function concat(a: SqlSource, b: SqlSource): SqlSource {
  const shift = a.text.length;
  return { text: a.text + b.text, pieces: [...a.pieces, ...b.pieces.map((p) => ({ ...p, sqlStart: p.sqlStart + shift }))] };
}
