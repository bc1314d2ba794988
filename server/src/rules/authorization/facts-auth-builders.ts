import ts = require('typescript');
import type { FactCollector, ProjectFacts } from '../../engine/types';
import { unwrapExpression } from '../../engine/values';
import { AUTHORIZATION } from './support-knowledge';

/**
 * Procedure builders a module defines (`export const privateProcedure = publicProcedure.use(async
 * ({ ctx, next }) => { if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED' }); … })`), and
 * whether their middleware turns anonymous callers away. A router of another file that builds on one
 * (`spaceProcedure = privateProcedure.use(…)`, imported) is authenticated even when no name says so.
 */
export const AUTH_BUILDER = 'authorization/auth-builder';

export interface AuthBuilderFact {
  name: string;
  /** The builder it extends (`privateProcedure` for `privateProcedure.use(…)`). */
  base: string;
  /** One of its own middleware rejects the caller (answers UNAUTHORIZED, 401, Forbidden). */
  rejects: boolean;
}

const MIDDLEWARE_METHODS = new Set(['use', 'unstable_pipe', 'concat']);

export const authBuilderCollector: FactCollector = {
  name: 'authorization/auth-builders',
  kinds: [ts.SyntaxKind.VariableDeclaration],
  prefilter: /\.use\(/,
  create(context) {
    return {
      [ts.SyntaxKind.VariableDeclaration]: (node) => {
        const declaration = node as ts.VariableDeclaration;
        if (!ts.isIdentifier(declaration.name) || !declaration.initializer || !ts.isSourceFile(declaration.parent.parent.parent)) return;
        const chain = builderChain(declaration.initializer);
        if (!chain) return;
        const data: AuthBuilderFact = { name: declaration.name.text, base: chain.base, rejects: chain.middleware.some((m) => AUTHORIZATION.rejectsCaller.test(m.getText())) };
        context.add({ kind: AUTH_BUILDER, data });
      },
    };
  },
};

/** `base.use(mw).use(mw2)`: the base identifier and the middleware, or undefined for anything else. */
function builderChain(expression: ts.Expression): { base: string; middleware: ts.Expression[] } | undefined {
  const middleware: ts.Expression[] = [];
  let node = unwrapExpression(expression);
  while (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && MIDDLEWARE_METHODS.has(node.expression.name.text)) {
    middleware.push(...node.arguments);
    node = unwrapExpression(node.expression.expression);
  }
  return middleware.length > 0 && ts.isIdentifier(node) ? { base: node.text, middleware } : undefined;
}

const indexes = new WeakMap<ProjectFacts, { version: number; names: Set<string> }>();

/** Builders that reject anonymous callers, themselves or through the builder they extend (by name, across files). */
export function authenticatingBuilders(facts: ProjectFacts): Set<string> {
  const cached = indexes.get(facts);
  if (cached && cached.version === facts.version) return cached.names;
  const builders = facts.all(AUTH_BUILDER) as AuthBuilderFact[];
  const names = new Set(builders.filter((b) => b.rejects).map((b) => b.name));
  for (let grew = true; grew; ) {
    grew = false;
    for (const builder of builders) {
      if (!names.has(builder.name) && names.has(builder.base)) {
        names.add(builder.name);
        grew = true;
      }
    }
  }
  indexes.set(facts, { version: facts.version, names });
  return names;
}
