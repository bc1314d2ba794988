import rule from '../../../server/src/rules/migration/index-without-concurrently';
import { runRuleTests } from '../../support/rule-tester';

const prisma = 'prisma/migrations/20240101000000_add_email_index/migration.sql';
const typeormUp = (sql: string) =>
  `export class AddKey1700000000000 implements MigrationInterface {\n  async up(queryRunner: QueryRunner) {\n    await queryRunner.query(\`${sql}\`);\n  }\n  async down(queryRunner: QueryRunner) {}\n}`;
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
    // A key that adopts an index built CONCURRENTLY beforehand builds nothing under the lock.
    typeormUp('ALTER TABLE "user" ADD CONSTRAINT "UQ_user_email" UNIQUE USING INDEX "user_email_idx"'),
    // A key on a table the same migration creates.
    typeormUp('CREATE TABLE "token" ("id" integer NOT NULL); ALTER TABLE "token" ADD CONSTRAINT "PK_token" PRIMARY KEY ("id")'),
    // SQL migration files: one CONCURRENTLY statement alone in a Prisma migration runs outside a transaction.
    { code: 'CREATE INDEX CONCURRENTLY "User_email_idx" ON "User"("email");\n', filename: prisma },
    // Indexes on a table the same file creates.
    { code: 'CREATE TABLE "Team" ("id" SERIAL NOT NULL, "name" TEXT NOT NULL, CONSTRAINT "Team_pkey" PRIMARY KEY ("id"));\n\nCREATE UNIQUE INDEX "Team_name_key" ON "Team"("name");\n', filename: prisma },
    // Dropping an index of a table the same Prisma transaction already locks ACCESS EXCLUSIVE (an ALTER TABLE before or after it).
    { code: 'ALTER TABLE "Contact" ALTER COLUMN "userId" DROP NOT NULL;\n\n-- DropIndex\nDROP INDEX "Contact_userId_key";\n', filename: prisma },
    { code: '-- DropIndex\nDROP INDEX "Integration_environmentId_idx";\n\nALTER TABLE "Integration" DROP CONSTRAINT "Integration_environmentId_fkey";\n', filename: prisma },
    // A .sql file outside a migration folder is not analyzed, nor is a down script.
    { code: 'CREATE INDEX users_email_idx ON users (email);\n', filename: 'db/seed/indexes.sql' },
    { code: 'DROP INDEX users_email_idx;\n', filename: 'migrations/000002_email_index.down.sql' },
    // A goose file's Down section undoes the Up section.
    { code: '-- +goose Up\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n\n-- +goose Down\nDROP INDEX users_email_idx;\n', filename: 'db/migrations/20240101_email_index.sql' },
  ],
  invalid: [
    {
      name: 'ADD UNIQUE on an existing table builds its index under ACCESS EXCLUSIVE',
      code: typeormUp('ALTER TABLE "user" ADD CONSTRAINT "UQ_user_email" UNIQUE ("email")'),
      errors: [{ messageId: 'addKey', line: 3, column: 11, endLine: 3, endColumn: 28, output: null }],
    },
    {
      name: 'Sequelize addConstraint of a primary key',
      code: "module.exports = {\n  async up(queryInterface) {\n    await queryInterface.addConstraint('orders', { fields: ['id'], type: 'primary key' });\n  },\n  async down(queryInterface) {\n    await queryInterface.removeConstraint('orders', 'orders_pkey');\n  },\n};",
      filename: 'migrations/20240101-orders-pk.js',
      errors: [{ messageId: 'addKey', line: 3, column: 11, endLine: 3, endColumn: 39, output: null }],
    },
    {
      name: 'one call creating indexes on two tables: one finding',
      code: knexUp("  await knex.raw('CREATE INDEX a_idx ON accounts (a); CREATE INDEX b_idx ON bills (b)');"),
      errors: [{ messageId: 'createIndex', line: 2, column: 9, endLine: 2, endColumn: 17, output: null }],
    },
    {
      name: 'a Prisma migration of one CREATE INDEX: CONCURRENTLY is enough',
      code: '-- CreateIndex\nCREATE INDEX "User_email_idx" ON "User"("email");\n',
      filename: prisma,
      errors: [{ messageId: 'createIndex', line: 2, column: 1, endLine: 2, endColumn: 49, output: '-- CreateIndex\nCREATE INDEX CONCURRENTLY "User_email_idx" ON "User"("email");\n' }],
    },
    {
      name: 'a Prisma migration of several statements: each index is reported at its statement, with no fix',
      code: '-- DropIndex\nDROP INDEX "User_name_key";\n\n-- CreateIndex\nCREATE UNIQUE INDEX "User_email_key" ON "User"("email");\n',
      filename: prisma,
      errors: [
        { messageId: 'dropIndex', line: 2, column: 1, endLine: 2, endColumn: 27, output: null },
        { messageId: 'createIndex', line: 5, column: 1, endLine: 5, endColumn: 56, output: null },
      ],
    },
    {
      name: 'an ALTER TABLE that only adds a foreign key takes a weaker lock; an index of another table; creating an index under the exclusive lock',
      code: 'ALTER TABLE "Contact" ADD CONSTRAINT "Contact_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id");\nDROP INDEX "Contact_userId_key";\nALTER TABLE "User" DROP COLUMN "legacy";\nDROP INDEX "Contact_email_key";\nCREATE INDEX "User_name_idx" ON "User"("name");\n',
      filename: prisma,
      errors: [
        { messageId: 'dropIndex', line: 2, column: 1, endLine: 2, endColumn: 32, output: null },
        { messageId: 'dropIndex', line: 4, column: 1, endLine: 4, endColumn: 31, output: null },
        { messageId: 'createIndex', line: 5, column: 1, endLine: 5, endColumn: 47, output: null },
      ],
    },
    {
      name: 'a Prisma migration adding a primary key to an existing table',
      code: 'ALTER TABLE "Webhook" DROP CONSTRAINT "Webhook_pkey",\nADD CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id");\n',
      filename: prisma,
      errors: [{ messageId: 'addKey', line: 2, column: 1, endLine: 2, endColumn: 49, output: null }],
    },
    {
      name: 'CONCURRENTLY among other statements of a Prisma migration',
      code: 'ALTER TABLE "User" ADD COLUMN "email" TEXT;\nCREATE INDEX CONCURRENTLY "User_email_idx" ON "User"("email");\n',
      filename: prisma,
      errors: [{ messageId: 'concurrentInMultiStatement', line: 2, column: 1, endLine: 2, endColumn: 62, output: null }],
    },
    {
      name: 'drizzle runs every migration in its transaction',
      code: 'CREATE INDEX CONCURRENTLY "users_email_idx" ON "users" USING btree ("email");--> statement-breakpoint\n',
      filename: 'drizzle/0007_brave_users.sql',
      errors: [{ messageId: 'concurrentInTransaction', line: 1, column: 1, endLine: 1, endColumn: 77, output: null }],
    },
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
