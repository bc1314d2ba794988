import { parseArgs } from 'node:util';
import { UsageError } from '../project/check';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;

export interface CliOptions {
  command: 'check' | 'register' | 'rules' | 'init' | 'help' | 'version';
  paths: string[];
  format: (typeof FORMATS)[number];
  failOn: (typeof FAIL_ON)[number];
  fix: boolean;
  config?: string;
  force: boolean;
}

export const USAGE = `Usage: prodgap <command> [options]

Commands:
  check [paths...]   Analyze files or folders (default: .) for production-readiness gaps
  register [paths...] List accepted risks (the risk register), expired first
  rules              List the rule catalogue
  init               Write a starter .prodgap.json for the project in this folder

Options:
  --format text|json|sarif        Output format (default: text)
  --fail-on error|warning|info|never  Exit 1 when a finding is at or above this severity (default: error)
  --fix                           Apply safe fixes (kind "fix") and report what remains
  --config FILE                   Use this config instead of the nearest .prodgap.json
  --force                         With init: overwrite an existing .prodgap.json
  -h, --help                      Show this help
  -v, --version                   Show the version

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or config error.`;

function oneOf<T extends readonly string[]>(name: string, value: string | undefined, allowed: T, fallback: T[number]): T[number] {
  if (value === undefined) return fallback;
  if (!allowed.includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got '${value}')`);
  return value;
}

export function parseCliArgs(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        fix: { type: 'boolean', default: false },
        config: { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [first, ...rest] = positionals;
  const commands = ['check', 'register', 'rules', 'init'] as const;
  if (values.help) return { ...defaults(), command: 'help' };
  if (values.version) return { ...defaults(), command: 'version' };
  if (first !== undefined && !(commands as readonly string[]).includes(first)) {
    throw new UsageError(`unknown command '${first}' (expected one of ${commands.join(', ')})`);
  }
  return {
    command: (first as CliOptions['command']) ?? 'check',
    paths: rest.length ? rest : ['.'],
    format: oneOf('format', values.format, FORMATS, 'text'),
    failOn: oneOf('fail-on', values['fail-on'], FAIL_ON, 'error'),
    fix: values.fix ?? false,
    config: values.config,
    force: values.force ?? false,
  };
}

function defaults(): CliOptions {
  return { command: 'help', paths: [], format: 'text', failOn: 'error', fix: false, force: false };
}
