import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
export const CLIENTS_DIR = path.join(ROOT, '.clients');
export const CODE_SERVER = path.join(CLIENTS_DIR, 'node_modules/.bin/code-server');

export function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/**
 * Whether a real client suite can run. Outside CI a missing client skips the suite with the command
 * that installs it; under CI=true a missing client fails the run.
 */
export function clientAvailable(what: string, available: boolean): string | false {
  if (available) return false;
  const message = `${what} is not installed: run \`npm run setup:clients\` (needs root for apt)`;
  if (process.env.CI === 'true') throw new Error(`CI=true: ${message}`);
  return message;
}

export function codeServerAvailable(): boolean {
  return fs.existsSync(CODE_SERVER) && fs.existsSync(path.join(CLIENTS_DIR, 'node_modules/playwright-core')) && hasCommand('chromium');
}
