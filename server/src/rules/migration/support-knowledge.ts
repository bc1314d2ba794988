import { z } from 'zod';
import data from '../../../../rules/knowledge/migration.json';
import { commented, loadKnowledge, regexSource } from '../../knowledge/load';

const names = z.array(z.string().min(1)).min(1);

/**
 * `rules/knowledge/migration.json`: what the migration rules know about migration tools — the
 * configuration values that name a database, the calls that run SQL, the schema-builder methods of
 * TypeORM, Sequelize and db-migrate, and which SQL defaults force Postgres to rewrite a table.
 */
export const migrationKnowledgeSchema = z.strictObject({
  /** Values of knex `client`, TypeORM `type`, Sequelize `dialect` or a MikroORM driver class, by database. */
  dialects: z.strictObject({ postgres: names, mysql: names, sqlite: names }),
  /** Methods whose first argument is SQL (`knex.raw`, `queryRunner.query`, `db.runSql`, `this.addSql`). */
  sqlRunners: names,
  /** Schema-builder methods of the ORMs' migration APIs, by the statement they generate. */
  schemaApi: z.strictObject({
    createTable: names,
    createIndex: names,
    dropIndex: names,
    addForeignKey: names,
    /** Sequelize `addConstraint(table, { type })`: a foreign key, check, unique or primary key by its `type`. */
    addConstraint: names,
    /** TypeORM primary key and unique constraints: each builds an index under the table's lock. */
    addPrimaryKey: names,
    addUniqueConstraint: names,
    addColumn: names,
    changeColumn: names,
    dropColumn: names,
    renameColumn: names,
    dropTable: names,
    renameTable: names,
  }),
  /** Column option → whether `true` means the column accepts NULL (`allowNull`) or not (`notNull`). */
  nullableOptions: z.record(z.string().min(1), z.boolean()),
  defaultOptions: names,
  /** Volatile functions: a column default that calls one is evaluated per row, so the table is rewritten. */
  volatileFunctions: names,
  /** Column types whose implicit default is volatile (a sequence). */
  rewritingTypes: names,
  /** Which `.sql` files are migrations, which are down scripts, and the markers that start a down section. */
  sqlFiles: commented({ paths: z.array(regexSource).min(1), downFiles: regexSource, downMarkers: names }),
});

export type SchemaOperation = keyof z.infer<typeof migrationKnowledgeSchema>['schemaApi'];

export const MIGRATION_KNOWLEDGE = loadKnowledge('migration', migrationKnowledgeSchema, data);
