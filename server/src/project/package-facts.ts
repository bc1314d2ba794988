import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Fact } from '../engine/types';
import { clientRuntimeOf } from '../engine/runtime';
import { readText } from './files';

interface ManifestFacts {
  dependencies: string[];
  /** It publishes a browser bundle: a `browser`, `unpkg` or `jsdelivr` field, or a UMD/IIFE `main`/`module`. */
  browserBundle: boolean;
}

const BROWSER_BUNDLE = /\.(umd|iife)(\.min)?\.c?js$/;

/** A package.json's dependency names and bundle shape; empty when it can't be read or parsed. */
function readManifest(manifestFile: string): ManifestFacts {
  const text = readText(manifestFile);
  if (!text) return { dependencies: [], browserBundle: false };
  try {
    const manifest = JSON.parse(text) as Record<string, unknown>;
    const names = new Set<string>();
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      const deps = manifest[field];
      if (deps && typeof deps === 'object') for (const name of Object.keys(deps)) names.add(name);
    }
    const entry = (field: string) => typeof manifest[field] === 'string' && BROWSER_BUNDLE.test(manifest[field] as string);
    const browserBundle = ['browser', 'unpkg', 'jsdelivr'].some((field) => manifest[field] !== undefined) || entry('main') || entry('module');
    return { dependencies: [...names].sort(), browserBundle };
  } catch {
    return { dependencies: [], browserBundle: false };
  }
}

function manifestDependencies(manifestFile: string): string[] {
  return readManifest(manifestFile).dependencies;
}

/** Dependencies of a project's package.json, as facts (framework and instrumentation detection). */
export function packageFacts(projectRoot: string): Fact[] {
  return manifestDependencies(path.join(projectRoot, 'package.json')).map((name) => ({ kind: 'dependency', data: name }));
}

/**
 * The client runtime of the package each folder belongs to (its nearest package.json), read once
 * per folder: a React Native app, a Stripe App or a browser SDK built as a UMD bundle inside a
 * monorepo runs on a client, whatever a file imports.
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
    if (fs.existsSync(manifest)) {
      const facts = readManifest(manifest);
      known = clientRuntimeOf(facts.dependencies, facts.browserBundle) ?? null;
    }
    else known = parent === dir ? null : this.ofDir(parent);
    this.byDir.set(dir, known);
    return known;
  }
}
