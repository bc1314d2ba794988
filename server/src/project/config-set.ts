import * as path from 'node:path';
import { ConfigError, findConfigFile, loadConfigFile } from '../config/load';
import type { ProdgapConfig } from '../config/schema';
import { isIgnoredByConfig, settingsFor } from '../config/settings';
import type { FileSettings } from '../engine/types';
import { rulesById } from '../rules';
import { PackageRuntimes } from './package-facts';

interface ResolvedConfig {
  config: ProdgapConfig;
  baseDir: string;
}

const DEFAULTS: ProdgapConfig = {};

/** The configs of a run: the nearest `.prodgap.json` of each folder (or one forced file), loaded once each. */
export class ConfigSet {
  private readonly byFile = new Map<string, ResolvedConfig>();
  private readonly byDir = new Map<string, ResolvedConfig | null>();
  private readonly knownIds = new Set(rulesById.keys());
  private packages = new PackageRuntimes();

  /**
   * @param onInvalid when given, an invalid config is reported to it and its folder runs with the
   *   defaults (the language server); without it, ConfigError propagates (the CLI exits 2).
   */
  constructor(
    private readonly forcedFile?: string,
    private readonly onInvalid?: (configFile: string, error: ConfigError) => void,
  ) {
    if (forcedFile) this.load(path.resolve(forcedFile));
  }

  private load(file: string): ResolvedConfig {
    let resolved = this.byFile.get(file);
    if (!resolved) {
      try {
        resolved = { config: loadConfigFile(file, this.knownIds), baseDir: path.dirname(file) };
      } catch (error) {
        if (!(error instanceof ConfigError) || !this.onInvalid) throw error;
        this.onInvalid(file, error);
        resolved = { config: DEFAULTS, baseDir: path.dirname(file) };
      }
      this.byFile.set(file, resolved);
    }
    return resolved;
  }

  /** Throws ConfigError for an invalid config. */
  resolve(file: string): ResolvedConfig | undefined {
    if (this.forcedFile) return this.load(path.resolve(this.forcedFile));
    const dir = path.dirname(path.resolve(file));
    let resolved = this.byDir.get(dir);
    if (resolved === undefined) {
      const configFile = findConfigFile(dir);
      resolved = configFile ? this.load(configFile) : null;
      this.byDir.set(dir, resolved);
    }
    return resolved ?? undefined;
  }

  private relative(file: string, resolved: ResolvedConfig | undefined): string {
    return path.relative(resolved?.baseDir ?? process.cwd(), path.resolve(file)).split(path.sep).join('/');
  }

  settingsFor(file: string): FileSettings {
    const resolved = this.resolve(file);
    const settings = settingsFor(resolved?.config ?? DEFAULTS, this.relative(file, resolved));
    const clientPackage = this.packages.clientRuntime(file);
    return clientPackage ? { ...settings, clientPackage } : settings;
  }

  /** Forgets what package.json files said; true when the client runtime of `dir`'s package changed. */
  refreshPackage(dir: string): boolean {
    const probe = path.join(dir, '_');
    const before = this.packages.clientRuntime(probe);
    this.packages = new PackageRuntimes();
    return this.packages.clientRuntime(probe) !== before;
  }

  isIgnored(file: string): boolean {
    const resolved = this.resolve(file);
    return !!resolved && isIgnoredByConfig(resolved.config, this.relative(file, resolved));
  }
}
