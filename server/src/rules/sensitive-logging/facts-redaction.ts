import * as ts from 'typescript';
import type { FactCollector, ProjectFacts } from '../../engine/types';
import { propertyNameText, unwrapExpression, type ValueResolver } from '../../engine/values';

export const REDACTION_FACT = 'sensitive-logging/redaction';

/** A finding a logger's redaction may cover: the key path inside the logged object. */
export interface RedactionQuery {
  path: string[];
  /** A whole object (user, headers): also covered by a redaction of one of its keys. */
  whole: boolean;
}

/**
 * Records redaction paths configured anywhere in the project: `pino({ redact: [...] })`,
 * `redact: { paths: [...] }`, pino-http, Fastify's `logger: { redact }`, nestjs-pino's `pinoHttp`.
 */
export const redactionCollector: FactCollector = {
  name: 'sensitive-logging/redaction',
  kinds: [ts.SyntaxKind.PropertyAssignment],
  create(context) {
    return {
      [ts.SyntaxKind.PropertyAssignment]: (node) => {
        const property = node as ts.PropertyAssignment;
        if (propertyNameText(property.name) !== 'redact') return;
        const paths = redactionPaths(property.initializer, context.values);
        if (paths?.length) context.add({ kind: REDACTION_FACT, data: paths.map(parseRedactionPath) });
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

function redactionPaths(value: ts.Expression, values: ValueResolver): string[] | undefined {
  const lookup = values.lookupProperty(value, ['paths']);
  if (lookup.status === 'present' && lookup.value) return stringArray(lookup.value, values);
  return stringArray(value, values);
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
export function isCoveredByRedaction(query: RedactionQuery, facts: ProjectFacts): boolean {
  if (query.path.length === 0) return false;
  return facts.all(REDACTION_FACT).some((paths) =>
    (paths as string[][]).some((redacted) => {
      const shared = Math.min(redacted.length, query.path.length);
      if (!redacted.slice(0, shared).every((segment, i) => segmentMatches(segment, query.path[i]))) return false;
      if (redacted.length <= query.path.length) return true;
      return query.whole && !redacted.slice(0, query.path.length).includes('*');
    }),
  );
}
