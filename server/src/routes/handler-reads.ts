import ts = require('typescript');
import { calleeName, qualifiedName, unwrapExpression, type ValueResolver } from '../engine/values';
import { bindingsOf, forEachRead, parameterPath, rootVariable, startsWith, textOf, type ParameterPath } from './chains';
import { isParseMethod } from './guards';
import { FRAMEWORKS, type InputPathKnowledge } from './knowledge';
import type { InputRef, InputSource, PrincipalAccess, RouteHandler } from './types';

/** A handler parameter, or a member of one, that holds the request (or a part of it) in some framework's shape. */
export interface RequestRoot {
  parameter: ts.ParameterDeclaration;
  /** Where the request sits in the parameter: [] for `req`, ['req'] for a wrapper's `({ req }) => …`. */
  base: string[];
  inputs: readonly InputPathKnowledge[];
  /** Member paths of the request that hold the principal (`user`, `state.user`). */
  principalPaths: readonly string[];
  /** Methods on the request whose key names the principal: Hono's `c.get('user')`. */
  principalGetters?: readonly string[];
  /** The whole root is the principal (Nest `@CurrentUser() user`, a wrapper's `({ session })`). */
  isPrincipal?: boolean;
}

/** Validators that cover a route's inputs before the handler runs, by source ('*': all of them). */
export type RouteValidation = Partial<Record<InputSource | '*', string>>;

const { principal: PRINCIPAL } = FRAMEWORKS;
const CONTEXT_KEY = new RegExp(PRINCIPAL.contextKeys, 'i');
const PRINCIPAL_FUNCTION = new RegExp(PRINCIPAL.functionNames);
/** Last segments of the catalogue's principal functions (`getServerSession` of `next-auth.getServerSession`). */
const PRINCIPAL_FUNCTION_NAMES = new Set(PRINCIPAL.functions.map((f) => f.split('.').pop()!));

const split = (dotted: string) => (dotted ? dotted.split('.') : []);

export interface HandlerReads {
  inputs: InputRef[];
  principal: PrincipalAccess;
}

/**
 * A route whose inputs and principal are read from its handler on first use: most routes are only
 * asked for their method, path and guards, and reading a large handler is the model's main cost.
 */
export function withReads(route: Omit<RouteHandler, 'inputs' | 'principal'>, read: () => HandlerReads): RouteHandler {
  let reads: HandlerReads | undefined;
  const get = () => (reads ??= read());
  return Object.defineProperties(route, {
    inputs: { get: () => get().inputs, enumerable: true },
    principal: { get: () => get().principal, enumerable: true },
  }) as RouteHandler;
}

/** The request inputs a handler reads and how it reads the principal, given where its request lives. */
export function readHandler(
  handler: ts.FunctionLikeDeclaration | undefined,
  roots: readonly RequestRoot[],
  values: ValueResolver,
  validation: RouteValidation = {},
): HandlerReads {
  const rootOf = (found: ParameterPath | undefined) => found && roots.find((r) => r.parameter === found.parameter && startsWith(found.path, r.base));
  const matchInput = (found: ParameterPath, isCall: boolean) => {
    const root = rootOf(found);
    if (!root) return undefined;
    const relative = found.path.slice(root.base.length);
    for (const spec of root.inputs) {
      const specPath = split(spec.path);
      const hit = spec.call ? isCall && relative.length === specPath.length && startsWith(relative, specPath) : !isCall && startsWith(relative, specPath);
      if (hit) return { spec, key: spec.call ? undefined : relative[specPath.length] };
    }
    return undefined;
  };
  const principal = principalMatcher(roots, values);
  const inputs: InputRef[] = [];
  const reads: ts.Node[] = [];
  const body = handler?.body;
  if (body) {
    const parsed = parsedTexts(body);
    forEachRead(body, (read) => {
      if (principal.matches(read)) reads.push(read);
      const isCall = ts.isCallExpression(read);
      const found = parameterPath(isCall ? read.expression : read, values);
      if (!found) return;
      const match = matchInput(found, isCall);
      // A const bound from an input was recorded at its initializer, with its names.
      if (!match || (found.via && matchInput({ parameter: found.parameter, path: found.via.initPath }, false))) return;
      const bindings = bindingsOf(read);
      const key = match.key ?? (isCall && !match.spec.validated ? firstStringArgument(read) : undefined);
      const source = match.spec.validated ? validTarget(read) : match.spec.source;
      const validatedBy = match.spec.validated
        ? 'validator middleware'
        : (validation[source] ?? validation['*'] ?? ([textOf(read), ...bindings].some((t) => parsed.has(t)) ? 'parse' : undefined));
      inputs.push({ source, node: read, ...(key !== undefined ? { key } : {}), bindings, ...(validatedBy ? { validatedBy } : {}) });
    });
  }
  return { inputs, principal: { reads, matches: principal.matches } };
}

export const VALID_TARGETS: Record<string, InputSource> = { json: 'body', form: 'body', query: 'query', param: 'params', header: 'headers', cookie: 'cookies' };

/** `c.req.valid('json')` reads the body, `valid('query')` the query, … */
function validTarget(call: ts.Expression): InputSource {
  const target = firstStringArgument(call);
  return (target && VALID_TARGETS[target]) || 'body';
}

function firstStringArgument(call: ts.Expression): string | undefined {
  if (!ts.isCallExpression(call)) return undefined;
  const first = call.arguments[0] && unwrapExpression(call.arguments[0]);
  return first && ts.isStringLiteralLike(first) ? first.text : undefined;
}

/** Texts of the values a handler checks with a schema: `schema.parse(body)`, `validate(req.body)`. */
function parsedTexts(body: ts.Node): Set<string> {
  const parsed = new Set<string>();
  const walk = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = unwrapExpression(node.expression);
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
      if (name && isParseMethod(name)) for (const arg of node.arguments) parsed.add(textOf(arg));
    }
    ts.forEachChild(node, walk);
  };
  walk(body);
  return parsed;
}

function principalMatcher(roots: readonly RequestRoot[], values: ValueResolver): Pick<PrincipalAccess, 'matches'> {
  const isPrincipalCall = (node: ts.Expression): boolean => {
    const call = unwrapExpression(node);
    if (!ts.isCallExpression(call)) return false;
    const calleeNode = unwrapExpression(call.expression);
    const name = calleeName(calleeNode);
    if (!name) return false;
    if (ts.isIdentifier(calleeNode) && PRINCIPAL_FUNCTION.test(name)) return true;
    // Resolving where a callee comes from is the costly part: only for names a principal function can have.
    if (PRINCIPAL_FUNCTION_NAMES.has(name)) {
      const callee = qualifiedName(values.origin(call.expression));
      if (callee && PRINCIPAL.functions.includes(callee)) return true;
    }
    if (!ts.isPropertyAccessExpression(calleeNode) || !call.arguments.length) return false;
    const found = parameterPath(call.expression, values);
    const root = found && roots.find((r) => r.parameter === found.parameter && startsWith(found.path, r.base));
    const method = found && root ? found.path.slice(root.base.length) : undefined;
    const key = firstStringArgument(call);
    return !!method && method.length === 1 && !!root?.principalGetters?.includes(method[0]) && !!key && CONTEXT_KEY.test(key);
  };
  const matches = (expression: ts.Expression): boolean => {
    if (isPrincipalCall(expression)) return true;
    const node = unwrapExpression(expression);
    const found = parameterPath(ts.isCallExpression(node) ? node.expression : node, values);
    if (found) {
      for (const root of roots) {
        if (root.parameter !== found.parameter || !startsWith(found.path, root.base)) continue;
        if (root.isPrincipal) return true;
        const relative = found.path.slice(root.base.length);
        if (root.principalPaths.some((p) => startsWith(relative, split(p)))) return true;
      }
      return false;
    }
    // `const session = await auth(); session.user.id`
    const variable = ts.isCallExpression(node) ? undefined : rootVariable(node, values);
    return !!variable?.initializer && isPrincipalCall(variable.initializer);
  };
  return { matches };
}
