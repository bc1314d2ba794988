import ts = require('typescript');
import type { FactCollector, ProjectFacts } from '../../engine/types';
import { propertyNameText, qualifiedName, unwrapExpression, type ValueResolver } from '../../engine/values';

export const REDACTION_FACT = 'sensitive-logging/redaction';

type RedactingLogger = 'pino' | 'winston';

/** Key paths one logger configuration censors. */
interface Redaction {
  family: RedactingLogger;
  paths: string[][];
}

/** A finding a logger's redaction may cover: the key path inside the logged object. */
export interface RedactionQuery {
  /** The configurations that govern the finding's logger. */
  families: RedactingLogger[];
  path: string[];
  /** The argument the object is: pino redacts only the first, winston every meta object. */
  argument: number;
  /** A whole object (user, headers): also covered by a redaction of one of its keys. */
  whole: boolean;
}

const WINSTON_FORMATS = new Set(['winston.format', 'logform.format']);

/**
 * Records redaction configured anywhere in the project: `redact: [...]` or `redact: { paths }` of
 * pino, pino-http, Fastify's `logger` and nestjs-pino's `pinoHttp`; and keys a winston custom format
 * deletes or overwrites (`format((info) => { delete info.password; ... })`).
 */
export const redactionCollector: FactCollector = {
  name: 'sensitive-logging/redaction',
  kinds: [ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.CallExpression],
  prefilter: /redact|format/,
  create(context) {
    const add = (redaction: Redaction) => {
      if (redaction.paths.length) context.add({ kind: REDACTION_FACT, data: redaction });
    };
    return {
      [ts.SyntaxKind.PropertyAssignment]: (node) => {
        const property = node as ts.PropertyAssignment;
        if (propertyNameText(property.name) !== 'redact') return;
        add({ family: 'pino', paths: (pinoPaths(property.initializer, context.values) ?? []).map(parseRedactionPath) });
      },
      [ts.SyntaxKind.CallExpression]: (node) => {
        const call = node as ts.CallExpression;
        const transform = call.arguments[0];
        if (!transform || !WINSTON_FORMATS.has(qualifiedName(context.values.origin(call.expression)) ?? '')) return;
        if (ts.isArrowFunction(transform) || ts.isFunctionExpression(transform)) add({ family: 'winston', paths: keysCensored(transform) });
      },
    };
  },
};

function stringArray(expression: ts.Expression, values: ValueResolver): string[] | undefined {
  let node = unwrapExpression(expression);
  if (ts.isIdentifier(node)) {
    const declaration = values.scopes.resolve(node);
    if (declaration?.kind !== 'variable' || !declaration.isConst || !declaration.init || declaration.path.length) return undefined;
    node = unwrapExpression(declaration.init);
  }
  if (!ts.isArrayLiteralExpression(node)) return undefined;
  return node.elements.flatMap((element) => (ts.isStringLiteralLike(element) ? [element.text] : []));
}

function pinoPaths(value: ts.Expression, values: ValueResolver): string[] | undefined {
  const lookup = values.lookupProperty(value, ['paths']);
  if (lookup.status === 'present' && lookup.value) return stringArray(lookup.value, values);
  return stringArray(value, values);
}

/** `delete info.password`, `info.token = '[REDACTED]'` inside a winston format transform. */
function keysCensored(transform: ts.ArrowFunction | ts.FunctionExpression): string[][] {
  const info = transform.parameters[0]?.name;
  if (!info || !ts.isIdentifier(info)) return [];
  const keys: string[][] = [];
  const keyOf = (target: ts.Expression) => {
    const node = unwrapExpression(target);
    if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) return;
    const owner = unwrapExpression(node.expression);
    const key = ts.isPropertyAccessExpression(node) ? node.name.text : propertyNameText(node.argumentExpression);
    if (ts.isIdentifier(owner) && owner.text === info.text && key !== undefined) keys.push([key]);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isDeleteExpression(node)) keyOf(node.expression);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) keyOf(node.left);
    ts.forEachChild(node, visit);
  };
  visit(transform.body);
  return keys;
}

/** `req.headers["authorization"]`, `*.password`, `a[*].b` → segments, `*` matching any one key. */
export function parseRedactionPath(path: string): string[] {
  const segments: string[] = [];
  for (const match of path.matchAll(/\[\s*(?:"([^"]*)"|'([^']*)'|([^\]]*))\s*\]|([^.[\]]+)/g)) {
    segments.push((match[1] ?? match[2] ?? match[3] ?? match[4]).trim());
  }
  return segments;
}

const segmentMatches = (redacted: string, logged: string) => redacted === '*' || redacted === logged;

/**
 * A logged key path is covered when a redaction path names it or one of its parents; a whole object
 * is also covered when a redaction path names a key inside it (`user.email` for `{ user }`): its
 * keys were thought through. A wildcard inside (`*.password`) is no such sign and does not cover it.
 */
function covers(redacted: string[], query: RedactionQuery): boolean {
  const shared = Math.min(redacted.length, query.path.length);
  if (!redacted.slice(0, shared).every((segment, i) => segmentMatches(segment, query.path[i]))) return false;
  if (redacted.length <= query.path.length) return true;
  return query.whole && !redacted.slice(0, query.path.length).includes('*');
}

export function isCoveredByRedaction(query: RedactionQuery, facts: ProjectFacts): boolean {
  if (query.path.length === 0) return false;
  return facts.all(REDACTION_FACT).some((fact) => {
    const redaction = fact as Redaction;
    if (!query.families.includes(redaction.family)) return false;
    if (redaction.family === 'pino' && query.argument !== 0) return false;
    return redaction.paths.some((redacted) => covers(redacted, query));
  });
}
