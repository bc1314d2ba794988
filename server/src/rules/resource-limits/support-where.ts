import ts = require('typescript');
import { propertyNameText, unwrapExpression } from '../../engine/values';

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
      if (value.kind !== ts.SyntaxKind.UndefinedKeyword && !(ts.isIdentifier(value) && value.text === 'undefined')) keys.push(key);
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
