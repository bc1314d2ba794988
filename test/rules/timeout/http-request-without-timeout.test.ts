import rule from '../../../server/src/rules/timeout/http-request-without-timeout';
import { runRuleTests } from '../../support/rule-tester';

const HTTPS = "import https from 'node:https';\n";
const SIGNAL = 'signal: AbortSignal.timeout(10000)';

runRuleTests(rule, {
  valid: [
    HTTPS + 'https.get(url, { timeout: 5000 }, onResponse);',
    HTTPS + "https.request({ host, path, method: 'POST', signal: AbortSignal.timeout(5000) }, (res) => res.resume()).end();",
    HTTPS + 'const options = { hostname, port: 443, path: "/v1/charges", timeout: 5000 };\nconst req = https.request(options, (res) => res.resume());\nreq.end();',
    // Bounded after the request is made.
    HTTPS + 'const req = https.request(url, (res) => res.resume());\nreq.setTimeout(5000, () => req.destroy());\nreq.end();',
    HTTPS + "const req = https.get(url, (res) => res.resume());\nreq.on('timeout', () => req.destroy(new Error('timeout')));",
    HTTPS + 'https.get(url, (res) => res.resume()).setTimeout(5000);',
    HTTPS + "https.get(url, (res) => res.resume()).on('error', reject).on('timeout', onTimeout);",
    HTTPS + 'const req = https.get(url, (res) => res.resume());\nsetTimeout(() => {\n  req.destroy();\n}, 5000);',
    HTTPS + "new Promise((resolve, reject) => {\n  const req = https.request(url, resolve);\n  req.on('error', reject);\n  req.setTimeout(3000);\n  req.end();\n});",
    // Can't tell: the options, the agent or the request itself go where one file can't follow.
    HTTPS + 'export function send(options: https.RequestOptions) { return https.request(options); }',
    HTTPS + 'https.get(url, { agent: keepAliveAgent }, onResponse);',
    HTTPS + 'export function open(url: string) { return https.get(url); }',
    HTTPS + 'const req = https.get(url);\ntrack(req);',
    HTTPS + "const req = https.get(url);\nreq.on('socket', (s) => s.setTimeout(5000));",
    HTTPS + 'https.get(url, this.onResponse);',
    HTTPS + 'https.get(url, requestOptions);',
    HTTPS + 'https.get(getSecurityOptions(), onResponse);',
    // Not the client.
    "import http from 'node:http';\nhttp.createServer(app).listen(3000);",
    "import { get } from './http';\nget(url);",
  ],
  invalid: [
    {
      name: 'get(url, callback): an options object goes before the callback',
      code: HTTPS + "https.get('https://api.example.com/status', (res) => res.pipe(process.stdout));",
      errors: [{ messageId: 'requestWithoutTimeout', line: 2, column: 1, endLine: 2, endColumn: 10, output: HTTPS + `https.get('https://api.example.com/status', { ${SIGNAL} }, (res) => res.pipe(process.stdout));` }],
    },
    {
      name: 'request(options, callback) with a local options object',
      code: "const http = require('http');\nconst options = { hostname: 'localhost', port: 8080, path: '/jobs', method: 'POST' };\nconst req = http.request(options, (res) => res.resume());\nreq.on('error', console.error);\nreq.write(body);\nreq.end();",
      filename: 'src/jobs.js',
      errors: [
        {
          messageId: 'requestWithoutTimeout',
          line: 3,
          column: 13,
          endLine: 3,
          endColumn: 25,
          output: `const http = require('http');\nconst options = { hostname: 'localhost', port: 8080, path: '/jobs', method: 'POST' };\nconst req = http.request({ ...options, ${SIGNAL} }, (res) => res.resume());\nreq.on('error', console.error);\nreq.write(body);\nreq.end();`,
        },
      ],
    },
    {
      name: 'an inline options object',
      code: HTTPS + "https.request({ hostname, path: '/v1/refunds', method: 'POST' }, onResponse).end(payload);",
      errors: [{ messageId: 'requestWithoutTimeout', line: 2, column: 1, endLine: 2, endColumn: 14, output: HTTPS + `https.request({ hostname, path: '/v1/refunds', method: 'POST', ${SIGNAL} }, onResponse).end(payload);` }],
    },
    {
      name: 'url only, named import, chained error handler',
      code: "import { get } from 'https';\nget(statusUrl).on('error', reject);",
      errors: [{ messageId: 'requestWithoutTimeout', line: 2, column: 1, endLine: 2, endColumn: 4, output: `import { get } from 'https';\nget(statusUrl, { ${SIGNAL} }).on('error', reject);` }],
    },
    {
      name: 'a URL parameter typed string | undefined, and a callback',
      code: HTTPS + 'export function probe(target: string | undefined, done: () => void) {\n  https.get(target!, done);\n}',
      errors: [{ messageId: 'requestWithoutTimeout', line: 3, column: 3, endLine: 3, endColumn: 12, output: HTTPS + `export function probe(target: string | undefined, done: () => void) {\n  https.get(target!, { ${SIGNAL} }, done);\n}` }],
    },
    {
      name: 'a callback named like a handler',
      code: HTTPS + 'https.get(healthUrl, onHealth);',
      errors: [{ messageId: 'requestWithoutTimeout', line: 2, column: 1, endLine: 2, endColumn: 10, output: HTTPS + `https.get(healthUrl, { ${SIGNAL} }, onHealth);` }],
    },
    {
      name: 'url, options and callback',
      code: HTTPS + 'const req = https.request(new URL(path, base), { method: "DELETE" }, (res) => res.resume());\nreq.end();',
      errors: [{ messageId: 'requestWithoutTimeout', line: 2, column: 13, endLine: 2, endColumn: 26, output: HTTPS + `const req = https.request(new URL(path, base), { method: "DELETE", ${SIGNAL} }, (res) => res.resume());\nreq.end();` }],
    },
  ],
});
