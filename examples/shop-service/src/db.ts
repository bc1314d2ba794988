import { Pool } from 'pg';

// A query that waits on a lock holds a pool connection for as long as the lock is held.
export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: 20,
});

export const reportingPool = new Pool({
  connectionString: process.env.REPORTING_DATABASE_URL,
  statement_timeout: 30_000,
});
