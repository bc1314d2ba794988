import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../server/src/rules/timeout/axios-without-timeout';
import { timeoutClientsSchema } from '../../../server/src/knowledge/timeout-clients';
import { loadKnowledge } from '../../../server/src/knowledge/load';
import { runRuleTests } from '../../support/rule-tester';

const AXIOS = "import axios from 'axios';\n";

runRuleTests(rule, {
  valid: [
    AXIOS + 'await axios.get(url, { timeout: 5000 });',
    AXIOS + 'await axios.post(url, body, { headers, timeout: 5000 });',
    AXIOS + "await axios({ url, method: 'POST', timeout: 5000 });",
    AXIOS + 'await axios.request({ url, signal: AbortSignal.timeout(5000) });',
    AXIOS + 'const config = { timeout: 3000 };\nawait axios.get(url, config);',
    AXIOS + "export const api = axios.create({ baseURL: 'https://api.example.com', timeout: 5000 });",
    // Calls through instances are never reported: an instance without timeout is reported at its create.
    AXIOS + 'const api = axios.create({ timeout: 5000 });\nawait api.get(url);\nawait api.post(url, body);\nawait api(config);',
    AXIOS + 'const api = axios.create();\napi.defaults.timeout = 5000;\nawait api.get(url);',
    AXIOS + 'class Client {\n  private http = axios.create();\n  constructor() { this.http.defaults.timeout = 5000; }\n}',
    AXIOS + 'const api = axios.create();\napi.interceptors.request.use((config) => ({ ...config, timeout: 5000 }));',
    "import { api } from './api';\nawait api.get('/users');",
    // Options that can't be seen: can't tell.
    AXIOS + 'export function get(url: string, config: AxiosRequestConfig) { return axios.get(url, config); }',
    AXIOS + 'export function get(url: string, config?: AxiosRequestConfig) { return axios.get(url, { ...config, headers }); }',
    AXIOS + 'export const api = axios.create(baseConfig);',
    AXIOS + 'export function send(config: AxiosRequestConfig) { return axios(config); }',
    AXIOS + 'await axios.get(...args);',
    // Defaults set anywhere in the project.
    { code: AXIOS + 'await axios.get(url);\nconst api = axios.create();', files: { 'src/setup.ts': AXIOS + 'axios.defaults.timeout = 10_000;' } },
    AXIOS + 'Object.assign(axios.defaults, { timeout: 5000 });\nawait axios.get(url);',
    // Bounded by a wrapper, or not a request at all.
    AXIOS + 'await pTimeout(axios.get(url), 5000);',
    AXIOS + 'if (axios.isAxiosError(error)) throw error;\nconst all = await axios.all([a, b]);',
    // A typed parameter or a Nest HttpService: configured where it is made.
    'export function load(http: AxiosInstance) { return http.get(url); }',
    "import { HttpService } from '@nestjs/axios';\nclass Users { constructor(private readonly http: HttpService) {}\n  load() { return this.http.get(url); } }",
    "import { HttpModule } from '@nestjs/axios';\nHttpModule.register({ timeout: 5000, maxRedirects: 5 });",
    { code: AXIOS + 'const { data } = await axios.get(`${base}/users`);', filename: 'src/users/users.service.spec.ts' },
    { code: AXIOS + 'await axios.get(url);', filename: 'src/__tests__/users.ts' },
    AXIOS + "const api = axios.create({ baseURL: import.meta.env.VITE_API_URL });",
    AXIOS + "import { ref } from 'vue';\nexport const load = () => axios.get('/api/items');",
    AXIOS + "export const login = () => axios.post('/auth/login', { token: localStorage.getItem('token') });",
    { code: "'use client';\nimport axios from 'axios';\nexport const load = () => axios.get('/api/items');", filename: 'app/page.tsx' },
  ],
  invalid: [
    {
      code: AXIOS + "const res = await axios.get('https://api.example.com/users');",
      errors: [{ messageId: 'callWithoutTimeout', line: 2, column: 19, endLine: 2, endColumn: 28, output: AXIOS + "const res = await axios.get('https://api.example.com/users', { timeout: 10000 });" }],
    },
    {
      name: 'post: config is the third argument',
      code: AXIOS + 'await axios.post(url, body);',
      errors: [{ messageId: 'callWithoutTimeout', line: 2, column: 7, endLine: 2, endColumn: 17, output: AXIOS + 'await axios.post(url, body, { timeout: 10000 });' }],
    },
    {
      name: 'post without data gets undefined data, as axios does',
      code: AXIOS + 'await axios.post(url);',
      errors: [{ messageId: 'callWithoutTimeout', line: 2, column: 7, endLine: 2, endColumn: 17, output: AXIOS + 'await axios.post(url, undefined, { timeout: 10000 });' }],
    },
    {
      name: 'merges into a config object',
      code: AXIOS + 'await axios.put(url, body, { headers });',
      errors: [{ messageId: 'callWithoutTimeout', line: 2, column: 7, endLine: 2, endColumn: 16, output: AXIOS + 'await axios.put(url, body, { headers, timeout: 10000 });' }],
    },
    {
      name: 'axios(config)',
      code: AXIOS + "await axios({ url, method: 'POST', data });",
      errors: [{ messageId: 'callWithoutTimeout', line: 2, column: 7, endLine: 2, endColumn: 12, output: AXIOS + "await axios({ url, method: 'POST', data, timeout: 10000 });" }],
    },
    {
      name: 'axios(url)',
      code: AXIOS + 'await axios(`${base}/health`);',
      errors: [{ messageId: 'callWithoutTimeout', line: 2, column: 7, endLine: 2, endColumn: 12, output: AXIOS + 'await axios(`${base}/health`, { timeout: 10000 });' }],
    },
    {
      name: 'axios.request with a local config variable',
      code: AXIOS + "const config = { url, method: 'GET' };\nawait axios.request(config);",
      errors: [{ messageId: 'callWithoutTimeout', line: 3, column: 7, endLine: 3, endColumn: 20, output: AXIOS + "const config = { url, method: 'GET' };\nawait axios.request({ ...config, timeout: 10000 });" }],
    },
    {
      name: 'an instance is reported once, at its create',
      code: AXIOS + "export const api = axios.create({ baseURL: 'https://api.example.com' });\nawait api.get('/a');\nawait api.post('/b', {});",
      errors: [{ messageId: 'instanceWithoutTimeout', line: 2, column: 20, endLine: 2, endColumn: 32, output: AXIOS + "export const api = axios.create({ baseURL: 'https://api.example.com', timeout: 10000 });\nawait api.get('/a');\nawait api.post('/b', {});" }],
    },
    {
      name: 'create without a config',
      code: AXIOS + 'class Billing {\n  private http = axios.create();\n}',
      errors: [{ messageId: 'instanceWithoutTimeout', line: 3, column: 18, endLine: 3, endColumn: 30, output: AXIOS + 'class Billing {\n  private http = axios.create({ timeout: 10000 });\n}' }],
    },
    {
      name: 'defaults set on another instance do not count',
      code: AXIOS + 'const a = axios.create({ timeout: 1000 });\nconst b = axios.create();\na.defaults.timeout = 5000;',
      errors: [{ messageId: 'instanceWithoutTimeout', line: 3, column: 11, endLine: 3, endColumn: 23 }],
    },
    {
      name: 'require and namespace imports',
      code: "const axios = require('axios');\nconst ax = require('axios').default;\nimport * as nsAxios from 'axios';\naxios.delete(url);\nax.patch(url, patch);\nnsAxios.default.head(url);",
      filename: 'src/client.ts',
      errors: [
        { messageId: 'callWithoutTimeout', line: 4, column: 1, endLine: 4, endColumn: 13, output: "const axios = require('axios');\nconst ax = require('axios').default;\nimport * as nsAxios from 'axios';\naxios.delete(url, { timeout: 10000 });\nax.patch(url, patch);\nnsAxios.default.head(url);" },
        { messageId: 'callWithoutTimeout', line: 5, column: 1, endLine: 5, endColumn: 9 },
        { messageId: 'callWithoutTimeout', line: 6, column: 1, endLine: 6, endColumn: 21 },
      ],
    },
    {
      name: 'Nest HttpModule.register is an instance config',
      code: "import { HttpModule } from '@nestjs/axios';\nexport const http = HttpModule.register({ maxRedirects: 5 });",
      errors: [{ messageId: 'instanceWithoutTimeout', line: 2, column: 21, endLine: 2, endColumn: 40, output: "import { HttpModule } from '@nestjs/axios';\nexport const http = HttpModule.register({ maxRedirects: 5, timeout: 10000 });" }],
    },
    {
      name: 'defaults set only by a test setup do not reach production',
      code: AXIOS + 'await axios.get(url);',
      files: { 'src/setup.test.ts': AXIOS + 'axios.defaults.timeout = 10_000;' },
      errors: [{ messageId: 'callWithoutTimeout', line: 2, column: 7, endLine: 2, endColumn: 16 }],
    },
    {
      name: 'server code that merely mentions a document or window field',
      code: AXIOS + 'await this.document.save();\nawait axios.post(url, { window: opts.window });',
      errors: [{ messageId: 'callWithoutTimeout', line: 3, column: 7, endLine: 3, endColumn: 17 }],
    },
    {
      name: 'uses the configured budget',
      code: AXIOS + 'await axios.get(url, {});',
      config: { timeouts: { budgetMs: 2500 } },
      errors: [{ messageId: 'callWithoutTimeout', line: 2, column: 7, endLine: 2, endColumn: 16, output: AXIOS + 'await axios.get(url, { timeout: 2500 });' }],
    },
  ],
});

test('timeout-clients knowledge: a broken catalogue fails loudly', () => {
  assert.throws(() => loadKnowledge('timeout-clients', timeoutClientsSchema, { axios: { modules: [] } }), /timeout-clients\.json is invalid: axios\.modules/);
});
