import { parseSource } from '../../server/src/engine/parse';
import { analyzeFile } from '../../server/src/engine/runner';
import { ProjectIndex } from '../../server/src/engine/project';
import { ValueResolver } from '../../server/src/engine/values';
import { settingsFor } from '../../server/src/config/settings';
import type { ProdgapConfig } from '../../server/src/config/schema';
import { buildRoutes, guardsFromProject, isValidated, routeFactsCollector, type RouteHandler } from '../../server/src/routes';

export interface RouteCase {
  name: string;
  code: string;
  filename?: string;
  /** Other files of the project: their mounts and global guards reach the routes of `code`. */
  files?: Record<string, string>;
  config?: ProdgapConfig;
  routes: RouteSummary[];
}

/** A route as plain strings, so a case table reads like the code: `GET /users/:id`, `requireAuth@app:auth`, `params.id✓`. */
export interface RouteSummary {
  route: string;
  guards?: string[];
  /** Guards of other files (`guardsFromProject`). */
  projectGuards?: string[];
  inputs?: string[];
  principal?: string[];
  optOut?: string;
}

export function analyzeRoutes(options: Omit<RouteCase, 'name' | 'routes'>): { routes: RouteHandler[]; facts: ProjectIndex } {
  const filename = options.filename ?? 'src/app.ts';
  const config = options.config ?? {};
  const facts = new ProjectIndex();
  const all = { ...options.files, [filename]: options.code };
  for (const [path, text] of Object.entries(all)) {
    const analysis = analyzeFile(path, text, settingsFor(config, path), { rules: [], collectors: [routeFactsCollector], runRules: false, knownRuleIds: new Set() });
    facts.set(path, analysis.facts);
  }
  const sourceFile = parseSource(filename, options.code);
  const routes = buildRoutes({ path: filename, relativePath: filename, text: options.code, sourceFile }, new ValueResolver(), settingsFor(config, filename));
  return { routes, facts };
}

export function summarize(route: RouteHandler, facts: ProjectIndex): RouteSummary {
  const text = (node: { getText(): string }) => node.getText().replace(/\s+/g, ' ');
  const summary: RouteSummary = {
    route: `${route.method} ${route.path ?? '?'}`,
    guards: route.guards.map((g) => `${g.name}@${g.where}:${g.kind}${g.optional ? '?' : ''}`),
    projectGuards: guardsFromProject(route.locator, facts).map((g) => `${g.name}@${g.where}:${g.kind}`),
    inputs: route.inputs.map((i) => `${i.source}${i.key !== undefined ? `.${i.key}` : ''}${isValidated(i, facts) ? '✓' : ''}`),
    principal: route.principal.reads.map(text),
  };
  if (route.authOptOut) summary.optOut = route.authOptOut;
  return summary;
}

/** Compares only the fields a case states. */
export function pick(actual: RouteSummary, expected: RouteSummary): RouteSummary {
  const out: RouteSummary = { route: actual.route };
  for (const key of Object.keys(expected) as (keyof RouteSummary)[]) (out as unknown as Record<string, unknown>)[key] = actual[key];
  return out;
}
