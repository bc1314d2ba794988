import rule from '../../../server/src/rules/migration/missing-down';
import { runRuleTests } from '../../support/rule-tester';

runRuleTests(rule, {
  valid: [
    "export async function up(knex: Knex) {\n  await knex.schema.createTable('teams', (t) => t.increments('id'));\n}\nexport async function down(knex: Knex) {\n  await knex.schema.dropTable('teams');\n}",
    // Data-only migrations have nothing to restore.
    { code: "exports.up = function (db, cb) {\n  db.runSql(`UPDATE settings SET content = '{}' WHERE name = 'x';`, cb);\n};", filename: 'src/migrations/20240101-reset.js' },
    { code: "exports.up = function (db, cb) {\n  db.runSql(`INSERT INTO roles (name) VALUES ('viewer');`, cb);\n};\nexports.down = function (db, cb) {\n  cb();\n};", filename: 'src/migrations/20240101-role.js' },
    // Retyping a column is left in place by many teams on purpose: the old code reads the new type.
    { code: "exports.up = function (db, cb) {\n  db.runSql('ALTER TABLE events ALTER COLUMN created_at TYPE TIMESTAMP WITH TIME ZONE', cb);\n};\nexports.down = function (db, cb) {\n  cb();\n};", filename: 'src/migrations/20170306-tz.js' },
    // A down that throws records a deliberate one-way change.
    "export async function up(knex: Knex) {\n  await knex.raw('ALTER TABLE users DROP COLUMN legacy');\n}\nexport async function down() {\n  throw new Error('irreversible: legacy data is gone');\n}",
    // A down that calls a helper may undo anything.
    "export async function up(knex: Knex) {\n  await knex.schema.createTable('teams', (t) => t.increments('id'));\n}\nexport async function down(knex: Knex) {\n  await dropAll(knex);\n}",
    // A temporary table goes away with the session.
    'export class Roles1700000000000 implements MigrationInterface {\n  async up(queryRunner: QueryRunner) {\n    await queryRunner.query(`CREATE TEMPORARY TABLE tmp_roles AS SELECT * FROM roles; ALTER TABLE roles ADD COLUMN project text`);\n  }\n  async down(queryRunner: QueryRunner) {\n    await queryRunner.query(`ALTER TABLE roles DROP COLUMN project`);\n  }\n}',
    // The table name comes from a constant in both directions.
    "const TABLE = 'teams';\nexport async function up(knex: Knex) {\n  await knex.schema.createTable(TABLE, (t) => t.increments('id'));\n}\nexport async function down(knex: Knex) {\n  await knex.raw(`DROP TABLE ${TABLE}`);\n}",
      // Prisma and drizzle have no down migrations by design: their SQL files are not judged for one.
    { code: 'CREATE TABLE "Team" ("id" SERIAL NOT NULL);\n', filename: 'prisma/migrations/20240101000000_change/migration.sql' },
    // A column dropped and added again (recomputed): the schema before and after is the same.
    { code: "exports.up = function (db, cb) {\n  db.runSql(`ALTER TABLE api_tokens DROP COLUMN user_created;\n    ALTER TABLE api_tokens ADD COLUMN user_created BOOLEAN NOT NULL DEFAULT true;`, cb);\n};\nexports.down = function (db, cb) {\n  cb();\n};", filename: 'src/migrations/20240101-recompute.js' },
  ],
  invalid: [
    {
      name: 'knex migration without down',
      code: "export async function up(knex: Knex): Promise<void> {\n  await knex.schema.alterTable('users', (t) => t.string('locale'));\n}",
      errors: [{ messageId: 'missingDown', line: 1, column: 23, endLine: 1, endColumn: 25 }],
    },
    {
      name: 'db-migrate down that only calls back',
      code: "exports.up = function (db, callback) {\n  db.runSql('ALTER TABLE roles ADD COLUMN IF NOT EXISTS project text', callback);\n};\n\nexports.down = function (db, callback) {\n  callback();\n};",
      filename: 'src/migrations/20210428103922-patch-role-table.js',
      errors: [{ messageId: 'emptyDown', line: 5, column: 9, endLine: 5, endColumn: 13 }],
    },
    {
      name: 'TypeORM empty down',
      code: 'export class AddBio1700000000000 implements MigrationInterface {\n  public async up(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query(`ALTER TABLE "user" ADD "bio" text`);\n  }\n  public async down(): Promise<void> {}\n}',
      errors: [{ messageId: 'emptyDown', line: 5, column: 16, endLine: 5, endColumn: 20 }],
    },
    {
      name: 'down that does not drop the created table',
      code: "module.exports = {\n  up: async (queryInterface, Sequelize) => {\n    await queryInterface.createTable('invoices', { id: { type: Sequelize.INTEGER, primaryKey: true } });\n    await queryInterface.addIndex('invoices', ['id']);\n  },\n  down: async (queryInterface) => {\n    await queryInterface.removeIndex('invoices', ['id']);\n  },\n};",
      filename: 'migrations/20240101-invoices.js',
      errors: [{ messageId: 'downKeepsTable', line: 6, column: 3, endLine: 6, endColumn: 7 }],
    },
  ],
});
