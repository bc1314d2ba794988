import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../server/src/cli/main';
import rule from '../../../server/src/rules/secrets-config/hardcoded-secret';
import { runRuleTests } from '../../support/rule-tester';
import { analyzeSnippet } from '../../support/analyze';

// Obviously fake material (PRODGAP FIXTURE) in the real formats: the known prefixes are flagged whatever the entropy.
const STRIPE_LIVE = 'sk_live_51PRODGAPFIXTURE0nly4Tests9x';
const STRIPE_TEST = 'sk_test_51PRODGAPFIXTURE0nly4Tests9x';
const AWS_KEY_ID = 'AKIAPRODGAPFIXTURE00';
const AWS_SECRET = 'PRODGAPfixture/0nly+4TestsQ9x7w2Z5k8M3r1';
const GITHUB = 'ghp_PRODGAPFIXTURE0nly4TestsQ9x7w2Z5k8M3';
const GOOGLE = 'AIzaPRODGAPFIXTURE0nly4TestsQ9x7w2Z5k8M';
const SENDGRID = 'SG.PRODGAPFIXTURE0nly4Tes.PRODGAPFIXTURE0nly4TestsQ9x7w2Z5k8M3r1Q9x7w';
const RANDOM = 'a8F3kL9qZ2mX7vB4nC6d';

runRuleTests(rule, {
  valid: [
    'const key = process.env.STRIPE_SECRET_KEY;',
    // Publishable keys are public by design.
    "const pk = 'pk_live_51PRODGAPFIXTURE0nly4Tests9x';",
    "const POSTHOG_API_KEY = 'phc_PRODGAPFIXTURE0nly4TestsQ9x7w2Z5k8M3r1';",
    // Placeholders and documentation examples.
    "const apiKey = 'your-api-key-here';",
    "const config = { password: 'changeme' };",
    "const STRIPE_KEY = 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx';",
    "const docs = 'AKIAIOSFODNN7EXAMPLE';",
    // A fallback behind the environment is secrets-config/secret-env-fallback's finding.
    `const s = process.env.JWT_SECRET ?? '${RANDOM}';`,
    // Not credentials: translations, storage keys, URLs, names about tokens, public keys, UUIDs, hashes, permission names.
    "const messages = { password: 'Mot de passe', token: 'Jeton', apiKey: 'Schluessel' };",
    "const TOKEN_KEY = 'auth_token';",
    "const SESSION_KEY = 'user-session';",
    "enum InfraConfig { JWT_SECRET = 'JWT_SECRET', SESSION_SECRET = 'SESSION_SECRET' }",
    "const settings = { jwtSecret: 'auth.jwtSecret', sessionSecret: 'APP_SESSION_SECRET' };",
    "const config = { sessionSecret: 'your-session-secret' };",
    `const oauth = { tokenUrl: 'https://auth.acme.io/oauth/token', csrfToken: '${RANDOM}' };`,
    "const vapidPublicKey = 'BEl62iUYgUivxIkv69yViEuiBIa40HIe8F3kL9qZ2mX7vB4nC6d';",
    "const apiKey = '123e4567-e89b-12d3-a456-426614174000';",
    "const admin = { passwordHash: '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy' };",
    "const permissions = { createApiKey: 'createApiKey', updateOwnAccessToken: 'updateOwnAccessToken' };",
    // Connection strings: local databases, placeholder or interpolated passwords.
    "const url = 'postgres://postgres:postgres@localhost:5432/app';",
    "const url = 'postgres://app:Zk8q2LmP4x@localhost/app';",
    "const url = 'postgres://app:<password>@db.acme.io/app';",
    'const url = `postgres://app:${password}@db.acme.io/app`;',
    'const url = `postgres://app:Zk8q2LmP4x@localhost:${port}/app`;',
    'const url = `https://user:${token}@github.com/${repo}.git`;',
    // A Firebase web config's API key is public by design.
    `const firebaseConfig = { apiKey: '${GOOGLE}', authDomain: 'acme.firebaseapp.com' };`,
    "import jwt from 'jsonwebtoken';\njwt.sign(payload, process.env.JWT_SECRET!);",
    // A local function named sign is not jsonwebtoken.
    "function sign(a: unknown, b: string) { return [a, b]; }\nsign({}, 'secret');",
    // Code, not values.
    `type Key = '${STRIPE_LIVE}';`,
    `const byKey = { '${STRIPE_LIVE}': 1 };`,
    // Tests, fixtures, seeds and dev-only entry points are not production.
    ...['src/__tests__/billing.ts', 'src/billing.spec.ts', 'test/helpers.ts', 'e2e/checkout.ts', 'prisma/seed.ts', 'src/server-dev.ts', 'apps/web/vitestSetup.ts', 'packages/test-helpers/src/auth.ts'].map((filename) => ({
      code: `export const stripe = new Stripe('${STRIPE_LIVE}');`,
      filename,
    })),
    // The author says the value is not a secret (an obfuscation constant): the name alone does not overrule that.
    '// This is not actually a secret key, it is just a string that we XOR with the key\nconst XOR_SECRET_KEY = "58ff90c0dc372ded858cbf8fb2306066";',
  ],
  invalid: [
    {
      name: 'a key known by its format is reported whatever a comment says',
      code: `// not a secret, test account\nconst stripeSecretKey = '${STRIPE_LIVE}';`,
      errors: [{ messageId: 'knownFormat', line: 2, column: 25, endLine: 2, endColumn: 63, output: '// not a secret, test account\nconst stripeSecretKey = process.env.STRIPE_SECRET_KEY;' }],
    },
    {
      name: 'a comment elsewhere does not vouch for the value',
      code: '// Signing key for webhooks (not a secret store, see docs) -- rotated by ops\nconst a = 1;\nconst WEBHOOK_SECRET_KEY = "58ff90c0dc372ded858cbf8fb2306066";',
      errors: [{ messageId: 'namedSecret', line: 3, column: 28, endLine: 3, endColumn: 62 }],
    },
    {
      name: 'Stripe live key passed to the client',
      code: `import Stripe from 'stripe';\nexport const stripe = new Stripe('${STRIPE_LIVE}');`,
      errors: [{ messageId: 'knownFormat', line: 2, column: 34, endLine: 2, endColumn: 72, output: "import Stripe from 'stripe';\nexport const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);" }],
    },
    {
      name: 'the variable name gives the environment variable',
      code: `const stripeSecretKey = '${STRIPE_LIVE}';`,
      errors: [{ messageId: 'knownFormat', line: 1, column: 25, endLine: 1, endColumn: 63, output: 'const stripeSecretKey = process.env.STRIPE_SECRET_KEY;' }],
    },
    {
      name: 'Stripe test-mode key: its own message',
      code: `const key = '${STRIPE_TEST}';`,
      errors: [{ messageId: 'testModeKey', line: 1, column: 13, endLine: 1, endColumn: 51, output: 'const key = process.env.STRIPE_SECRET_KEY;' }],
    },
    {
      name: 'AWS access key id and secret access key',
      code: `const s3 = new S3Client({ credentials: { accessKeyId: '${AWS_KEY_ID}', secretAccessKey: '${AWS_SECRET}' } });`,
      errors: [
        { messageId: 'knownFormat', line: 1, column: 55, endLine: 1, endColumn: 77, output: `const s3 = new S3Client({ credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: '${AWS_SECRET}' } });` },
        { messageId: 'knownFormat', line: 1, column: 96, endLine: 1, endColumn: 138, output: `const s3 = new S3Client({ credentials: { accessKeyId: '${AWS_KEY_ID}', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY } });` },
      ],
    },
    {
      name: 'a token inside a header keeps the scheme in a template',
      code: `await fetch(url, { headers: { Authorization: 'token ${GITHUB}' } });`,
      errors: [{ messageId: 'knownFormat', line: 1, column: 46, endLine: 1, endColumn: 94, output: 'await fetch(url, { headers: { Authorization: `token ${process.env.GITHUB_TOKEN}` } });' }],
    },
    {
      name: 'Slack bot token',
      code: "const slack = new WebClient('xoxb-2400-PRODGAP-FIXTURE0nly4Tests');",
      errors: [{ messageId: 'knownFormat', line: 1, column: 29, endLine: 1, endColumn: 66, output: 'const slack = new WebClient(process.env.SLACK_TOKEN);' }],
    },
    {
      name: 'Google API key outside a Firebase config',
      code: `const GOOGLE_MAPS_KEY = '${GOOGLE}';`,
      errors: [{ messageId: 'knownFormat', line: 1, column: 25, endLine: 1, endColumn: 66, output: 'const GOOGLE_MAPS_KEY = process.env.GOOGLE_API_KEY;' }],
    },
    {
      name: 'SendGrid key',
      code: `sgMail.setApiKey('${SENDGRID}');`,
      errors: [{ messageId: 'knownFormat', line: 1, column: 18, endLine: 1, endColumn: 89, output: 'sgMail.setApiKey(process.env.SENDGRID_API_KEY);' }],
    },
    {
      name: 'private key block in a template literal',
      code: 'const privateKey = `-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAPRODGAPFIXTUREQ9x7w2Z5k8M3r1PRODGAPFIXTUREQ9x7w2Z5k8M3r1\n-----END RSA PRIVATE KEY-----`;',
      errors: [{ messageId: 'knownFormat', line: 1, column: 20, endLine: 3, endColumn: 31, output: 'const privateKey = process.env.PRIVATE_KEY;' }],
    },
    {
      name: 'jwt.sign with a literal secret, even a short one',
      code: "import jwt from 'jsonwebtoken';\nexport const issue = (payload: object) => jwt.sign(payload, 'secret');",
      errors: [{ messageId: 'signingSecret', line: 2, column: 61, endLine: 2, endColumn: 69, output: "import jwt from 'jsonwebtoken';\nexport const issue = (payload: object) => jwt.sign(payload, process.env.JWT_SECRET);" }],
    },
    {
      name: 'named import of verify',
      code: "import { verify } from 'jsonwebtoken';\nverify(token, 'shh-its-a-secret');",
      errors: [{ messageId: 'signingSecret', line: 2, column: 15, endLine: 2, endColumn: 33, output: "import { verify } from 'jsonwebtoken';\nverify(token, process.env.JWT_SECRET);" }],
    },
    {
      name: 'express-session secret',
      code: "import session from 'express-session';\napp.use(session({ secret: 'keyboard cat', resave: false }));",
      errors: [{ messageId: 'signingSecret', line: 2, column: 27, endLine: 2, endColumn: 41, output: "import session from 'express-session';\napp.use(session({ secret: process.env.SESSION_SECRET, resave: false }));" }],
    },
    {
      name: 'Nest JwtModule.register',
      code: "import { JwtModule } from '@nestjs/jwt';\nJwtModule.register({ secret: 'my-jwt-secret', signOptions: { expiresIn: '1h' } });",
      errors: [{ messageId: 'signingSecret', line: 2, column: 30, endLine: 2, endColumn: 45, output: "import { JwtModule } from '@nestjs/jwt';\nJwtModule.register({ secret: process.env.JWT_SECRET, signOptions: { expiresIn: '1h' } });" }],
    },
    {
      name: 'passport-jwt secretOrKey',
      code: "super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: 'hardcoded' });",
      errors: [{ messageId: 'signingSecret', line: 1, column: 80, endLine: 1, endColumn: 91, output: 'super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: process.env.JWT_SECRET });' }],
    },
    {
      name: 'a signing secret by name needs no entropy',
      code: "export const JWT_SECRET = 'supersecretkey';",
      errors: [{ messageId: 'signingSecret', line: 1, column: 27, endLine: 1, endColumn: 43, output: 'export const JWT_SECRET = process.env.JWT_SECRET;' }],
    },
    {
      name: 'password in a database URL',
      code: "const DATABASE_URL = 'postgres://app:Zk8q2LmP4x@db.acme.io:5432/app';",
      errors: [{ messageId: 'connectionPassword', line: 1, column: 22, endLine: 1, endColumn: 69, output: 'const DATABASE_URL = process.env.DATABASE_URL;' }],
    },
    {
      name: 'password in a Redis URL under a generic name',
      code: "const redis = createClient({ url: 'redis://default:Zk8q2LmP4x@cache.acme.io:6379' });",
      errors: [{ messageId: 'connectionPassword', line: 1, column: 35, endLine: 1, endColumn: 82, output: 'const redis = createClient({ url: process.env.REDIS_URL });' }],
    },
    {
      name: 'password in the head of a template: only the password moves',
      code: 'const url = `mongodb+srv://orders:Zk8q2LmP4x@${host}/orders`;',
      errors: [{ messageId: 'connectionPassword', line: 1, column: 13, endLine: 1, endColumn: 48, output: 'const url = `mongodb+srv://orders:${process.env.MONGODB_PASSWORD}@${host}/orders`;' }],
    },
    {
      name: 'a password property is named after its owner',
      code: "export const config = { db: { password: 'q7W!xZ2#kLp9' } };",
      errors: [{ messageId: 'namedSecret', line: 1, column: 41, endLine: 1, endColumn: 55, output: 'export const config = { db: { password: process.env.DB_PASSWORD } };' }],
    },
    {
      name: 'assignment to this.apiKey',
      code: `class Client { constructor() { this.apiKey = '${RANDOM}'; } }`,
      errors: [{ messageId: 'namedSecret', line: 1, column: 46, endLine: 1, endColumn: 68, output: 'class Client { constructor() { this.apiKey = process.env.API_KEY; } }' }],
    },
    {
      name: 'a bearer token in an Authorization header',
      code: `await fetch(url, { headers: { Authorization: 'Bearer ${RANDOM}Q1' } });`,
      errors: [{ messageId: 'namedSecret', line: 1, column: 46, endLine: 1, endColumn: 77, output: 'await fetch(url, { headers: { Authorization: `Bearer ${process.env.API_TOKEN}` } });' }],
    },
    {
      name: 'a hex auth token',
      code: "const twilioAuthToken = '9f86d081884c7d659a2feaa0c55ad015';",
      errors: [{ messageId: 'namedSecret', line: 1, column: 25, endLine: 1, endColumn: 59, output: 'const twilioAuthToken = process.env.TWILIO_AUTH_TOKEN;' }],
    },
    {
      name: 'a JSX attribute gets an expression container',
      code: `export const W = () => <Widget apiKey="${RANDOM}" />;`,
      filename: 'src/w.tsx',
      errors: [{ messageId: 'namedSecret', line: 1, column: 39, endLine: 1, endColumn: 61, output: 'export const W = () => <Widget apiKey={process.env.API_KEY} />;' }],
    },
  ],
});

test('a test-mode key is one severity step below a live key; messages mask the value', () => {
  const report = analyzeSnippet([rule], `const live = '${STRIPE_LIVE}';\nconst test = '${STRIPE_TEST}';`);
  assert.deepEqual(report.findings.map((f) => f.severity), ['error', 'warning']);
  assert.deepEqual(report.findings.map((f) => f.message.match(/`[^`]*…`, \d+ chars/)?.[0]), ['`sk_l…`, 36 chars', '`sk_t…`, 36 chars']);
  for (const finding of report.findings) assert.ok(!finding.message.includes('PRODGAP'), finding.message);
});

// CLI outputs, all three rules of the category: every secret below must stay out of every output: messages show a masked prefix and the length only.
const MASKED = ['sk_live_51PRODGAPFIXTURE0nly4Tests9x', 'Zk8q2LmP4x', 'a8F3kL9qZ2mX7vB4nC6d', 'dev-only-secret', 'keyboard cat'];
const SOURCE = [
  "import Stripe from 'stripe';",
  "import session from 'express-session';",
  `export const stripe = new Stripe('${MASKED[0]}');`,
  `export const DATABASE_URL = 'postgres://app:${MASKED[1]}@db.acme.io:5432/app';`,
  `export const config = { apiKey: '${MASKED[2]}' };`,
  `export const JWT_SECRET = process.env.JWT_SECRET ?? '${MASKED[3]}';`,
  `export const middleware = session({ secret: '${MASKED[4]}' });`,
  '',
].join('\n');

function run(format: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prodgap-secrets-'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"p"}');
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src/config.ts'), SOURCE);
  let stdout = '';
  runCli(['check', '--format', format, '--fail-on', 'never'], { cwd: dir, stdout: (t) => (stdout += t), stderr: () => {}, stderrIsTty: false, stdoutIsTty: false, today: '2026-06-01' });
  return stdout;
}

for (const format of ['text', 'json', 'sarif']) {
  test(`--format ${format}: findings are reported and no secret appears in the output`, () => {
    const output = run(format);
    const count = format === 'text' ? (output.match(/secrets-config\//g) ?? []).length : JSON.stringify(JSON.parse(output)).match(/"ruleId":"secrets-config\//g)?.length ?? 0;
    assert.equal(count, MASKED.length, output);
    for (const secret of MASKED) assert.ok(!output.includes(secret), `${format} output contains ${secret}`);
  });
}
