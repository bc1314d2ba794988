// Prints the route model of a repository: handlers per framework, and a sample with their guards.
// Usage: node build/benchmarks/route-model.js <repo> [sample size]
import * as path from 'node:path';
import { analyzeFile } from '../server/src/engine/runner';
import { parseSource } from '../server/src/engine/parse';
import { ProjectIndex } from '../server/src/engine/project';
import { ValueResolver } from '../server/src/engine/values';
import { settingsFor } from '../server/src/config/settings';
import { isTestFile } from '../server/src/engine/runtime';
import { listSourceFiles, readText } from '../server/src/project/files';
import { buildRoutes, guardsFromProject, isValidated, routeFactsCollector, type RouteHandler } from '../server/src/routes';

const [target, sampleArg] = process.argv.slice(2);
if (!target) throw new Error('usage: route-model <repo> [sample size]');
const files = listSourceFiles(path.resolve(target)).filter((f) => !isTestFile(f));
const facts = new ProjectIndex();
const found: { file: string; route: RouteHandler }[] = [];
const started = Date.now();
for (const file of files) {
  const text = readText(file);
  if (text === undefined) continue;
  const relative = path.relative(target, file);
  const settings = settingsFor({}, relative);
  facts.set(file, analyzeFile(relative, text, settings, { rules: [], collectors: [routeFactsCollector], runRules: false, knownRuleIds: new Set() }).facts);
  if (text.length > settings.limits.maxFileBytes) continue;
  for (const route of buildRoutes({ path: relative, relativePath: relative, text, sourceFile: parseSource(relative, text) }, new ValueResolver(), settings)) found.push({ file: relative, route });
}

const count = (pick: (r: RouteHandler) => boolean) => found.filter(({ route }) => pick(route)).length;
const frameworks = [...new Set(found.map(({ route }) => route.framework))];
console.log(`${target}: ${files.length} files, ${found.length} handlers in ${Date.now() - started} ms`);
for (const framework of frameworks) {
  const of = (r: RouteHandler) => r.framework === framework;
  const guarded = count((r) => of(r) && [...r.guards, ...guardsFromProject(r.locator, facts)].some((g) => g.kind === 'auth'));
  const withHandler = count((r) => of(r) && !!r.handler);
  const inputs = found.filter(({ route }) => of(route)).flatMap(({ route }) => route.inputs);
  console.log(
    `  ${framework}: ${count(of)} handlers, ${guarded} with an auth guard, ${withHandler} with the handler in view, ` +
      `${inputs.length} inputs (${inputs.filter((i) => isValidated(i, facts)).length} validated), ${count((r) => of(r) && r.principal.reads.length > 0)} read the principal`,
  );
}
const size = Number(sampleArg ?? 10);
const step = Math.max(1, Math.floor(found.length / size));
for (const { file, route } of found.filter((_, i) => i % step === 0).slice(0, size)) {
  const guards = [...route.guards, ...guardsFromProject(route.locator, facts)].map((g) => `${g.name}@${g.where}:${g.kind}`);
  const inputs = route.inputs.map((i) => `${i.source}${i.key ? `.${i.key}` : ''}${isValidated(i, facts) ? '✓' : ''}`);
  console.log(`  - ${route.method} ${route.path ?? '?'} (${file}) guards=[${guards.join(', ')}] inputs=[${inputs.join(', ')}]${route.authOptOut ? ` optOut=${route.authOptOut}` : ''}`);
}
