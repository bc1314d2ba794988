import ts = require('typescript');

export interface DecoratorInfo {
  name: string;
  node: ts.Decorator;
  args: readonly ts.Expression[];
}

/** `@Get(':id')` → Get with [':id']; `@Public` → Public with no arguments. */
export function decoratorsOf(node: ts.Node): DecoratorInfo[] {
  if (!ts.canHaveDecorators(node)) return [];
  return (ts.getDecorators(node) ?? []).flatMap((decorator) => {
    const expression = decorator.expression;
    const callee = ts.isCallExpression(expression) ? expression.expression : expression;
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    return name ? [{ name, node: decorator, args: ts.isCallExpression(expression) ? expression.arguments : [] }] : [];
  });
}
