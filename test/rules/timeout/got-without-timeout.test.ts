import rule from '../../../server/src/rules/timeout/got-without-timeout';
import { runRuleTests } from '../../support/rule-tester';

const GOT = "import got from 'got';\n";

runRuleTests(rule, {
  valid: [
    GOT + 'await got(url, { timeout: { request: 5000 } });',
    GOT + "await got.post(url, { json: body, timeout: { request: 5000 } }).json();",
    GOT + 'await got({ url, timeout: { request: 5000 } });',
    GOT + 'await got.get(url, { signal: AbortSignal.timeout(5000) });',
    GOT + 'await got(url, { timeout: 5000 });',
    GOT + 'const options = { timeout: { request: 3000 } };\nawait got(url, options);',
    // Instances: configured (or reported) at their extend; calls through them are silent.
    GOT + "const api = got.extend({ prefixUrl: 'https://api.example.com', timeout: { request: 5000 } });\nawait api.get('users');",
    GOT + 'const api = got.extend(defaults, { prefixUrl });',
    GOT + "const api = got.extend({ prefixUrl }).extend({ timeout: { request: 5000 } });",
    "import { api } from './http';\nawait api.get('users');",
    // Options that can't be seen.
    GOT + 'export function get(url: string, options: OptionsOfJSONResponseBody) { return got(url, options); }',
    GOT + 'export function get(options: Options) { return got(options); }',
    GOT + 'await got(...args);',
    GOT + 'await pTimeout(got(url), { milliseconds: 5000 });',
    "import ky from 'ky';\nawait ky.get(url).json();",
  ],
  invalid: [
    {
      code: GOT + "const body = await got('https://api.example.com/users').json();",
      errors: [{ messageId: 'callWithoutTimeout', line: 2, column: 20, endLine: 2, endColumn: 23, output: GOT + "const body = await got('https://api.example.com/users', { timeout: { request: 10000 } }).json();" }],
    },
    {
      name: 'merges into the options',
      code: GOT + 'await got.post(url, { json: order, responseType: "json" });',
      errors: [{ messageId: 'callWithoutTimeout', line: 2, column: 7, endLine: 2, endColumn: 15, output: GOT + 'await got.post(url, { json: order, responseType: "json", timeout: { request: 10000 } });' }],
    },
    {
      name: 'got(options)',
      code: GOT + "await got({ url, method: 'PUT', json });",
      errors: [{ messageId: 'callWithoutTimeout', line: 2, column: 7, endLine: 2, endColumn: 10, output: GOT + "await got({ url, method: 'PUT', json, timeout: { request: 10000 } });" }],
    },
    {
      name: 'a stream',
      code: GOT + 'got.stream(fileUrl).pipe(res);',
      errors: [{ messageId: 'callWithoutTimeout', line: 2, column: 1, endLine: 2, endColumn: 11, output: GOT + 'got.stream(fileUrl, { timeout: { request: 10000 } }).pipe(res);' }],
    },
    {
      name: 'an instance is reported once, at its extend',
      code: GOT + "export const api = got.extend({ prefixUrl: process.env.API_URL, retry: { limit: 2 } });\nawait api.get('a');",
      errors: [{ messageId: 'instanceWithoutTimeout', line: 2, column: 20, endLine: 2, endColumn: 30, output: GOT + "export const api = got.extend({ prefixUrl: process.env.API_URL, retry: { limit: 2 }, timeout: { request: 10000 } });\nawait api.get('a');" }],
    },
    {
      name: 'calls and extends through an instance are not reported again',
      code: GOT + "const api = got.extend({ prefixUrl });\nawait api('users');\nawait api.post('users', { json });\nconst v2 = api.extend({ headers });",
      errors: [{ messageId: 'instanceWithoutTimeout', line: 2, column: 13, endLine: 2, endColumn: 23, output: GOT + "const api = got.extend({ prefixUrl, timeout: { request: 10000 } });\nawait api('users');\nawait api.post('users', { json });\nconst v2 = api.extend({ headers });" }],
    },
    {
      name: 'require, with a local options variable',
      code: "const got = require('got');\nconst options = { headers };\nmodule.exports = () => got.get(statusUrl, options);",
      filename: 'src/status.js',
      errors: [{ messageId: 'callWithoutTimeout', line: 3, column: 24, endLine: 3, endColumn: 31, output: "const got = require('got');\nconst options = { headers };\nmodule.exports = () => got.get(statusUrl, { ...options, timeout: { request: 10000 } });" }],
    },
  ],
});
