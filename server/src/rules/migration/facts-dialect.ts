import ts = require('typescript');
import type { FactCollector, ProjectFacts } from '../../engine/types';
import { propertyNameText, staticText, unwrapExpression } from '../../engine/values';
import { MIGRATION_KNOWLEDGE } from './support-knowledge';

export type Dialect = 'postgres' | 'mysql' | 'sqlite';
export const DIALECT_FACT = 'migration-dialect';

/** Keys that name the database in a knexfile (`client`), a TypeORM DataSource (`type`), Sequelize or drizzle-kit (`dialect`) or MikroORM (`driver`). */
const DIALECT_KEYS = new Set(['client', 'type', 'dialect', 'driver']);
/** Keys that make an object a database configuration rather than any object with a `type`. */
const CONNECTION_KEYS = new Set(['connection', 'host', 'url', 'database', 'dbName', 'migrations', 'entities', 'username', 'storage', 'pool', 'port', 'replication', 'synchronize', 'useNullAsDefault', 'clientUrl', 'logging', 'dialectOptions', 'dbCredentials']);

const BY_NAME = new Map<string, Dialect>(
  (Object.entries(MIGRATION_KNOWLEDGE.dialects) as Array<[Dialect, string[]]>).flatMap(([dialect, names]) => names.map((n) => [n.toLowerCase(), dialect] as const)),
);

/** Records which database the project's knex, TypeORM, Sequelize or MikroORM configuration names. */
export const dialectCollector: FactCollector = {
  name: 'migration/dialect',
  kinds: [ts.SyntaxKind.PropertyAssignment],
  prefilter: /\b(client|type|dialect|driver)\s*:/,
  create(context) {
    return {
      [ts.SyntaxKind.PropertyAssignment]: (node) => {
        const property = node as ts.PropertyAssignment;
        const key = propertyNameText(property.name);
        if (!key || !DIALECT_KEYS.has(key) || !ts.isObjectLiteralExpression(property.parent)) return;
        const value = unwrapExpression(property.initializer);
        const name = ts.isIdentifier(value) ? value.text : staticText(value);
        const dialect = name === undefined ? undefined : BY_NAME.get(name.toLowerCase());
        if (!dialect) return;
        const siblings = property.parent.properties.map((p) => propertyNameText(p.name));
        if (siblings.some((s) => s !== undefined && CONNECTION_KEYS.has(s))) context.add({ kind: DIALECT_FACT, data: dialect });
      },
    };
  },
};

/** The project's database: Postgres when any configuration names it or none names a database. */
export function projectDialect(facts: ProjectFacts): Dialect {
  const named = new Set(facts.all(DIALECT_FACT) as Dialect[]);
  if (named.has('postgres') || named.size === 0) return 'postgres';
  return named.has('mysql') ? 'mysql' : 'sqlite';
}

/** For findings about Postgres locks: kept unless the project runs on another database. */
export function resolvePostgresOnly(_pending: unknown, facts: ProjectFacts): boolean {
  return projectDialect(facts) === 'postgres';
}
