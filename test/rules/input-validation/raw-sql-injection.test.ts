import rule from '../../../server/src/rules/input-validation/raw-sql-injection';
import { runRuleTests } from '../../support/rule-tester';

const express = 'import express from "express";\nconst router = express.Router();\n';

runRuleTests(rule, {
  valid: [
    // A list of fragments that only ever receives constants and numbered placeholders; the values go as parameters.
    'async function save(tx, update: { id: string; styling?: object; metadata?: object }) {\n  const setClauses: string[] = [];\n  const values: unknown[] = [];\n  let paramIndex = 1;\n  if (update.styling) {\n    setClauses.push(`styling = $${paramIndex}::jsonb`);\n    values.push(JSON.stringify(update.styling));\n    paramIndex++;\n  }\n  if (update.metadata) {\n    setClauses.push(`metadata = $${paramIndex}::jsonb`);\n    values.push(JSON.stringify(update.metadata));\n    paramIndex++;\n  }\n  await tx.$executeRawUnsafe(`UPDATE "Survey" SET ${setClauses.join(", ")} WHERE id = $${paramIndex}`, ...values, update.id);\n}',
    // Parameterised: tagged templates, placeholders with a values array.
    'async function f(id: string) {\n  return prisma.$queryRaw`SELECT * FROM users WHERE id = ${id}`;\n}',
    'async function f(id: string) {\n  return pool.query("SELECT * FROM users WHERE id = $1", [id]);\n}',
    'async function f(id: string) {\n  return knex.raw("select * from users where id = ?", [id]);\n}',
    'async function f(id: string) {\n  return db.execute(sql`select * from users where id = ${id}`);\n}',
    // Constants spliced in: table names, numbers, placeholder lists, validated names.
    'const TABLE = "users";\nasync function f(id: string) {\n  return pool.query(`SELECT * FROM ${TABLE} WHERE id = $1`, [id]);\n}',
    'async function f(ids: string[]) {\n  const placeholders = ids.map((_, i) => `$${i + 1}`).join(", ");\n  return pool.query(`SELECT * FROM users WHERE id IN (${placeholders})`, ids);\n}',
    'async function f(ids: string[]) {\n  return pool.query(`SELECT * FROM users WHERE id IN (${ids.map((_, i) => `$${i + 1}`).join(", ")})`, ids);\n}',
    'async function f(hours: number) {\n  return this.db("events").whereRaw(`created_at > now() - interval \'${hours} hours\'`);\n}',
    'async function f(limit: string) {\n  return pool.query(`SELECT * FROM users LIMIT ${Number(limit)}`);\n}',
    'async function f(sortOrder: string) {\n  const validatedSortOrder = sortOrder === "asc" ? "asc" : "desc";\n  return knex.raw(`select * from users order by name ${validatedSortOrder}`);\n}',
    'async function f() {\n  return this.db.raw(`select * from ${this.tableName} where ${T.features}.archived = false`);\n}',
    // A `let` that only ever holds literals, and a loop over a list of literals (migrations that name tables).
    'module.exports = {\n  up: async (queryInterface) => {\n    let tableName;\n    tableName = "shares";\n    await queryInterface.sequelize.query(`alter table "${tableName}" drop constraint "shares_fkey"`);\n    tableName = "stars";\n    await queryInterface.sequelize.query(`alter table "${tableName}" drop constraint "stars_fkey"`);\n  },\n};',
    'async function up(knex) {\n  for (const table of ["users", "teams"]) await knex.raw(`analyze ${table}`);\n}',
    'async function f(doc: { createdAt: string; score: number }) {\n  return pool.query(`update documents set "publishedAt" = \'${new Date(doc.createdAt).toISOString()}\', score = ${doc.score.toFixed(2)}`);\n}',
    // Not SQL: a GraphQL client, an HTTP query string.
    'async function f(id: string) {\n  return client.query({ query: GET_USER, variables: { id } });\n}',
    'async function f(q: string) {\n  return client.query(`search?q=${q}`);\n}',
  ],
  invalid: [
    {
      name: 'a list of fragments built from the keys and values of an object',
      code: 'async function save(tx, update: { id: string; data: Record<string, string> }) {\n  const setClauses: string[] = [];\n  for (const [key, value] of Object.entries(update.data)) setClauses.push(`${key} = \'${value}\'`);\n  await tx.$executeRawUnsafe(`UPDATE "Survey" SET ${setClauses.join(", ")} WHERE id = $1`, update.id);\n}',
      errors: [{ messageId: 'interpolated', line: 4, column: 9, endLine: 4, endColumn: 29 }],
    },
    {
      name: 'Express: request input in a pg query; the fix numbers the parameters',
      code: express + 'router.get("/users", async (req, res) => {\n  const { name } = req.query;\n  res.json(await pool.query(`SELECT * FROM users WHERE name = \'${name}\' AND org = ${req.user.org}`));\n});',
      errors: [
        {
          messageId: 'fromRequest',
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 28,
          output: express + 'router.get("/users", async (req, res) => {\n  const { name } = req.query;\n  res.json(await pool.query(`SELECT * FROM users WHERE name = \'$1\' AND org = $2`, [name, req.user.org]));\n});',
        },
      ],
    },
    {
      name: 'Prisma $queryRawUnsafe: the fix uses the tagged template',
      code: 'async function find(email: string) {\n  return prisma.$queryRawUnsafe(`SELECT * FROM "User" WHERE email = ${email}`);\n}',
      errors: [
        {
          messageId: 'interpolated',
          line: 2,
          column: 10,
          endLine: 2,
          endColumn: 32,
          output: 'async function find(email: string) {\n  return prisma.$queryRaw`SELECT * FROM "User" WHERE email = ${email}`;\n}',
        },
      ],
    },
    {
      name: 'a let that is also assigned a parameter is not constant',
      code: 'async function f(name: string) {\n  let label = "none";\n  if (name) label = name;\n  return knex.raw(`select * from users where label = \'${label}\'`);\n}',
      errors: [{ messageId: 'interpolated', line: 4, column: 10, endLine: 4, endColumn: 18 }],
    },
    {
      name: 'a loop over rows read from the database is not constant',
      code: 'async function f(rows: { name: string }[]) {\n  for (const { name } of rows) await knex.raw(`update t set label = \'${name}\'`);\n}',
      errors: [{ messageId: 'interpolated', line: 2, column: 38, endLine: 2, endColumn: 46 }],
    },
    {
      name: 'knex whereRaw built by concatenation: no automatic fix',
      code: 'async function search(term: string) {\n  return knex("users").whereRaw("name like \'%" + term + "%\'");\n}',
      errors: [{ messageId: 'interpolated', line: 2, column: 24, endLine: 2, endColumn: 32, output: null }],
    },
    {
      name: 'knex.raw from a local const; the fix uses ? bindings and keeps the table constant',
      code: 'const TABLE = "orders";\nasync function byStatus(status: string) {\n  const sql = `select * from ${TABLE} where status = ${status}`;\n  return knex.raw(sql);\n}',
      errors: [{ messageId: 'interpolated', line: 4, column: 10, endLine: 4, endColumn: 18, output: null }],
    },
    {
      name: 'knex.raw with an inline template',
      code: 'const TABLE = "orders";\nasync function byStatus(status: string) {\n  return knex.raw(`select * from ${TABLE} where status = ${status}`);\n}',
      errors: [
        {
          messageId: 'interpolated',
          line: 3,
          column: 10,
          endLine: 3,
          endColumn: 18,
          output: 'const TABLE = "orders";\nasync function byStatus(status: string) {\n  return knex.raw(`select * from ${TABLE} where status = ?`, [status]);\n}',
        },
      ],
    },
    {
      name: 'Sequelize query in a Nest controller with a @Query input',
      code: 'import { Controller, Get, Query } from "@nestjs/common";\n@Controller("reports")\nexport class ReportsController {\n  @Get()\n  list(@Query("region") region: string) {\n    return this.sequelize.query(`SELECT * FROM reports WHERE region = \'${region}\'`);\n  }\n}',
      errors: [{ messageId: 'fromRequest', line: 6, column: 12, endLine: 6, endColumn: 32, output: null }],
    },
    {
      name: 'TypeORM query runner in a migration-like helper',
      code: 'async function rename(queryRunner: QueryRunner, name: string) {\n  await queryRunner.query(`UPDATE accounts SET name = \'${name}\'`);\n}',
      errors: [{ messageId: 'interpolated', line: 2, column: 9, endLine: 2, endColumn: 26, output: null }],
    },
  ],
});
