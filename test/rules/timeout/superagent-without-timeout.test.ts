import rule from '../../../server/src/rules/timeout/superagent-without-timeout';
import { runRuleTests } from '../../support/rule-tester';

const SA = "import superagent from 'superagent';\n";

runRuleTests(rule, {
  valid: [
    SA + "const res = await superagent.get(url).set('Accept', 'application/json').timeout(5000);",
    SA + 'const res = await superagent.post(url).timeout({ response: 5000, deadline: 60000 }).send(body);',
    SA + 'superagent.get(url).timeout(3000).end((err, res) => done(err, res));',
    SA + 'const req = superagent.get(url).query({ q });\nreq.timeout(5000);\nconst res = await req;',
    // Returned from a plain function: the caller may still add `.timeout()`.
    SA + "export function authed(path: string) { return superagent.get(base + path).set('Authorization', token); }",
    SA + 'const req = superagent.get(url);\nconfigure(req);\nawait req;',
    SA + "const agent = superagent.agent().timeout(5000);\nawait agent.get(url);",
    SA + 'await pTimeout(superagent.get(url), 5000);',
    // supertest drives an in-process app, not an upstream.
    "import request from 'supertest';\nawait request(app).get('/health').expect(200);",
    { code: "'use client';\nimport superagent from 'superagent';\nexport const load = () => superagent.get('/api/items').then((r) => r.body);", filename: 'app/page.tsx' },
  ],
  invalid: [
    {
      code: SA + "const res = await superagent.get('https://api.example.com/users').set('Accept', 'application/json');",
      errors: [{ messageId: 'requestWithoutTimeout', line: 2, column: 19, endLine: 2, endColumn: 33, output: SA + "const res = await superagent.get('https://api.example.com/users').timeout(10000).set('Accept', 'application/json');" }],
    },
    {
      name: 'request.post from superagent, sent with .end',
      code: "const request = require('superagent');\nrequest.post(hookUrl).send(payload).end(callback);",
      filename: 'src/hooks.js',
      errors: [{ messageId: 'requestWithoutTimeout', line: 2, column: 1, endLine: 2, endColumn: 13, output: "const request = require('superagent');\nrequest.post(hookUrl).timeout(10000).send(payload).end(callback);" }],
    },
    {
      name: 'sent by .then before being returned',
      code: SA + 'export function getUser(id: string) { return superagent.get(`${base}/users/${id}`).then((res) => res.body); }',
      errors: [{ messageId: 'requestWithoutTimeout', line: 2, column: 46, endLine: 2, endColumn: 60, output: SA + 'export function getUser(id: string) { return superagent.get(`${base}/users/${id}`).timeout(10000).then((res) => res.body); }' }],
    },
    {
      name: 'returned from an async function: already sent when the caller gets it',
      code: SA + 'export async function getUser(id: string) { return superagent.get(`${base}/users/${id}`); }',
      errors: [{ messageId: 'requestWithoutTimeout', line: 2, column: 52, endLine: 2, endColumn: 66, output: SA + 'export async function getUser(id: string) { return superagent.get(`${base}/users/${id}`).timeout(10000); }' }],
    },
    {
      name: 'held in a variable and awaited',
      code: SA + "const req = superagent('PUT', url).send(body);\nconst res = await req;",
      errors: [{ messageId: 'requestWithoutTimeout', line: 2, column: 13, endLine: 2, endColumn: 23, output: SA + "const req = superagent('PUT', url).timeout(10000).send(body);\nconst res = await req;" }],
    },
  ],
});
