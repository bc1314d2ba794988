import rule from '../../../server/src/rules/timeout/pg-without-statement-timeout';
import { runRuleTests } from '../../support/rule-tester';

const PG = "import { Pool, Client } from 'pg';\n";

runRuleTests(rule, {
  valid: [
    PG + 'export const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20, statement_timeout: 5000 });',
    PG + 'const client = new Client({ host, database, query_timeout: 10000 });',
    PG + "const pool = new Pool({ connectionString: 'postgres://app@db/app?options=-c%20statement_timeout%3D5000' });",
    PG + "const pool = new Pool({ connectionString: `${process.env.DATABASE_URL}?statement_timeout=5000` });",
    PG + "const pool = new Pool({ host, options: '-c statement_timeout=5000' });",
    PG + "const url = 'postgres://db/app?statement_timeout=3000';\nconst client = new Client(url);",
    PG + 'const base = { statement_timeout: 5000 };\nconst pool = new Pool({ ...base, max: 10 });',
    // Config that can't be seen.
    PG + 'export function connect(config: PoolConfig) { return new Pool(config); }',
    PG + 'const pool = new Pool({ ...config.database, max: 10 });',
    PG + "import { config } from './config';\nconst pool = new Pool(config.db);",
    // Set by SQL somewhere in the project.
    { code: PG + 'export const pool = new Pool();', files: { 'src/db/hooks.ts': "pool.on('connect', (c) => c.query('SET statement_timeout = 5000'));" } },
    { code: PG + 'export const pool = new Pool();', files: { 'src/migrations/001-role.ts': "export const up = (knex) => knex.raw(`ALTER ROLE app SET statement_timeout = '5s'`);" } },
    PG + "const pool = new Pool({ connectionString });\npool.on('connect', (client) => client.query(`SET statement_timeout TO ${ms}`));",
    // Not node-postgres.
    "import { Pool } from 'generic-pool';\nconst pool = new Pool(factory, { max: 10 });",
    "import { Client } from '@elastic/elasticsearch';\nconst es = new Client({ node: url });",
  ],
  invalid: [
    {
      code: PG + 'export const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });',
      errors: [{ messageId: 'missingStatementTimeout', line: 2, column: 25, endLine: 2, endColumn: 29, output: PG + 'export const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20, statement_timeout: 10000 });' }],
    },
    {
      name: 'default import, pg.Pool, multi-line config',
      code: "import pg from 'pg';\nconst pool = new pg.Pool({\n  host: process.env.PGHOST,\n  connectionTimeoutMillis: 2000,\n});",
      errors: [{ messageId: 'missingStatementTimeout', line: 2, column: 18, endLine: 2, endColumn: 25, output: "import pg from 'pg';\nconst pool = new pg.Pool({\n  host: process.env.PGHOST,\n  connectionTimeoutMillis: 2000,\n  statement_timeout: 10000,\n});" }],
    },
    {
      name: 'no config: pg reads PG* variables, and the config adds to them',
      code: "const { Pool } = require('pg');\nmodule.exports = new Pool();",
      filename: 'src/db.js',
      errors: [{ messageId: 'missingStatementTimeout', line: 2, column: 22, endLine: 2, endColumn: 26, output: "const { Pool } = require('pg');\nmodule.exports = new Pool({ statement_timeout: 10000 });" }],
    },
    {
      name: 'a connection string becomes a config object',
      code: PG + 'const client = new Client(process.env.DATABASE_URL);',
      errors: [{ messageId: 'missingStatementTimeout', line: 2, column: 20, endLine: 2, endColumn: 26, output: PG + 'const client = new Client({ connectionString: process.env.DATABASE_URL, statement_timeout: 10000 });' }],
    },
    {
      name: 'a local config variable',
      code: PG + 'const dbConfig = { user, password, database, max: 10 };\nexport const pool = new Pool(dbConfig);',
      errors: [{ messageId: 'missingStatementTimeout', line: 3, column: 25, endLine: 3, endColumn: 29, output: PG + 'const dbConfig = { user, password, database, max: 10 };\nexport const pool = new Pool({ ...dbConfig, statement_timeout: 10000 });' }],
    },
    {
      name: 'SET LOCAL, or a timeout in another pool’s connection string, does not cover this pool',
      code: PG + "const pool = new Pool({ connectionString });\nawait client.query('SET LOCAL statement_timeout = 60000');",
      files: { 'src/reports.ts': PG + "export const reports = new Pool({ connectionString: 'postgres://db/app?statement_timeout=60000' });" },
      errors: [{ messageId: 'missingStatementTimeout', line: 2, column: 18, endLine: 2, endColumn: 22 }],
    },
    {
      name: 'connect timeouts do not bound queries',
      code: PG + 'const pool = new Pool({ connectionTimeoutMillis: 5000, idleTimeoutMillis: 30000 });',
      errors: [{ messageId: 'missingStatementTimeout', line: 2, column: 18, endLine: 2, endColumn: 22 }],
    },
  ],
});
