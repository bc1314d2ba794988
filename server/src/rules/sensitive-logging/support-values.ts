import ts = require('typescript');
import { propertyNameText, unwrapExpression, type ValueResolver } from '../../engine/values';
import { knowledge } from './support-knowledge';

type Read = ts.Identifier | ts.PropertyAccessExpression | ts.ElementAccessExpression;

const PRIMITIVE_TYPES = new Set([
  ts.SyntaxKind.StringKeyword,
  ts.SyntaxKind.NumberKeyword,
  ts.SyntaxKind.BooleanKeyword,
  ts.SyntaxKind.BigIntKeyword,
  ts.SyntaxKind.UndefinedKeyword,
  ts.SyntaxKind.NullKeyword,
  ts.SyntaxKind.LiteralType,
]);

function isPrimitiveType(type: ts.TypeNode | undefined): boolean {
  if (!type) return false;
  if (ts.isUnionTypeNode(type)) return type.types.every(isPrimitiveType);
  return PRIMITIVE_TYPES.has(type.kind);
}

function isTextExpression(expression: ts.Expression): boolean {
  const node = unwrapExpression(expression);
  if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node) || ts.isNumericLiteral(node)) return true;
  if (ts.isBinaryExpression(node)) {
    // `a + b` in a name's initializer is text; `process.env.X ?? fallback` is text when either side is.
    return node.operatorToken.kind === ts.SyntaxKind.PlusToken || isTextExpression(node.left) || isTextExpression(node.right);
  }
  if (ts.isPropertyAccessExpression(node)) return /^process\.env\b/.test(node.getText());
  if (ts.isCallExpression(node)) return /^(String|.*\.toString|.*\.join)$/.test(node.expression.getText());
  return false;
}

/** `const user = process.env.DB_USER`, `(user: string)`: a name, not an object with personal data. */
export function isPrimitiveValued(node: Read, values: ValueResolver): boolean {
  if (!ts.isIdentifier(node)) return false;
  const declaration = values.scopes.resolve(node);
  if (declaration?.kind === 'variable') {
    if (declaration.path.length === 0 && isPrimitiveType(declaration.node.type)) return true;
    return declaration.path.length === 0 && !!declaration.init && isTextExpression(declaration.init);
  }
  if (declaration?.kind === 'parameter' && declaration.path.length === 0) {
    const parameter = declaration.node;
    return isPrimitiveType(parameter.type) || (!!parameter.initializer && isTextExpression(parameter.initializer));
  }
  return false;
}

function declaredTypeName(node: ts.Identifier, values: ValueResolver): string | undefined {
  const declaration = values.scopes.resolve(node);
  if ((declaration?.kind !== 'parameter' && declaration?.kind !== 'variable') || declaration.path.length) return undefined;
  const type = declaration.node.type;
  if (!type || !ts.isTypeReferenceNode(type)) return undefined;
  return ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text;
}

/** `req`, `request`, `ctx.request`, `c.req`, or a parameter typed as a framework request. */
export function isRequestExpression(expression: ts.Expression, values: ValueResolver): boolean {
  const node = unwrapExpression(expression);
  if (ts.isPropertyAccessExpression(node)) return knowledge.requestNames.has(node.name.text);
  if (!ts.isIdentifier(node)) return false;
  if (isPrimitiveValued(node, values)) return false;
  const typeName = declaredTypeName(node, values);
  if (typeName && (knowledge.requestTypes.has(typeName) || typeName.endsWith('Request'))) return true;
  return knowledge.requestNames.has(node.text);
}

/** `req.body`, `request.headers`, `ctx.request.body`, `req.cookies`. */
export function isRequestPart(node: Read, values: ValueResolver): boolean {
  if (ts.isIdentifier(node)) return false;
  const name = ts.isPropertyAccessExpression(node) ? node.name.text : propertyNameText(node.argumentExpression);
  return !!name && knowledge.requestParts.has(name) && isRequestExpression(node.expression, values);
}

/** A local const that holds a request part: `const { body } = req`, `const data = req.body`, `const body = await request.json()`. */
export function requestPartHeldBy(node: Read, values: ValueResolver): boolean {
  if (!ts.isIdentifier(node)) return false;
  const declaration = values.scopes.resolve(node);
  if (declaration?.kind !== 'variable' || !declaration.isConst || !declaration.init) return false;
  const init = unwrapExpression(declaration.init);
  if (declaration.path.length === 1) return knowledge.requestParts.has(declaration.path[0]) && isRequestExpression(init, values);
  if (declaration.path.length > 0) return false;
  if (ts.isPropertyAccessExpression(init)) return isRequestPart(init, values);
  if (ts.isCallExpression(init) && ts.isPropertyAccessExpression(init.expression)) {
    return knowledge.bodyMethods.has(init.expression.name.text) && isRequestExpression(init.expression.expression, values);
  }
  return false;
}
