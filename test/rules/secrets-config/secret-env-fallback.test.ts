import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import rule from '../../../server/src/rules/secrets-config/secret-env-fallback';
import { runRuleTests } from '../../support/rule-tester';
import { analyzeSnippet } from '../../support/analyze';

runRuleTests(rule, {
  valid: [
    // Not a secret: configuration defaults are fine.
    "const PORT = process.env.PORT ?? '3000';",
    "const name = process.env.TOKEN_NAME ?? 'default';",
    // No fallback, or an empty one that fails on use.
    'const JWT_SECRET = process.env.JWT_SECRET;',
    "const JWT_SECRET = process.env.JWT_SECRET ?? '';",
    // A live key as fallback is secrets-config/hardcoded-secret's finding (full severity).
    "const STRIPE_KEY = process.env.STRIPE_SECRET_KEY ?? 'sk_live_51PRODGAPFIXTURE0nly4Tests9x';",
    // Not an environment or config read.
    "const secret = cache.get('JWT_SECRET') ?? 'x-dev';",
    "const secret = opts.secret ?? 'dev-secret';",
    { code: "const JWT_SECRET = process.env.JWT_SECRET ?? 'test-secret';", filename: 'test/setup.ts' },
  ],
  invalid: [
    {
      name: '?? fallback',
      code: "const JWT_SECRET = process.env.JWT_SECRET ?? 'dev-only-secret';",
      errors: [{ messageId: 'envFallback', line: 1, column: 46, endLine: 1, endColumn: 63, output: 'const JWT_SECRET = process.env.JWT_SECRET;' }],
    },
    {
      name: '|| fallback to an obvious placeholder is still reported',
      code: "const secret = process.env.SESSION_SECRET || 'secret';",
      errors: [{ messageId: 'envFallback', line: 1, column: 46, endLine: 1, endColumn: 54, output: 'const secret = process.env.SESSION_SECRET;' }],
    },
    {
      name: 'the slot name tells it is a secret',
      code: "export const auth = { jwtSecret: (process.env.AUTH_KEY as string) || 'a8F3kL9qZ2mX7vB4nC6d' };",
      errors: [{ messageId: 'envFallback', line: 1, column: 70, endLine: 1, endColumn: 92, output: 'export const auth = { jwtSecret: (process.env.AUTH_KEY as string) };' }],
    },
    {
      name: 'destructuring default from process.env',
      code: "const { SESSION_SECRET = 'keyboard-cat' } = process.env;",
      errors: [{ messageId: 'envFallback', line: 1, column: 26, endLine: 1, endColumn: 40, output: 'const { SESSION_SECRET } = process.env;' }],
    },
    {
      name: 'renamed destructuring default',
      code: "const { DB_PASSWORD: password = 'postgres' } = process.env;",
      errors: [{ messageId: 'envFallback', line: 1, column: 33, endLine: 1, endColumn: 43, output: 'const { DB_PASSWORD: password } = process.env;' }],
    },
    {
      name: 'Nest ConfigService default argument',
      code: "const key = this.configService.get<string>('API_KEY', 'local-api-key');",
      errors: [{ messageId: 'envFallback', line: 1, column: 55, endLine: 1, endColumn: 70, output: "const key = this.configService.get<string>('API_KEY');" }],
    },
    {
      name: 'config.get(...) ?? default',
      code: "const pw = config.get('DB_PASSWORD') ?? 'postgres';",
      errors: [{ messageId: 'envFallback', line: 1, column: 41, endLine: 1, endColumn: 51, output: "const pw = config.get('DB_PASSWORD');" }],
    },
    {
      name: 'element access and import.meta.env',
      code: "const token = process.env['GITHUB_TOKEN'] ?? 'dev-token';\nconst k = import.meta.env.VITE_API_KEY || 'dev-key';",
      errors: [
        { messageId: 'envFallback', line: 1, column: 46, endLine: 1, endColumn: 57, output: "const token = process.env['GITHUB_TOKEN'];\nconst k = import.meta.env.VITE_API_KEY || 'dev-key';" },
        { messageId: 'envFallback', line: 2, column: 43, endLine: 2, endColumn: 52, output: "const token = process.env['GITHUB_TOKEN'] ?? 'dev-token';\nconst k = import.meta.env.VITE_API_KEY;" },
      ],
    },
  ],
});

test('a fallback is one severity step below a hardcoded secret, and its message masks the value', () => {
  const report = analyzeSnippet([rule], "const JWT_SECRET = process.env.JWT_SECRET ?? 'dev-only-secret';");
  assert.equal(report.findings[0].severity, 'warning');
  assert.match(report.findings[0].message, /`dev…`, 15 chars/);
  assert.ok(!report.findings[0].message.includes('dev-only'));
  const internal = analyzeSnippet([rule], "const JWT_SECRET = process.env.JWT_SECRET ?? 'dev-only-secret';", { config: { defaultCriticality: 'experiment' } });
  assert.equal(internal.findings[0].severity, 'info');
});
