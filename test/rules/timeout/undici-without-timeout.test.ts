import rule from '../../../server/src/rules/timeout/undici-without-timeout';
import { runRuleTests } from '../../support/rule-tester';

const UNDICI = "import { request, fetch, stream, Pool, Client, Agent, setGlobalDispatcher } from 'undici';\n";
const TIMEOUTS = 'headersTimeout: 10000, bodyTimeout: 10000';

runRuleTests(rule, {
  valid: [
    UNDICI + 'const { body } = await request(url, { headersTimeout: 5000, bodyTimeout: 5000 });',
    UNDICI + "await request(url, { method: 'POST', body, signal: AbortSignal.timeout(5000) });",
    UNDICI + 'await request(url, { bodyTimeout: 30000 });',
    UNDICI + 'await fetch(url, { signal: AbortSignal.timeout(5000) });',
    UNDICI + "const pool = new Pool('http://search:9200', { connections: 10, headersTimeout: 5000, bodyTimeout: 5000 });\nawait pool.request({ path: '/', method: 'GET' });",
    // A dispatcher or options one file can't see.
    UNDICI + 'await request(url, { dispatcher: agent });',
    UNDICI + 'await fetch(url, { dispatcher: proxyAgent });',
    UNDICI + 'export function send(url: string, options: Parameters<typeof request>[1]) { return request(url, options); }',
    UNDICI + 'export function load(req: Request) { return fetch(req); }',
    UNDICI + 'const client = new Client(origin, clientOptions);',
    // A global dispatcher with timeouts, anywhere in the project.
    { code: UNDICI + 'await request(url);\nawait fetch(url);', files: { 'src/main.ts': UNDICI + 'setGlobalDispatcher(new Agent({ headersTimeout: 10_000, bodyTimeout: 10_000 }));' } },
    { code: UNDICI + 'await request(url);', files: { 'src/main.ts': UNDICI + 'setGlobalDispatcher(dispatcherFromConfig());' } },
    // Calls through a dispatcher are judged at its `new`; an Agent is not reported by itself.
    "import { api } from './search';\nawait api.request({ path: '/_search', method: 'POST' });",
    UNDICI + 'const agent = new Agent({ keepAliveTimeout: 10_000 });',
    "const res = await fetch('https://api.example.com');",
  ],
  invalid: [
    {
      code: UNDICI + "const { statusCode, body } = await request('http://inventory:3000/items');",
      errors: [{ messageId: 'requestWithDefaultTimeouts', line: 2, column: 36, endLine: 2, endColumn: 43, output: UNDICI + `const { statusCode, body } = await request('http://inventory:3000/items', { ${TIMEOUTS} });` }],
    },
    {
      name: 'merges into the options',
      code: UNDICI + "await request(url, { method: 'POST', body: JSON.stringify(order) });",
      errors: [{ messageId: 'requestWithDefaultTimeouts', line: 2, column: 7, endLine: 2, endColumn: 14, output: UNDICI + `await request(url, { method: 'POST', body: JSON.stringify(order), ${TIMEOUTS} });` }],
    },
    {
      name: 'namespace import; stream',
      code: "import * as undici from 'undici';\nawait undici.stream(url, { method: 'GET' }, () => sink);",
      errors: [{ messageId: 'requestWithDefaultTimeouts', line: 2, column: 7, endLine: 2, endColumn: 20, output: `import * as undici from 'undici';\nawait undici.stream(url, { method: 'GET', ${TIMEOUTS} }, () => sink);` }],
    },
    {
      name: 'fetch from undici',
      code: UNDICI + "const res = await fetch(`${base}/health`);",
      errors: [{ messageId: 'fetchWithoutSignal', line: 2, column: 19, endLine: 2, endColumn: 24, output: UNDICI + 'const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(10000) });' }],
    },
    {
      name: 'a dispatcher without timeouts, reported at its new',
      code: "const { Pool } = require('undici');\nconst pool = new Pool(process.env.ES_URL, { connections: 50 });\nawait pool.request({ path: '/', method: 'GET' });",
      filename: 'src/search.js',
      errors: [{ messageId: 'dispatcherWithDefaultTimeouts', line: 2, column: 18, endLine: 2, endColumn: 22, output: `const { Pool } = require('undici');\nconst pool = new Pool(process.env.ES_URL, { connections: 50, ${TIMEOUTS} });\nawait pool.request({ path: '/', method: 'GET' });` }],
    },
    {
      name: 'a client without options',
      code: UNDICI + "const client = new Client('http://localhost:4000');",
      errors: [{ messageId: 'dispatcherWithDefaultTimeouts', line: 2, column: 20, endLine: 2, endColumn: 26, output: UNDICI + `const client = new Client('http://localhost:4000', { ${TIMEOUTS} });` }],
    },
    {
      name: 'a global Agent without request timeouts does not help',
      code: UNDICI + 'setGlobalDispatcher(new Agent({ keepAliveTimeout: 10_000 }));\nawait request(url);',
      errors: [{ messageId: 'requestWithDefaultTimeouts', line: 3, column: 7, endLine: 3, endColumn: 14 }],
    },
  ],
});
