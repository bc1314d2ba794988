import * as path from 'node:path';
import type { Fact } from '../engine/types';
import { readText } from './files';

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
