import rule from '../../../server/src/rules/migration/constraint-without-not-valid';
import { runRuleTests } from '../../support/rule-tester';

const typeorm = (sql: string) =>
  `export class AddFk1700000000000 implements MigrationInterface {\n  async up(queryRunner: QueryRunner) {\n    await queryRunner.query(\`${sql}\`);\n  }\n  async down(queryRunner: QueryRunner) {\n    await queryRunner.query(\`ALTER TABLE "order" DROP CONSTRAINT "FK_order_customer"\`);\n  }\n}`;

runRuleTests(rule, {
  valid: [
    typeorm('ALTER TABLE "order" ADD CONSTRAINT "FK_order_customer" FOREIGN KEY ("customerId") REFERENCES "customer"("id") NOT VALID'),
    // The later migration that validates it takes only a SHARE UPDATE EXCLUSIVE lock.
    typeorm('ALTER TABLE "order" VALIDATE CONSTRAINT "FK_order_customer"'),
    // Constraints of a table the migration creates.
    typeorm('CREATE TABLE "order" ("id" SERIAL NOT NULL, "customerId" integer, CONSTRAINT "PK_order" PRIMARY KEY ("id")); ALTER TABLE "order" ADD CONSTRAINT "FK_order_customer" FOREIGN KEY ("customerId") REFERENCES "customer"("id")'),
    // Unique and primary keys are index builds, not this rule.
    typeorm('ALTER TABLE "order" ADD CONSTRAINT "UQ_order_ref" UNIQUE ("ref")'),
    // MySQL has no NOT VALID.
    'export class AddFk1700000000000 implements MigrationInterface {\n  async up(queryRunner: QueryRunner) {\n    await queryRunner.query("ALTER TABLE `order` ADD CONSTRAINT `FK_1` FOREIGN KEY (`customerId`) REFERENCES `customer`(`id`)");\n  }\n  async down() {}\n}',
    // A TypeORM DataSource for MySQL elsewhere in the project.
    {
      code: typeorm('ALTER TABLE "order" ADD CONSTRAINT "FK_order_customer" FOREIGN KEY ("customerId") REFERENCES "customer"("id")'),
      files: { 'src/data-source.ts': "export const AppDataSource = new DataSource({ type: 'mysql', host: 'localhost', entities: [User], migrations: ['src/migrations/*.ts'] });" },
    },
    // Constraints named in a comment or a string are not statements.
    typeorm("-- ALTER TABLE order ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES b(id)\nINSERT INTO notes (body) VALUES ('ADD CONSTRAINT x CHECK (y)')"),
      // SQL migration files: NOT VALID, and a foreign key of a table the same file creates.
    { code: 'ALTER TABLE "Order" ADD CONSTRAINT "Order_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") NOT VALID;\n', filename: 'prisma/migrations/20240101000000_change/migration.sql' },
    { code: 'CREATE TABLE "Order" ("id" TEXT NOT NULL, "customerId" TEXT NOT NULL);\n\nALTER TABLE "Order" ADD CONSTRAINT "Order_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id");\n', filename: 'prisma/migrations/20240101000000_change/migration.sql' },
  ],
  invalid: [
    {
      name: 'a Prisma migration: the finding is at the ADD CONSTRAINT action, NOT VALID goes at its end',
      code: '-- AddForeignKey\nALTER TABLE "Order" ADD CONSTRAINT "Order_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE;\n',
      filename: 'prisma/migrations/20240101000000_change/migration.sql',
      errors: [
        {
          messageId: 'foreignKey',
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 132,
          output: '-- AddForeignKey\nALTER TABLE "Order" ADD CONSTRAINT "Order_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE NOT VALID;\n',
        },
      ],
    },
    {
      name: 'TypeORM foreign key: NOT VALID goes after the constraint',
      code: typeorm('ALTER TABLE "order" ADD CONSTRAINT "FK_order_customer" FOREIGN KEY ("customerId") REFERENCES "customer"("id") ON DELETE CASCADE'),
      errors: [
        {
          messageId: 'foreignKey',
          line: 3,
          column: 11,
          endLine: 3,
          endColumn: 28,
          output: typeorm('ALTER TABLE "order" ADD CONSTRAINT "FK_order_customer" FOREIGN KEY ("customerId") REFERENCES "customer"("id") ON DELETE CASCADE NOT VALID'),
        },
      ],
    },
    {
      name: 'a check among other actions of one ALTER TABLE',
      code: "exports.up = function (db, cb) {\n  db.runSql(`ALTER TABLE tokens\n    ADD COLUMN selector TEXT,\n    ADD CONSTRAINT tokens_shape CHECK (secret IS NOT NULL OR selector IS NOT NULL);`, cb);\n};\nexports.down = function (db, cb) {\n  db.runSql('ALTER TABLE tokens DROP CONSTRAINT tokens_shape, DROP COLUMN selector', cb);\n};",
      filename: 'migrations/20240101-token-shape.js',
      errors: [
        {
          messageId: 'check',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 12,
          output: "exports.up = function (db, cb) {\n  db.runSql(`ALTER TABLE tokens\n    ADD COLUMN selector TEXT,\n    ADD CONSTRAINT tokens_shape CHECK (secret IS NOT NULL OR selector IS NOT NULL) NOT VALID;`, cb);\n};\nexports.down = function (db, cb) {\n  db.runSql('ALTER TABLE tokens DROP CONSTRAINT tokens_shape, DROP COLUMN selector', cb);\n};",
        },
      ],
    },
    {
      name: 'knex builder foreign key: no NOT VALID option, so no fix',
      code: "export async function up(knex: Knex) {\n  await knex.schema.alterTable('orders', (table) => {\n    table.foreign('customer_id').references('customers.id');\n  });\n}\nexport async function down(knex: Knex) {\n  await knex.schema.alterTable('orders', (table) => table.dropForeign('customer_id'));\n}",
      errors: [{ messageId: 'foreignKey', line: 2, column: 9, endLine: 2, endColumn: 31, output: null }],
    },
    {
      name: 'Sequelize addConstraint',
      code: "module.exports = {\n  up: async (queryInterface) => {\n    await queryInterface.addConstraint('orders', { fields: ['customer_id'], type: 'foreign key', references: { table: 'customers', field: 'id' } });\n  },\n  down: async (queryInterface) => {\n    await queryInterface.removeConstraint('orders', 'orders_customer_id_fk');\n  },\n};",
      filename: 'db/migrations/20240101-orders-fk.js',
      errors: [{ messageId: 'foreignKey', line: 3, column: 11, endLine: 3, endColumn: 39, output: null }],
    },
    {
      name: 'TypeORM createForeignKey',
      code: "export class AddFk1700000000000 implements MigrationInterface {\n  async up(queryRunner: QueryRunner) {\n    await queryRunner.createForeignKey('order', new TableForeignKey({ columnNames: ['customerId'], referencedTableName: 'customer', referencedColumnNames: ['id'] }));\n  }\n  async down(queryRunner: QueryRunner) {\n    await queryRunner.dropForeignKey('order', 'FK_order_customer');\n  }\n}",
      errors: [{ messageId: 'foreignKey', line: 3, column: 11, endLine: 3, endColumn: 39, output: null }],
    },
  ],
});
