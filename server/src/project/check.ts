import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileReport } from '../engine/project';
import { ConfigSet } from './config-set';
import { listSourceFiles, projectRootOf, readText } from './files';
import { ProjectModel } from './model';

export interface CheckRequest {
  paths: string[];
  /** Use this config for every file instead of the nearest `.prodgap.json`. */
  configFile?: string;
  /** YYYY-MM-DD; acceptances expire against it. */
  today: string;
  onProgress?: (done: number, total: number) => void;
}

export interface CheckResult {
  reports: FileReport[];
  stats: { files: number; durationMs: number };
}

export class UsageError extends Error {}

/**
 * Analyzes the requested files. Facts come from every source file of each requested file's project
 * (nearest package.json), so checking one file gives the same answer as checking the whole tree.
 */
export function checkPaths(request: CheckRequest): CheckResult {
  const started = Date.now();
  const configs = new ConfigSet(request.configFile);
  const isExcluded = (file: string) => configs.isIgnored(file);
  const requested = new Set<string>();
  for (const target of request.paths) {
    const absolute = path.resolve(target);
    if (!fs.existsSync(absolute)) throw new UsageError(`no such file or directory: ${target}`);
    for (const file of listSourceFiles(absolute, { isExcluded })) requested.add(file);
  }
  const model = new ProjectModel(configs, () => request.today);
  const roots = new Set([...requested].map((file) => projectRootOf(file)));
  let done = 0;
  for (const root of [...roots].sort()) {
    const projectFiles = new Set(listSourceFiles(root, { isExcluded }).filter((f) => !requested.has(f)));
    for (const file of projectFiles) {
      const text = readText(file);
      if (text !== undefined) model.update(file, text, false);
    }
  }
  for (const file of [...requested].sort()) {
    const text = readText(file);
    if (text !== undefined) model.update(file, text, true);
    request.onProgress?.(++done, requested.size);
  }
  const reports = [...requested]
    .sort()
    .map((file) => model.report(file))
    .filter((r): r is FileReport => !!r);
  return { reports, stats: { files: reports.length, durationMs: Date.now() - started } };
}
