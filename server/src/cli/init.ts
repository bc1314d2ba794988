import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE } from '../config/load';
import { packageFacts } from '../project/package-facts';
import type { ProdgapConfig } from '../config/schema';
import type { CliIo } from './main';

const LOGGERS = ['pino', 'winston', 'bunyan', '@nestjs/common'];
const FRAMEWORKS: Record<string, string> = {
  express: 'Express',
  fastify: 'Fastify',
  koa: 'Koa',
  hono: 'Hono',
  '@nestjs/core': 'NestJS',
  next: 'Next.js',
};

/** A starter config from what package.json shows: frameworks, loggers and payment SDKs. */
export function starterConfig(dependencies: string[]): { config: ProdgapConfig; detected: string[] } {
  const has = (name: string) => dependencies.includes(name);
  const detected = Object.entries(FRAMEWORKS).filter(([dep]) => has(dep)).map(([, label]) => label);
  const config: ProdgapConfig = {
    $schema: './node_modules/prodgap/schema/prodgap.schema.json',
    defaultCriticality: 'customer-facing',
    criticality: {
      '**/*.{test,spec}.{ts,tsx,js,jsx,mts,cts,mjs,cjs}': 'experiment',
      'scripts/**': 'internal',
      ...(has('stripe') ? { '**/{payment,payments,billing,checkout}/**': 'critical' } : {}),
    },
    owners: {},
    timeouts: { budgetMs: 10000 },
    ignore: [],
  };
  if (LOGGERS.some(has)) config.logging = { loggers: [], sensitiveFields: [] };
  return { config, detected: [...detected, ...(has('stripe') ? ['Stripe'] : [])] };
}

export function writeStarterConfig(io: CliIo, force: boolean): number {
  const target = path.join(io.cwd, CONFIG_FILE);
  if (fs.existsSync(target) && !force) {
    io.stderr(`prodgap: ${CONFIG_FILE} already exists (use --force to overwrite)\n`);
    return 2;
  }
  const dependencies = packageFacts(io.cwd).map((f) => String(f.data));
  const { config, detected } = starterConfig(dependencies);
  fs.writeFileSync(target, `${JSON.stringify(config, null, 2)}\n`);
  io.stdout(`Wrote ${CONFIG_FILE}${detected.length ? ` (detected: ${detected.join(', ')})` : ''}. Declare criticality and owners per path next.\n`);
  return 0;
}
