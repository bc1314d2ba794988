import ts = require('typescript');
import { propertyNameText, unwrapExpression, type ValueResolver } from '../../engine/values';

/** What a Prisma read pins, for the checks that need the whole project (support-schema). */
export interface RowProbe {
  /** The model as the client names it: `projectUsers` in `prisma.projectUsers.findMany`. */
  model: string;
  /** Fields the where pins to one value: `{ projectId: workspace.id, role }` → projectId, role. */
  keys: string[];
  /** Relation filters with pinned keys: `{ teams: { some: { teamId } } }` → teams: [teamId]. */
  some: { field: string; keys: string[]; fields: string[] }[];
  /** Every field the where names, pinned or filtered: `{ projectId, role, user: { … } }` → projectId, role, user. */
  fields: string[];
}

/** The top-level field names of a where (`AND`/`OR` and spreads aside). */
export function whereFields(where: ts.ObjectLiteralExpression): string[] {
  return where.properties.flatMap((p) => {
    const name = p.name && propertyNameText(p.name);
    return name && !/^(AND|OR|NOT)$/.test(name) ? [name] : [];
  });
}

/**
 * The fields a where object pins to one value (shorthand, a plain value, `{ equals }`), and the
 * relation filters (`some`, `is`) that pin fields of the related model.
 */
export function pinnedKeys(where: ts.ObjectLiteralExpression): Omit<RowProbe, 'model' | 'fields'> {
  const keys: string[] = [];
  const some: RowProbe['some'] = [];
  for (const property of where.properties) {
    const key = property.name && propertyNameText(property.name);
    if (!key) continue;
    if (ts.isShorthandPropertyAssignment(property)) {
      keys.push(key);
      continue;
    }
    if (!ts.isPropertyAssignment(property)) continue;
    const value = unwrapExpression(property.initializer);
    if (!ts.isObjectLiteralExpression(value)) {
      if (!(ts.isIdentifier(value) && value.text === 'undefined')) keys.push(key);
      continue;
    }
    const inner = (name: string) => {
      const found = value.properties.find((p) => p.name && propertyNameText(p.name) === name);
      return found && ts.isPropertyAssignment(found) ? unwrapExpression(found.initializer) : undefined;
    };
    if (inner('equals') && value.properties.length === 1) keys.push(key);
    const related = inner('some') ?? inner('is');
    if (related && ts.isObjectLiteralExpression(related)) {
      const pinned = pinnedKeys(related).keys;
      if (pinned.length) some.push({ field: key, keys: pinned, fields: whereFields(related) });
    }
  }
  return { keys, some };
}

/** The value an `await` waits for, or the expression itself. */
export function awaited(expression: ts.Expression | undefined): ts.Expression | undefined {
  return expression && ts.isAwaitExpression(expression) ? unwrapExpression(expression.expression) : expression;
}

/**
 * A const's value (an `await` kept: see `awaited`). With `elements`, also one element of a destructured
 * `await Promise.all([…])` (`const [member, workspace] = await Promise.all([q0, q1])`).
 */
export function constInit(identifier: ts.Identifier, values: ValueResolver, elements = false): ts.Expression | undefined {
  const declaration = values.scopes.resolve(identifier);
  if (declaration?.kind !== 'variable' || !declaration.isConst || !declaration.init) return undefined;
  const init = unwrapExpression(declaration.init);
  if (declaration.path.length === 0) return init;
  if (!elements || declaration.path.length !== 1 || !/^\d+$/.test(declaration.path[0])) return undefined;
  const all = awaited(init);
  const list = all && ts.isCallExpression(all) && /^Promise\.all(Settled)?$/.test(all.expression.getText()) ? all.arguments[0] && unwrapExpression(all.arguments[0]) : undefined;
  return list && ts.isArrayLiteralExpression(list) ? list.elements[Number(declaration.path[0])] : undefined;
}
