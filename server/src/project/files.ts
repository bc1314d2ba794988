import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isAnalyzableFile } from '../rules';

/** Folders that hold dependencies or build output, never sources to analyze. */
export const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'build', 'out', '.next', 'coverage', '.git', '.turbo', '.nuxt', '.svelte-kit', '.vercel', '.output']);

interface IgnoreLayer {
  dir: string;
  rules: Ignore;
}

function readGitignore(dir: string): IgnoreLayer | undefined {
  try {
    const text = fs.readFileSync(path.join(dir, '.gitignore'), 'utf8');
    return { dir, rules: ignore().add(text) };
  } catch {
    return undefined;
  }
}

function isGitIgnored(absolute: string, isDirectory: boolean, layers: IgnoreLayer[]): boolean {
  for (const layer of layers) {
    const relative = path.relative(layer.dir, absolute).split(path.sep).join('/');
    if (!relative || relative.startsWith('..')) continue;
    if (layer.rules.ignores(isDirectory ? `${relative}/` : relative)) return true;
  }
  return false;
}

/** .gitignore files from the repository root (the folder with `.git`, else `stopAt`) down to `dir`. */
function ancestorLayers(dir: string, stopAt: string): IgnoreLayer[] {
  const chain: string[] = [];
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    chain.unshift(current);
    if (fs.existsSync(path.join(current, '.git')) || current === path.resolve(stopAt) || path.dirname(current) === current) break;
  }
  return chain.map(readGitignore).filter((l): l is IgnoreLayer => !!l);
}

export interface WalkOptions {
  /** Extra exclusion on top of .gitignore and the skipped folders (the config's `ignore`). */
  isExcluded?: (absolute: string) => boolean;
  /** Where to stop looking for enclosing .gitignore files when there is no `.git`. */
  stopAt?: string;
}

/**
 * Source files under a folder (or the file itself) — scripts and the files rules' text checks ask for
 * (`.sql` migrations) — skipping dependencies, build output, `.d.ts`
 * and whatever .gitignore files ignore. Sorted, so every run lists them in one order.
 */
export function listSourceFiles(target: string, options: WalkOptions = {}): string[] {
  const absolute = path.resolve(target);
  const stat = fs.statSync(absolute);
  if (stat.isFile()) return isAnalyzableFile(absolute) ? [absolute] : [];
  const out: string[] = [];
  const walk = (dir: string, layers: IgnoreLayer[]) => {
    const own = readGitignore(dir);
    const active = own && !layers.some((l) => l.dir === dir) ? [...layers, own] : layers;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (SKIPPED_DIRECTORIES.has(entry.name) || isGitIgnored(full, true, active) || options.isExcluded?.(full)) continue;
        walk(full, active);
      } else if (entry.isFile() && isAnalyzableFile(full)) {
        if (isGitIgnored(full, false, active) || options.isExcluded?.(full)) continue;
        out.push(full);
      }
    }
  };
  walk(absolute, ancestorLayers(absolute, options.stopAt ?? absolute));
  return out;
}

/** The nearest folder with a package.json: the project whose facts a file is judged with. */
export function projectRootOf(file: string): string {
  const start = fs.existsSync(file) && fs.statSync(file).isDirectory() ? path.resolve(file) : path.dirname(path.resolve(file));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}

/**
 * The folder path conventions (tests/, frontend/, scripts/) are read from: the repository root
 * (the folder with `.git`), else the project root. In a monorepo `frontend/package.json` makes
 * `frontend/` a project, and its files are still the frontend's.
 */
export function conventionRootOf(projectRoot: string): string {
  for (let dir = projectRoot; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return projectRoot;
  }
}

/** Reads a file as UTF-8 text; undefined when it can't be read. */
export function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
