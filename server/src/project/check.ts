import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile, type FileAnalysis } from '../engine/runner';
import { finalizeFile, ProjectIndex, type FileReport } from '../engine/project';
import type { Fact } from '../engine/types';
import { allCollectors, allRules, knownRuleIds, rulesById } from '../rules';
import { ConfigSet } from './config-set';
import { listSourceFiles, projectRootOf, readText } from './files';

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

/** Dependencies of a project's package.json, as facts (framework and instrumentation detection). */
export function packageFacts(projectRoot: string): Fact[] {
  const text = readText(path.join(projectRoot, 'package.json'));
  if (!text) return [];
  try {
    const manifest = JSON.parse(text) as Record<string, Record<string, string> | undefined>;
    const names = new Set<string>();
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      for (const name of Object.keys(manifest[field] ?? {})) names.add(name);
    }
    return [...names].sort().map((name) => ({ kind: 'dependency', data: name }));
  } catch {
    return [];
  }
}

/**
 * Analyzes the requested files. Facts come from every source file of each requested file's project
 * (nearest package.json), so checking one file gives the same answer as checking the whole tree.
 */
export function checkPaths(request: CheckRequest): CheckResult {
  const started = Date.now();
  const configs = new ConfigSet(request.configFile);
  const requested = new Set<string>();
  for (const target of request.paths) {
    const absolute = path.resolve(target);
    if (!fs.existsSync(absolute)) throw new UsageError(`no such file or directory: ${target}`);
    for (const file of listSourceFiles(absolute, { isExcluded: (f) => configs.isIgnored(f) })) requested.add(file);
  }
  const byProject = new Map<string, Set<string>>();
  for (const file of requested) {
    const root = projectRootOf(file);
    if (!byProject.has(root)) byProject.set(root, new Set());
    byProject.get(root)!.add(file);
  }

  const reports: FileReport[] = [];
  let done = 0;
  for (const [root, wanted] of byProject) {
    const index = new ProjectIndex();
    index.set(path.join(root, 'package.json'), packageFacts(root));
    const projectFiles = new Set([...listSourceFiles(root, { isExcluded: (f) => configs.isIgnored(f) }), ...wanted]);
    const analyses: FileAnalysis[] = [];
    for (const file of [...projectFiles].sort()) {
      const text = readText(file);
      if (text === undefined) continue;
      const runRules = wanted.has(file);
      const analysis = analyzeFile(file, text, configs.settingsFor(file), { rules: allRules, collectors: allCollectors, runRules, knownRuleIds });
      index.set(file, analysis.facts);
      if (runRules) {
        analyses.push(analysis);
        request.onProgress?.(++done, requested.size);
      }
    }
    for (const analysis of analyses) {
      reports.push(finalizeFile(analysis, { rules: rulesById, settings: configs.settingsFor(analysis.path), facts: index, today: request.today }));
    }
  }
  reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { reports, stats: { files: reports.length, durationMs: Date.now() - started } };
}

export class UsageError extends Error {}
