import rule from '../../../server/src/rules/secrets-config/hardcoded-endpoint';
import { runRuleTests } from '../../support/rule-tester';

runRuleTests(rule, {
  valid: [
    // Public, well-known APIs are fine hardcoded.
    "const API = 'https://api.stripe.com/v1';",
    "const API = 'https://api.github.com';",
    // Local, example and test hosts.
    "const LOCAL = 'http://localhost:4000';",
    "const LOCAL = 'http://127.0.0.1:8080/x';",
    "const DOCS = 'https://api.example.com/users';",
    "const T = 'https://billing.acme.test';",
    "const local = 'http://printer.local';",
    "const D = 'http://host.docker.internal:5432';",
    "const M = 'http://metadata.google.internal/computeMetadata/v1/';",
    // Already configurable: the literal is only a default.
    "const API = process.env.API_URL ?? 'https://api.internal.acme.com';",
    // A vendor domain that merely contains an environment word.
    "const CSP = 'https://cdn.lr-in-prod.com';",
    // A stand-in origin for a request built in process.
    "const req = new NextRequest('http://rsc.internal', { headers });",
    // A bare address outside a host-named slot, wildcards, public IPs.
    "const ip = '10.0.3.7';",
    "const wildcard = 'https://*.internal.acme.com';",
    "const PUBLIC = 'http://8.8.8.8/';",
    // Links in UI are not service configuration.
    { code: 'const link = <a href="https://wiki.corp.acme.com">wiki</a>;', filename: 'src/nav.tsx' },
    { code: "const BILLING_URL = 'https://billing.internal.acme.com';", filename: 'src/billing.test.ts' },
  ],
  invalid: [
    {
      name: 'an origin-only URL is replaced whole',
      code: "const BILLING_URL = 'https://billing.internal.acme.com';",
      errors: [{ messageId: 'internalEndpoint', line: 1, column: 21, endLine: 1, endColumn: 56, output: 'const BILLING_URL = process.env.BILLING_URL;' }],
    },
    {
      name: 'a URL with a path keeps the path',
      code: "const client = axios.create({ baseURL: 'https://api.internal.acme.com/v1' });",
      errors: [{ messageId: 'internalEndpoint', line: 1, column: 40, endLine: 1, endColumn: 74, output: 'const client = axios.create({ baseURL: `${process.env.API_URL}/v1` });' }],
    },
    {
      name: 'a template: only its head is reported and rewritten',
      code: 'await fetch(`https://api.internal.acme.com/users/${id}`);',
      errors: [{ messageId: 'internalEndpoint', line: 1, column: 13, endLine: 1, endColumn: 52, output: 'await fetch(`${process.env.API_URL}/users/${id}`);' }],
    },
    {
      name: 'a private IP in a host option is named after its owner',
      code: "const cache = { host: '10.0.3.7', port: 6379 };",
      errors: [{ messageId: 'internalEndpoint', line: 1, column: 23, endLine: 1, endColumn: 33, output: 'const cache = { host: process.env.CACHE_HOST, port: 6379 };' }],
    },
    {
      name: 'Kubernetes service DNS',
      code: "const svc = 'http://payments.default.svc.cluster.local:8080/charge';",
      errors: [{ messageId: 'internalEndpoint', line: 1, column: 13, endLine: 1, endColumn: 68, output: 'const svc = `${process.env.PAYMENTS_URL}/charge`;' }],
    },
    {
      name: 'RDS hostname',
      code: "const DB_HOST = 'orders.cluster-c9x7w2z5k8m3.eu-west-1.rds.amazonaws.com';",
      errors: [{ messageId: 'internalEndpoint', line: 1, column: 17, endLine: 1, endColumn: 74, output: 'const DB_HOST = process.env.DB_HOST;' }],
    },
    {
      name: 'ElastiCache host in constructor options',
      code: "const redis = new Redis({ host: 'sessions.abc123.ng.0001.euw1.cache.amazonaws.com' });",
      errors: [{ messageId: 'internalEndpoint', line: 1, column: 33, endLine: 1, endColumn: 83, output: 'const redis = new Redis({ host: process.env.REDIS_HOST });' }],
    },
    {
      name: 'a prod subdomain',
      code: "const PAYMENTS = 'https://payments.prod.acme.io/';",
      errors: [{ messageId: 'internalEndpoint', line: 1, column: 18, endLine: 1, endColumn: 50, output: 'const PAYMENTS = process.env.PAYMENTS_URL;' }],
    },
    {
      name: 'backticks in the rest are escaped in the template',
      code: "const api = 'http://192.168.1.20:4000/api?x=`y`';",
      errors: [{ messageId: 'internalEndpoint', line: 1, column: 13, endLine: 1, endColumn: 49, output: 'const api = `${process.env.SERVICE_URL}/api?x=\\`y\\``;' }],
    },
    {
      name: '.corp domain',
      code: "const u = 'https://ledger.corp/entries';",
      errors: [{ messageId: 'internalEndpoint', line: 1, column: 11, endLine: 1, endColumn: 40, output: 'const u = `${process.env.LEDGER_URL}/entries`;' }],
    },
  ],
});
