import rule from '../../../server/src/rules/timeout/fetch-without-signal';
import { runRuleTests } from '../../support/rule-tester';

runRuleTests(rule, {
  valid: [
    "await fetch(url, { signal: AbortSignal.timeout(5000) });",
    "const init = { method: 'POST', signal: AbortSignal.timeout(3000) };\nawait fetch(url, init);",
    "const base = { signal: AbortSignal.timeout(3000) };\nawait fetch(url, { ...base, method: 'POST' });",
    // Options whose content can't be seen: can't tell, so silent.
    'export function get(url: string, init: RequestInit) { return fetch(url, init); }',
    'export function get(url: string, init?: RequestInit) { return fetch(url, { ...init, headers: {} }); }',
    // A Request may carry its own signal.
    'export function send(request: Request) { return fetch(request); }',
    // Shadowed or project-provided fetch.
    "import { fetch } from './http';\nawait fetch(url);",
    'function run(fetch: (u: string) => Promise<unknown>) { return fetch(url); }',
    // Bounded by a wrapper around the call.
    'await withTimeout(fetch(url), 5000);',
    'await Promise.race([fetch(url), sleep(5000)]);',
    { code: 'await guarded(fetch(url));', config: { timeouts: { wrappers: ['guarded'] } } },
    // A controller aborted by a timer.
    'const controller = new AbortController();\nsetTimeout(() => controller.abort(), 5000);\nawait fetch(url, { signal: controller.signal });',
    // Browser code in a Next.js client component.
    { code: "'use client';\nexport function load() { return fetch('/api/items'); }", filename: 'app/page.tsx' },
    "const res = await ky.get(url);",
    // A file shipped with the code, read through fetch (Next.js OG images): no network.
    "const font = await fetch(new URL('../public/fonts/Inter.ttf', import.meta.url)).then((r) => r.arrayBuffer());",
    // A path relative to the page's origin only resolves in a browser.
    "await fetch('/api/limits');",
    'await fetch(`/api/items/${id}`, { method: "DELETE" });',
    // Raced as a promise chain.
    'await Promise.race([fetch(url).then((r) => r.json()), new Promise((resolve) => setTimeout(resolve, 150))]);',
    // A command-line tool's and a script's requests.
    { code: 'await fetch(url);', filename: 'packages/cli/src/api/domains.ts' },
    { code: 'await fetch(url);', filename: 'packages/hoppscotch-cli/src/utils/getters.ts' },
    { code: 'await fetch(url);', filename: 'scripts/backfill.ts' },
  ],
  invalid: [
    {
      code: "const res = await fetch('https://api.example.com/users');",
      errors: [
        {
          messageId: 'missingSignal',
          line: 1,
          column: 19,
          endLine: 1,
          endColumn: 24,
          output: "const res = await fetch('https://api.example.com/users', { signal: AbortSignal.timeout(10000) });",
        },
      ],
    },
    {
      name: 'merges into an existing single-line init',
      code: "await fetch(url, { method: 'POST', body });",
      errors: [{ messageId: 'missingSignal', line: 1, column: 7, endLine: 1, endColumn: 12, output: "await fetch(url, { method: 'POST', body, signal: AbortSignal.timeout(10000) });" }],
    },
    {
      name: 'merges into a multi-line init keeping its layout',
      code: "await fetch(`${base}/orders`, {\n  method: 'POST',\n  body: JSON.stringify(order),\n});",
      errors: [
        {
          messageId: 'missingSignal',
          line: 1,
          column: 7,
          endLine: 1,
          endColumn: 12,
          output: "await fetch(`${base}/orders`, {\n  method: 'POST',\n  body: JSON.stringify(order),\n  signal: AbortSignal.timeout(10000),\n});",
        },
      ],
    },
    {
      name: 'wraps an init variable in a spread',
      code: "const init = { method: 'POST' };\nawait fetch(url, init);",
      errors: [{ messageId: 'missingSignal', line: 2, column: 7, endLine: 2, endColumn: 12, output: "const init = { method: 'POST' };\nawait fetch(url, { ...init, signal: AbortSignal.timeout(10000) });" }],
    },
    {
      name: 'uses the configured budget',
      code: 'await fetch(url, {});',
      config: { timeouts: { budgetMs: 2500 } },
      errors: [{ messageId: 'missingSignal', line: 1, column: 7, endLine: 1, endColumn: 12, output: 'await fetch(url, { signal: AbortSignal.timeout(2500) });' }],
    },
    {
      name: 'node-fetch default import',
      code: "import nodeFetch from 'node-fetch';\nawait nodeFetch(url);",
      errors: [{ messageId: 'missingSignal', line: 2, column: 7, endLine: 2, endColumn: 16 }],
    },
    {
      name: 'require of node-fetch',
      code: "const fetch = require('node-fetch');\nfetch(apiUrl).then((r) => r.json());",
      filename: 'src/client.js',
      errors: [{ messageId: 'missingSignal', line: 2, column: 1, endLine: 2, endColumn: 6 }],
    },
    {
      name: 'a protocol-relative or absolute URL is a network call',
      code: "await fetch('https://api.example.com/x', { method: 'POST' });\nawait fetch(new URL('/v1/items', process.env.API_URL));",
      errors: [
        { messageId: 'missingSignal', line: 1, column: 7, endLine: 1, endColumn: 12 },
        { messageId: 'missingSignal', line: 2, column: 7, endLine: 2, endColumn: 12 },
      ],
    },
    {
      name: 'globalThis.fetch',
      code: 'await globalThis.fetch(new URL(path, base));',
      errors: [{ messageId: 'missingSignal', line: 1, column: 7, endLine: 1, endColumn: 23 }],
    },
    {
      name: 'a controller that nothing aborts',
      code: 'const controller = new AbortController();\nawait fetch(url, { signal: controller.signal });',
      errors: [
        {
          messageId: 'signalNeverAborts',
          line: 2,
          column: 7,
          endLine: 2,
          endColumn: 12,
          output: 'const controller = new AbortController();\nawait fetch(url, { signal: AbortSignal.any([controller.signal, AbortSignal.timeout(10000)]) });',
        },
      ],
    },
    {
      name: 'an expired acceptance no longer hides the finding',
      code: '// prodgap-accept timeout/fetch-without-signal: internal health probe -- @ops until 2026-01-31\nawait fetch(healthUrl);',
      errors: [{ messageId: 'missingSignal', line: 2, column: 7, endLine: 2, endColumn: 12 }],
    },
  ],
});
