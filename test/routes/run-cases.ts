import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeRoutes, pick, summarize, type RouteCase } from './support';

/** Runs a framework's case table: each snippet must yield exactly the expected routes, in order. */
export function runRouteCases(framework: string, cases: readonly RouteCase[]): void {
  describe(`route model: ${framework}`, () => {
    for (const item of cases) {
      test(item.name, () => {
        const { routes, facts } = analyzeRoutes(item);
        const actual = routes.map((r) => summarize(r, facts));
        assert.deepEqual(
          actual.map((a, i) => (item.routes[i] ? pick(a, item.routes[i]) : a)),
          item.routes,
        );
      });
    }
  });
}
