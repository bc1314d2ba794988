import rule from '../../../server/src/rules/migration/destructive-change';
import { runRuleTests } from '../../support/rule-tester';

const knex = (up: string, down = '') => `export async function up(knex: Knex): Promise<void> {\n${up}\n}\n\nexport async function down(knex: Knex): Promise<void> {\n${down}\n}\n`;

runRuleTests(rule, {
  valid: [
    // Drops and renames in `down` undo an `up`: that is what `down` is for.
    knex("  await knex.schema.alterTable('users', (t) => t.string('nickname'));", "  await knex.schema.alterTable('users', (t) => t.dropColumn('nickname'));"),
    // A table the same migration creates (a staging copy) may go again.
    knex("  await knex.raw('CREATE TABLE users_copy AS SELECT * FROM users');\n  await knex.raw('DROP TABLE users_copy');"),
    // Dropped and added again in one migration: the column still exists for the running version.
    { code: "exports.up = function (db, cb) {\n  db.runSql(`ALTER TABLE users DROP COLUMN email_hash;\n    ALTER TABLE users ADD COLUMN email_hash TEXT;`, cb);\n};\nexports.down = function (db, cb) { cb(); };", filename: 'migrations/20240101-rehash.js' },
    // Constraints, defaults and indexes are not columns.
    knex("  await knex.raw('ALTER TABLE users DROP CONSTRAINT users_email_key, ALTER COLUMN role DROP DEFAULT');\n  await knex.raw('ALTER TABLE users RENAME CONSTRAINT a TO b');"),
    // Not a migration.
    "export async function reset(knex: Knex) {\n  await knex.schema.dropTable('sessions');\n}",
      // SQLite's copy-and-swap (drizzle, Prisma): the table is replaced under its own name, not removed.
    { code: 'CREATE TABLE `__new_page` (`id` integer PRIMARY KEY NOT NULL, `title` text NOT NULL);--> statement-breakpoint\nINSERT INTO `__new_page`("id", "title") SELECT "id", "title" FROM `page`;--> statement-breakpoint\nDROP TABLE `page`;--> statement-breakpoint\nALTER TABLE `__new_page` RENAME TO `page`;\n', filename: 'drizzle/0042_page.sql' },
    // Renamed out of the way and created again under the old name.
    { code: 'ALTER TABLE `incident` RENAME TO `incident_old`;--> statement-breakpoint\nDROP TABLE `incident_old`;--> statement-breakpoint\nCREATE TABLE `incident` (`id` integer PRIMARY KEY NOT NULL);\n', filename: 'drizzle/0003_incident.sql' },
    // A dbmate file's down section.
    { code: '-- migrate:up\nALTER TABLE users ADD COLUMN bio text;\n\n-- migrate:down\nALTER TABLE users DROP COLUMN bio;\n', filename: 'db/migrations/20240101000000_bio.sql' },
  ],
  invalid: [
    {
      name: 'a Prisma migration dropping a column and a table',
      code: '-- AlterTable\nALTER TABLE "User" DROP COLUMN "profileURL",\nADD COLUMN     "url" TEXT;\n\n-- DropTable\nDROP TABLE "Share";\n',
      filename: 'prisma/migrations/20240101000000_change/migration.sql',
      errors: [
        { messageId: 'dropColumn', line: 2, column: 20, endLine: 2, endColumn: 44, output: null },
        { messageId: 'dropTable', line: 6, column: 1, endLine: 6, endColumn: 19, output: null },
      ],
    },
    {
      name: 'knex builder drop and rename of columns',
      code: knex("  await knex.schema.alterTable('users', (table) => {\n    table.dropColumn('legacy_flag');\n    table.renameColumn('name', 'full_name');\n  });"),
      errors: [
        { messageId: 'dropColumn', line: 2, column: 9, endLine: 2, endColumn: 31 },
        { messageId: 'renameColumn', line: 2, column: 9, endLine: 2, endColumn: 31 },
      ],
    },
    {
      name: 'knex dropTable and renameTable',
      code: knex("  await knex.schema.dropTableIfExists('audit_log');\n  await knex.schema.renameTable('clients', 'customers');"),
      errors: [
        { messageId: 'dropTable', line: 2, column: 9, endLine: 2, endColumn: 38 },
        { messageId: 'renameTable', line: 3, column: 9, endLine: 3, endColumn: 32 },
      ],
    },
    {
      name: 'raw SQL drop and renames',
      code: "exports.up = function (db, cb) {\n  db.runSql(`ALTER TABLE features DROP COLUMN IF EXISTS enabled;\n    ALTER TABLE ai_chats RENAME COLUMN chat TO messages;\n    ALTER TABLE login_events RENAME TO sign_on_log;`, cb);\n};\nexports.down = function (db, cb) {\n  cb();\n};",
      filename: 'src/migrations/20240101-cleanup.js',
      errors: [
        { messageId: 'dropColumn', line: 2, column: 3, endLine: 2, endColumn: 12 },
        { messageId: 'renameColumn', line: 2, column: 3, endLine: 2, endColumn: 12 },
        { messageId: 'renameTable', line: 2, column: 3, endLine: 2, endColumn: 12 },
      ],
    },
    {
      name: 'TypeORM generated drop column',
      code: 'export class DropBio1700000000000 implements MigrationInterface {\n  public async up(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query(`ALTER TABLE "user" DROP COLUMN "bio"`);\n  }\n  public async down(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query(`ALTER TABLE "user" ADD "bio" character varying`);\n  }\n}',
      errors: [{ messageId: 'dropColumn', line: 3, column: 11, endLine: 3, endColumn: 28 }],
    },
    {
      name: 'Sequelize removeColumn and dropTable',
      code: "module.exports = {\n  async up(queryInterface) {\n    await queryInterface.removeColumn('users', 'legacy_id');\n    await queryInterface.dropTable('old_sessions');\n  },\n  async down() {},\n};",
      filename: 'migrations/20240101-cleanup.js',
      errors: [
        { messageId: 'dropColumn', line: 3, column: 11, endLine: 3, endColumn: 38 },
        { messageId: 'dropTable', line: 4, column: 11, endLine: 4, endColumn: 35 },
      ],
    },
  ],
});
