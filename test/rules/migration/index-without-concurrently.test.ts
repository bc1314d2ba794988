import rule from '../../../server/src/rules/migration/index-without-concurrently';
import { runRuleTests } from '../../support/rule-tester';

const knexUp = (body: string, tail = '') => `export async function up(knex: Knex) {\n${body}\n}\nexport async function down(knex: Knex) {}\n${tail}`;

runRuleTests(rule, {
  valid: [
    knexUp("  await knex.raw('CREATE INDEX CONCURRENTLY users_email_idx ON users (email)');", 'export const config = { transaction: false };\n'),
    // The table is created by the same migration: it is new and empty.
    knexUp("  await knex.schema.createTable('teams', (t) => { t.increments('id'); t.string('name').index(); });\n  await knex.raw('CREATE INDEX teams_name_idx ON teams (name)');"),
    knexUp("  await knex.schema.createTable('teams', (t) => t.increments('id'));\n  await knex.schema.alterTable('teams', (t) => { t.index(['id']); });"),
    // TypeORM with its transaction turned off.
    'export class AddIndex1700000000000 implements MigrationInterface {\n  transaction = false;\n  async up(queryRunner: QueryRunner) {\n    await queryRunner.query(`CREATE INDEX CONCURRENTLY "IDX_email" ON "user" ("email")`);\n  }\n  async down(queryRunner: QueryRunner) {\n    await queryRunner.query(`DROP INDEX CONCURRENTLY "IDX_email"`);\n  }\n}',
    // MySQL builds indexes online: backtick-quoted names, or a project configured for MySQL.
    'export class AddIndex1700000000000 implements MigrationInterface {\n  async up(queryRunner: QueryRunner) {\n    await queryRunner.query("CREATE INDEX `IDX_email` ON `user` (`email`)");\n  }\n  async down() {}\n}',
    { code: knexUp("  await knex.raw('CREATE INDEX users_email_idx ON users (email)');"), files: { 'knexfile.js': "module.exports = { client: 'mysql2', connection: process.env.DATABASE_URL };" } },
    // Sequelize with the concurrently option (sequelize-cli runs no transaction).
    "module.exports = {\n  async up(queryInterface) {\n    await queryInterface.addIndex('users', ['email'], { concurrently: true });\n  },\n  async down(queryInterface) {\n    await queryInterface.removeIndex('users', 'users_email', { concurrently: true });\n  },\n};",
    // Not a migration: an index created by application code at start-up is another question.
    "export async function ensureIndexes(pool: Pool) {\n  await pool.query('CREATE INDEX IF NOT EXISTS jobs_run_at_idx ON jobs (run_at)');\n}",
    // Indexes dropped together with their table: the DROP TABLE is what matters.
    { code: "exports.up = function (db, cb) {\n  db.runSql('DROP INDEX IF EXISTS idx_ai_chats_user_id; DROP TABLE IF EXISTS ai_chats;', cb);\n};\nexports.down = function (db, cb) { cb(); };", filename: 'migrations/20240101-drop-chats.js' },
  ],
  invalid: [
    {
      name: 'a project that runs SQLite in development and Postgres in production is judged as Postgres',
      code: knexUp("  await knex.raw('DROP INDEX users_email_idx');"),
      files: { 'knexfile.ts': "export default {\n  development: { client: 'better-sqlite3', connection: { filename: './dev.db' }, useNullAsDefault: true },\n  production: { client: 'pg', connection: process.env.DATABASE_URL },\n};" },
      errors: [{ messageId: 'dropIndex', line: 2, column: 9, endLine: 2, endColumn: 17, output: knexUp("  await knex.raw('DROP INDEX CONCURRENTLY users_email_idx');", '\nexport const config = { transaction: false };\n') }],
    },
    {
      name: 'a CommonJS knex migration gets module.exports.config',
      code: "exports.up = function (knex) {\n  return knex.schema.raw('CREATE INDEX users_email_idx ON users (email)');\n};\nexports.down = function (knex) {\n  return knex.schema.raw('DROP INDEX users_email_idx');\n};\n",
      filename: 'db/migrations/20240101_users_email.js',
      errors: [
        {
          messageId: 'createIndex',
          line: 2,
          column: 10,
          endLine: 2,
          endColumn: 25,
          output: "exports.up = function (knex) {\n  return knex.schema.raw('CREATE INDEX CONCURRENTLY users_email_idx ON users (email)');\n};\nexports.down = function (knex) {\n  return knex.schema.raw('DROP INDEX users_email_idx');\n};\n\nmodule.exports.config = { transaction: false };\n",
        },
      ],
    },
    {
      name: 'a sql tagged template (Kysely): whether it runs in a transaction is unknown, so no fix',
      code: "export async function up(db: Kysely<any>): Promise<void> {\n  await sql`CREATE INDEX person_name_idx ON person (name)`.execute(db);\n}\nexport async function down(db: Kysely<any>): Promise<void> {\n  await sql`DROP INDEX person_name_idx`.execute(db);\n}",
      filename: 'src/migrations/2024-01-01-person-name.ts',
      errors: [{ messageId: 'createIndex', line: 2, column: 9, endLine: 2, endColumn: 12, output: null }],
    },
    {
      name: 'knex raw CREATE INDEX: the suggestion also turns the transaction off',
      code: knexUp("  await knex.raw('CREATE INDEX users_email_idx ON users (email)');"),
      errors: [
        {
          messageId: 'createIndex',
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 17,
          output: knexUp("  await knex.raw('CREATE INDEX CONCURRENTLY users_email_idx ON users (email)');", '\nexport const config = { transaction: false };\n'),
        },
      ],
    },
    {
      name: 'TypeORM generated migration',
      code: 'export class AddIndex1700000000000 implements MigrationInterface {\n  name = "AddIndex1700000000000";\n  public async up(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_user_email" ON "user" ("email") `);\n  }\n  public async down(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query(`DROP INDEX "public"."IDX_user_email"`);\n  }\n}',
      errors: [
        {
          messageId: 'createIndex',
          line: 4,
          column: 11,
          endLine: 4,
          endColumn: 28,
          output: 'export class AddIndex1700000000000 implements MigrationInterface {\n  transaction = false;\n  name = "AddIndex1700000000000";\n  public async up(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query(`CREATE UNIQUE INDEX CONCURRENTLY "IDX_user_email" ON "user" ("email") `);\n  }\n  public async down(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query(`DROP INDEX "public"."IDX_user_email"`);\n  }\n}',
        },
      ],
    },
    {
      name: 'a concurrent build inside the knex transaction',
      code: knexUp("  await knex.raw('CREATE INDEX CONCURRENTLY users_email_idx ON users (email)');"),
      errors: [
        {
          messageId: 'concurrentInTransaction',
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 17,
          output: knexUp("  await knex.raw('CREATE INDEX CONCURRENTLY users_email_idx ON users (email)');", '\nexport const config = { transaction: false };\n'),
        },
      ],
    },
    {
      name: 'a concurrent build in a multi-statement string',
      code: knexUp("  await knex.raw(`\n    CREATE INDEX CONCURRENTLY a_idx ON accounts (a);\n    CREATE INDEX CONCURRENTLY b_idx ON accounts (b);\n  `);", 'export const config = { transaction: false };\n'),
      errors: [{ messageId: 'concurrentInMultiStatement', line: 2, column: 9, endLine: 2, endColumn: 17, output: null }],
    },
    {
      name: 'Sequelize addIndex gets the concurrently option',
      code: "module.exports = {\n  async up(queryInterface) {\n    await queryInterface.addIndex('users', ['email']);\n  },\n  async down(queryInterface) {\n    await queryInterface.removeIndex('users', ['email']);\n  },\n};",
      filename: 'migrations/20240101-add-email-index.js',
      errors: [
        {
          messageId: 'createIndex',
          line: 3,
          column: 11,
          endLine: 3,
          endColumn: 34,
          output: "module.exports = {\n  async up(queryInterface) {\n    await queryInterface.addIndex('users', ['email'], { concurrently: true });\n  },\n  async down(queryInterface) {\n    await queryInterface.removeIndex('users', ['email']);\n  },\n};",
        },
      ],
    },
    {
      name: 'knex builder index on an existing table: no builder option, so no fix',
      code: knexUp("  await knex.schema.alterTable('orders', (table) => {\n    table.index(['customer_id']);\n  });"),
      errors: [{ messageId: 'createIndex', line: 2, column: 9, endLine: 2, endColumn: 31, output: null }],
    },
    {
      name: 'db-migrate DROP INDEX: the transaction is set per run, so no fix',
      code: "exports.up = function (db, cb) {\n  db.runSql('DROP INDEX users_email_idx;', cb);\n};\nexports.down = function (db, cb) {\n  db.runSql('CREATE INDEX users_email_idx ON users (email);', cb);\n};",
      filename: 'src/migrations/20240101-drop-email-index.js',
      errors: [{ messageId: 'dropIndex', line: 2, column: 3, endLine: 2, endColumn: 12, output: null }],
    },
    {
      name: 'MikroORM addSql, with isTransactional turned off by the suggestion',
      code: "export class Migration20240101 extends Migration {\n  async up(): Promise<void> {\n    this.addSql('create index \"book_title_index\" on \"book\" (\"title\");');\n  }\n  async down(): Promise<void> {\n    this.addSql('drop index \"book_title_index\";');\n  }\n}",
      errors: [
        {
          messageId: 'createIndex',
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 16,
          output: "export class Migration20240101 extends Migration {\n  isTransactional(): boolean { return false; }\n  async up(): Promise<void> {\n    this.addSql('create index CONCURRENTLY \"book_title_index\" on \"book\" (\"title\");');\n  }\n  async down(): Promise<void> {\n    this.addSql('drop index \"book_title_index\";');\n  }\n}",
        },
      ],
    },
  ],
});
