import picomatch from 'picomatch';
import type { FileSettings } from '../engine/types';
import type { ProdgapConfig } from './schema';

export const DEFAULT_LIMITS = { maxFileBytes: 1_000_000, maxNesting: 500, timePerFileMs: 5_000 };
export const DEFAULT_TIMEOUT_BUDGET_MS = 10_000;
export const DEFAULT_PAGE_SIZE = 100;

const matcherCache = new Map<string, (p: string) => boolean>();

export function globMatches(glob: string, relativePath: string): boolean {
  let matcher = matcherCache.get(glob);
  if (!matcher) {
    // A glob without a slash matches at any depth, as in .gitignore (`*.test.ts`).
    const pattern = glob.includes('/') ? glob.replace(/^\.?\//, '') : `**/${glob}`;
    matcher = picomatch(pattern, { dot: true });
    matcherCache.set(glob, matcher);
  }
  return matcher(relativePath);
}

/** The value of the last glob that matches (later entries refine earlier ones). */
function lastMatch<T>(map: Record<string, T> | undefined, relativePath: string): T | undefined {
  let found: T | undefined;
  for (const [glob, value] of Object.entries(map ?? {})) if (globMatches(glob, relativePath)) found = value;
  return found;
}

/** What the config says for one file, given its path relative to the config's folder (with `/`). */
export function settingsFor(config: ProdgapConfig, relativePath: string): FileSettings {
  return {
    criticality: lastMatch(config.criticality, relativePath) ?? config.defaultCriticality ?? 'customer-facing',
    owner: lastMatch(config.owners, relativePath),
    timeoutBudgetMs: config.timeouts?.budgetMs ?? DEFAULT_TIMEOUT_BUDGET_MS,
    timeoutWrappers: config.timeouts?.wrappers ?? [],
    loggerNames: config.logging?.loggers ?? [],
    authMiddleware: config.auth?.middleware ?? [],
    ownershipChecks: config.auth?.ownershipChecks ?? [],
    publicRoutes: config.auth?.publicRoutes ?? [],
    metricsModules: config.metrics?.modules ?? [],
    criticalOperations: config.metrics?.criticalOperations ?? [],
    queries: { pageSize: config.queries?.pageSize ?? DEFAULT_PAGE_SIZE, uniqueKeys: config.queries?.uniqueKeys ?? [], acrossFiles: config.queries?.acrossFiles ?? false },
    redactionHelper: config.logging?.redactionHelper,
    sensitiveFields: config.logging?.sensitiveFields ?? [],
    allowOpenEndedAcceptance: config.acceptance?.allowOpenEnded ?? false,
    ruleSeverity: config.rules ?? {},
    limits: { ...DEFAULT_LIMITS, ...config.limits },
  };
}

export function isIgnoredByConfig(config: ProdgapConfig, relativePath: string): boolean {
  return (config.ignore ?? []).some((glob) => globMatches(glob, relativePath));
}
