import ts = require('typescript');
import type { FileSettings } from '../engine/types';
import { unwrapExpression, type ValueResolver } from '../engine/values';
import { FRAMEWORKS } from './knowledge';
import type { GuardKind, GuardLevel, GuardRef } from './types';

const { guards } = FRAMEWORKS;
const AUTH = new RegExp(guards.authPattern, 'i');
const WEAK_AUTH = new RegExp(guards.weakAuthPattern, 'i');
const OPTIONAL_AUTH = new RegExp(guards.optionalAuthPattern, 'i');
const VALIDATION = new RegExp(guards.validationPattern, 'i');
const OTHER = new RegExp(guards.otherPattern, 'i');

/**
 * The name a guard is known by: the callee of a factory call (`passport.authenticate('jwt')` →
 * `passport.authenticate`), the root of a builder chain (`body('email').isEmail()` → `body`), or
 * the expression itself (`auth.required`, `new AuthGuard()` → `AuthGuard`).
 */
export function guardName(expression: ts.Expression): string {
  let node = unwrapExpression(expression);
  for (;;) {
    if (ts.isCallExpression(node)) node = unwrapExpression(node.expression);
    else if (ts.isNewExpression(node)) node = unwrapExpression(node.expression);
    else if (ts.isPropertyAccessExpression(node) && ts.isCallExpression(unwrapExpression(node.expression))) node = unwrapExpression(node.expression);
    else break;
  }
  if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) return node.getText().replace(/\s+/g, '');
  if (ts.isFunctionLike(node)) return '(inline)';
  return node.getText().replace(/\s+/g, ' ').slice(0, 60);
}

/** What a guard name says it does: the catalogue's patterns, extended by the project's `auth.middleware`. */
export function classifyGuardName(name: string, settings: Pick<FileSettings, 'authMiddleware'>): { kind: GuardKind; optional?: boolean } {
  const last = name.split('.').pop() ?? name;
  if (settings.authMiddleware.some((configured) => configured === name || configured === last)) return { kind: 'auth' };
  if (AUTH.test(name)) return OPTIONAL_AUTH.test(name) ? { kind: 'auth', optional: true } : { kind: 'auth' };
  if (VALIDATION.test(name)) return { kind: 'validation' };
  if (OTHER.test(name)) return { kind: 'other' };
  if (WEAK_AUTH.test(name)) return { kind: 'auth' };
  return { kind: 'unknown' };
}

/** True when an expression's builder chain starts at a validator library (`body('x').isEmail()` of express-validator). */
function comesFromValidatorModule(expression: ts.Expression, values: ValueResolver): boolean {
  let node = unwrapExpression(expression);
  while (ts.isCallExpression(node) || ts.isPropertyAccessExpression(node)) node = unwrapExpression(node.expression);
  const origin = values.origin(node);
  return origin.base.kind === 'module' && guards.validatorModules.includes(origin.base.module);
}

export function guardRef(expression: ts.Expression, where: GuardLevel, values: ValueResolver, settings: Pick<FileSettings, 'authMiddleware'>): GuardRef {
  const name = guardName(expression);
  const classified = comesFromValidatorModule(expression, values) ? { kind: 'validation' as const } : classifyGuardName(name, settings);
  return { name, ...classified, where, node: expression };
}

/** Array arguments are flattened: Express and Fastify accept `[auth, validate]` where one middleware goes. */
export function flattenArguments(args: readonly ts.Expression[]): ts.Expression[] {
  return args.flatMap((arg) => {
    const node = unwrapExpression(arg);
    return ts.isArrayLiteralExpression(node) ? flattenArguments(node.elements.filter((e) => !ts.isSpreadElement(e))) : [arg];
  });
}

export function isParseMethod(name: string): boolean {
  return guards.parseMethods.includes(name);
}
