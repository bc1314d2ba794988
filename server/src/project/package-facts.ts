import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Fact } from '../engine/types';
import { clientRuntimeOf } from '../engine/runtime';
import { readText } from './files';

/** Names in a package.json's dependency fields; empty when it can't be read or parsed. */
function manifestDependencies(manifestFile: string): string[] {
  const text = readText(manifestFile);
  if (!text) return [];
  try {
    const manifest = JSON.parse(text) as Record<string, Record<string, string> | undefined>;
    const names = new Set<string>();
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      const deps = manifest[field];
      if (deps && typeof deps === 'object') for (const name of Object.keys(deps)) names.add(name);
    }
    return [...names].sort();
  } catch {
    return [];
  }
}

/** Dependencies of a project's package.json, as facts (framework and instrumentation detection). */
export function packageFacts(projectRoot: string): Fact[] {
  return manifestDependencies(path.join(projectRoot, 'package.json')).map((name) => ({ kind: 'dependency', data: name }));
}

/**
 * The client runtime of the package each folder belongs to (its nearest package.json), read once
 * per folder: a React Native app or a Stripe App inside a monorepo runs on a client, whatever a file imports.
 */
export class PackageRuntimes {
  private readonly byDir = new Map<string, string | null>();

  clientRuntime(file: string): string | undefined {
    return this.ofDir(path.dirname(path.resolve(file))) ?? undefined;
  }

  private ofDir(dir: string): string | null {
    let known = this.byDir.get(dir);
    if (known !== undefined) return known;
    const manifest = path.join(dir, 'package.json');
    const parent = path.dirname(dir);
    if (fs.existsSync(manifest)) known = clientRuntimeOf(manifestDependencies(manifest)) ?? null;
    else known = parent === dir ? null : this.ofDir(parent);
    this.byDir.set(dir, known);
    return known;
  }
}
