import * as fs from 'node:fs';
import * as path from 'node:path';
import ts = require('typescript');
import { configSchema, KNOWN_RULE_KEYS_HINT, type ProdgapConfig } from './schema';
import { CATEGORIES, type OffsetRange } from '../engine/types';

export const CONFIG_FILE = '.prodgap.json';

/** A problem in a config file, located at the offending key so editors can underline it. */
export interface ConfigProblem {
  file: string;
  keyPath: string;
  message: string;
  range?: OffsetRange;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map((p) => `${p.file}: ${p.keyPath ? `${p.keyPath}: ` : ''}${p.message}`).join('\n'));
  }
}

export interface LoadedConfig {
  config: ProdgapConfig;
  /** Directory that globs in the config are relative to (the nearest config's folder, or the project root). */
  baseDir: string;
  /** The config files that make up this one, nearest first (empty when defaults apply). */
  files: string[];
}

/** Parses and validates one config text; pure, so the language server can validate unsaved buffers. */
export function parseConfigText(file: string, text: string, knownRuleIds: ReadonlySet<string>): { config?: ProdgapConfig; problems: ConfigProblem[] } {
  const json = ts.parseJsonText(file, text);
  const syntax = (json as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics ?? [];
  if (syntax.length) {
    return {
      problems: syntax.map((d) => ({
        file,
        keyPath: '',
        message: `invalid JSON: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
        range: { start: d.start ?? 0, end: (d.start ?? 0) + (d.length ?? 1) },
      })),
    };
  }
  const value: unknown = ts.convertToObject(json, []);
  const result = configSchema.safeParse(value);
  const problems: ConfigProblem[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const keyPath = issue.path.map(String);
      const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      if (unknownKeys.length) {
        for (const key of unknownKeys) {
          problems.push({ file, keyPath: [...keyPath, key].join('.'), message: `unknown option '${key}'`, range: locateKey(json, [...keyPath, key]) });
        }
      } else {
        problems.push({ file, keyPath: keyPath.join('.'), message: issue.message, range: locateKey(json, keyPath) });
      }
    }
    return { problems };
  }
  for (const key of Object.keys(result.data.rules ?? {})) {
    if (!knownRuleIds.has(key) && !(CATEGORIES as readonly string[]).includes(key)) {
      problems.push({ file, keyPath: `rules.${key}`, message: `unknown rule or category '${key}' (${KNOWN_RULE_KEYS_HINT})`, range: locateKey(json, ['rules', key]) });
    }
  }
  return problems.length ? { problems } : { config: result.data, problems };
}

/** The range of a key (or of the whole document when the path can't be followed). */
export function locateKey(json: ts.JsonSourceFile, keyPath: string[]): OffsetRange | undefined {
  let node: ts.Expression | undefined = json.statements[0]?.expression;
  let range: OffsetRange | undefined = node && { start: node.getStart(json), end: node.getEnd() };
  for (const key of keyPath) {
    if (node && ts.isObjectLiteralExpression(node)) {
      const property: ts.PropertyAssignment | undefined = node.properties.find(
        (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && (ts.isStringLiteral(p.name) || ts.isIdentifier(p.name)) && p.name.text === key,
      );
      if (!property) return range;
      range = { start: property.name.getStart(json), end: property.name.getEnd() };
      node = property.initializer;
    } else if (node && ts.isArrayLiteralExpression(node) && /^\d+$/.test(key)) {
      node = node.elements[Number(key)];
      if (!node) return range;
      range = { start: node.getStart(json), end: node.getEnd() };
    } else {
      return range;
    }
  }
  return range;
}

/** Merges a config over the one it extends: maps merge key by key, lists add up, scalars are replaced. */
export function mergeConfig(base: ProdgapConfig, over: ProdgapConfig): ProdgapConfig {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prior = merged[key];
    if (Array.isArray(value) && Array.isArray(prior)) merged[key] = [...prior, ...value];
    else if (value && typeof value === 'object' && !Array.isArray(value) && prior && typeof prior === 'object' && !Array.isArray(prior)) {
      merged[key] = mergeConfig(prior as ProdgapConfig, value as ProdgapConfig);
    } else merged[key] = value;
  }
  delete merged.extends;
  return merged as ProdgapConfig;
}

/** Reads a config file and what it extends; throws ConfigError naming the file, the key path and the problem. */
export function loadConfigFile(file: string, knownRuleIds: ReadonlySet<string>, seen: string[] = []): ProdgapConfig {
  const absolute = path.resolve(file);
  if (seen.includes(absolute)) throw new ConfigError([{ file, keyPath: 'extends', message: `circular extends: ${[...seen, absolute].join(' -> ')}` }]);
  let text: string;
  try {
    text = fs.readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new ConfigError([{ file, keyPath: '', message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }]);
  }
  const { config, problems } = parseConfigText(file, text, knownRuleIds);
  if (!config) throw new ConfigError(problems);
  if (!config.extends) return config;
  const parent = loadConfigFile(path.resolve(path.dirname(absolute), config.extends), knownRuleIds, [...seen, absolute]);
  return mergeConfig(parent, config);
}

/** The nearest `.prodgap.json` from a directory up to the file system root. */
export function findConfigFile(fromDir: string): string | undefined {
  for (let dir = path.resolve(fromDir); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}
