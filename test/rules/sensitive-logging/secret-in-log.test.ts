import rule from '../../../server/src/rules/sensitive-logging/secret-in-log';
import { runRuleTests } from '../../support/rule-tester';

const winstonScrubber = { "src/logger.ts": "import winston, { format } from 'winston';\nconst scrub = format((info) => {\n  delete info.password;\n  if (info.card) info['cvv'] = '[REDACTED]';\n  return info;\n});\nexport const logger = winston.createLogger({ format: format.combine(scrub(), format.json()) });" };

runRuleTests(rule, {
  valid: [
    // Development-only branches never run in production.
    "if (process.env.NODE_ENV === 'development') {\n  console.log(`invite token ${token}`);\n}",
    // Message text that only mentions a secret.
    "console.log('password reset requested');",
    "logger.info('token refreshed for user', user.id);",
    // Names that describe a secret without holding it: lengths, flags, types, hashes, expiry.
    "console.log(password.length, !!token, isTokenValid, tokenExpiresAt, hasPassword, passwordHash);",
    "logger.info({ hasToken: !!token, tokenLength: token.length, tokenType });",
    "logger.info({ token: token ? 'present' : 'missing' });",
    "console.log(req.method, req.url, req.params.id);",
    "console.log(`${req.method} ${req.url}`);",
    // Masked or replaced values.
    "logger.info({ token: mask(token) }, redact(password));",
    "logger.info({ password: '[REDACTED]' });",
    // Errors and a whole config are not judged by name alone.
    "console.log(error);\nlogger.error(err);",
    "logger.debug(config);",
    // Pagination tokens are not credentials; a validating call returns a boolean.
    "logger.info({ nextPageToken, cancellationToken });",
    "logger.warn(validateToken(t));",
    // Not a logger without configuration; not a log call at all.
    "audit.info({ password });",
    "cache.set(token, session);",
    {
      name: "test files are exempt",
      code: "console.log(password);",
      filename: "src/auth/login.test.ts",
    },
    {
      name: "developer scripts are exempt",
      code: "console.log(apiKey);",
      filename: "scripts/rotate-keys.ts",
    },
    {
      name: "browser code is exempt",
      code: "'use client';\nconsole.log(token);",
      filename: "app/login/page.tsx",
    },
    {
      name: "pino redaction of a top-level key",
      code: "import pino from 'pino';\nconst logger = pino({ redact: ['password'] });\nlogger.info({ password }, 'login');",
    },
    {
      name: "redaction configured in another file",
      code: "import { logger } from './logger';\nlogger.info({ password, session: { token } }, 'login');",
      files: { "src/logger.ts": "import pino from 'pino';\nexport const logger = pino({ redact: { paths: ['password', 'req.headers.authorization', '*.token'], censor: '***' } });" },
    },
    {
      name: "a redacted parent covers its keys",
      code: "import { logger } from './logger';\nlogger.info({ req: { headers: { authorization: header } } });",
      files: { "src/logger.ts": "export const logger = pino({ redact: ['req.headers'] });" },
    },
    {
      name: "keys a winston custom format deletes",
      code: "import winston from 'winston';\nconst logger = winston.createLogger({});\nlogger.info('login', { password });",
      files: winstonScrubber,
    },
    {
      name: "a serialized value under a redacted key",
      code: "import { logger } from './logger';\nlogger.info({ data: JSON.stringify({ password }) });",
      files: { "src/logger.ts": "export const logger = pino({ redact: ['data'] });" },
    },
  ],
  invalid: [
    {
      name: "a key the winston format leaves alone",
      code: "import winston from 'winston';\nconst logger = winston.createLogger({});\nlogger.info('login', { token });",
      files: winstonScrubber,
      errors: [
        { messageId: "secret", line: 3, column: 24, endLine: 3, endColumn: 29, output: "import winston from 'winston';\nconst logger = winston.createLogger({});\nlogger.info('login', { token: '[REDACTED]' });" },
      ],
    },
    {
      name: "a serialized object is out of reach of a redaction of its keys",
      code: "import { logger } from './logger';\nlogger.info({ data: JSON.stringify({ password }) });",
      files: { "src/logger.ts": "export const logger = pino({ redact: ['password', '*.password'] });" },
      errors: [
        { messageId: "secret", line: 2, column: 38, endLine: 2, endColumn: 46, output: "import { logger } from './logger';\nlogger.info({ data: JSON.stringify({ password: '[REDACTED]' }) });" },
      ],
    },
    {
      name: 'a connection string carries the database password',
      code: "console.log('connecting to', process.env.DATABASE_URL);",
      errors: [
        { messageId: "secret", line: 1, column: 30, endLine: 1, endColumn: 54, output: "console.log('connecting to', '[REDACTED]');" },
      ],
    },
    {
      name: 'a reset link carries a one-time token',
      code: "logger.info(`password reset link: ${resetLink}`);",
      errors: [
        { messageId: "secret", line: 1, column: 37, endLine: 1, endColumn: 46, output: "logger.info(`password reset link: [REDACTED]`);" },
      ],
    },
    {
      code: "console.log('login', password);",
      errors: [
        { messageId: "secret", line: 1, column: 22, endLine: 1, endColumn: 30, output: "console.log('login', '[REDACTED]');" },
      ],
    },
    {
      code: "logger.info({ password }, 'login attempt');",
      errors: [
        { messageId: "secret", line: 1, column: 15, endLine: 1, endColumn: 23, output: "logger.info({ password: '[REDACTED]' }, 'login attempt');" },
      ],
    },
    {
      code: "logger.info({ token: t }, 'issued');",
      errors: [
        { messageId: "secret", line: 1, column: 22, endLine: 1, endColumn: 23, output: "logger.info({ token: '[REDACTED]' }, 'issued');" },
      ],
    },
    {
      code: "logger.info(`issued token ${token} to client`);",
      errors: [
        { messageId: "secret", line: 1, column: 29, endLine: 1, endColumn: 34, output: "logger.info(`issued token [REDACTED] to client`);" },
      ],
    },
    {
      code: "console.log('token=' + accessToken);",
      errors: [
        { messageId: "secret", line: 1, column: 24, endLine: 1, endColumn: 35, output: "console.log('token=' + '[REDACTED]');" },
      ],
    },
    {
      code: "import { Logger } from '@nestjs/common';\nclass PaymentsService {\n  private readonly audit = new Logger(PaymentsService.name);\n  charge() {\n    this.audit.log(`Using key ${this.config.stripeSecretKey}`);\n  }\n}",
      errors: [
        { messageId: "secret", line: 5, column: 33, endLine: 5, endColumn: 60, output: "import { Logger } from '@nestjs/common';\nclass PaymentsService {\n  private readonly audit = new Logger(PaymentsService.name);\n  charge() {\n    this.audit.log(`Using key [REDACTED]`);\n  }\n}" },
      ],
    },
    {
      code: "console.log(req.headers.authorization);",
      errors: [
        { messageId: "secret", line: 1, column: 13, endLine: 1, endColumn: 38, output: "console.log('[REDACTED]');" },
      ],
    },
    {
      code: "console.log(req.header('Authorization'));",
      errors: [
        { messageId: "secret", line: 1, column: 13, endLine: 1, endColumn: 40, output: "console.log('[REDACTED]');" },
      ],
    },
    {
      code: "logger.info({ apiKey: this.configService.get('STRIPE_API_KEY') });",
      errors: [
        { messageId: "secret", line: 1, column: 23, endLine: 1, endColumn: 63, output: "logger.info({ apiKey: '[REDACTED]' });" },
      ],
    },
    {
      code: "logger.debug('token', await auth.getAccessToken());",
      errors: [
        { messageId: "secret", line: 1, column: 29, endLine: 1, endColumn: 50, output: "logger.debug('token', '[REDACTED]');" },
      ],
    },
    {
      code: "console.log('secret is', process.env.JWT_SECRET);",
      errors: [
        { messageId: "secret", line: 1, column: 26, endLine: 1, endColumn: 48, output: "console.log('secret is', '[REDACTED]');" },
      ],
    },
    {
      code: "app.post('/login', (req, res) => {\n  console.log(req.body);\n});",
      errors: [
        { messageId: "wholeRequest", line: 2, column: 15, endLine: 2, endColumn: 23, output: "app.post('/login', (req, res) => {\n  console.log(Object.keys(req.body ?? {}));\n});" },
      ],
    },
    {
      code: "function handle(req: Request) {\n  logger.info({ req }, 'incoming');\n}",
      errors: [
        { messageId: "wholeRequest", line: 2, column: 17, endLine: 2, endColumn: 20, output: "function handle(req: Request) {\n  logger.info({ req: { method: req.method, url: req.url } }, 'incoming');\n}" },
      ],
    },
    {
      code: "console.log('headers', request.headers);",
      errors: [
        { messageId: "wholeRequest", line: 1, column: 24, endLine: 1, endColumn: 39, output: "console.log('headers', Object.keys(request.headers ?? {}));" },
      ],
    },
    {
      code: "logger.debug(ctx.request.body);",
      errors: [
        { messageId: "wholeRequest", line: 1, column: 14, endLine: 1, endColumn: 30, output: "logger.debug(Object.keys(ctx.request.body ?? {}));" },
      ],
    },
    {
      code: "export async function POST(request: Request) {\n  const body = await request.json();\n  console.log(body);\n}",
      errors: [
        { messageId: "wholeRequest", line: 3, column: 15, endLine: 3, endColumn: 19, output: "export async function POST(request: Request) {\n  const body = await request.json();\n  console.log(Object.keys(body ?? {}));\n}" },
      ],
    },
    {
      code: "const { body } = req;\nlogger.info(body);",
      errors: [
        { messageId: "wholeRequest", line: 2, column: 13, endLine: 2, endColumn: 17, output: "const { body } = req;\nlogger.info(Object.keys(body ?? {}));" },
      ],
    },
    {
      code: "logger.info(`headers: ${JSON.stringify(req.headers)}`);",
      errors: [
        { messageId: "wholeRequest", line: 1, column: 40, endLine: 1, endColumn: 51, output: "logger.info(`headers: ${JSON.stringify(Object.keys(req.headers ?? {}))}`);" },
      ],
    },
    {
      code: "console.log(req.cookies);",
      errors: [
        { messageId: "secret", line: 1, column: 13, endLine: 1, endColumn: 24, output: "console.log('[REDACTED]');" },
      ],
    },
    {
      code: "fastify.get('/', async (request) => {\n  request.log.info({ authorization: request.headers.authorization });\n});",
      errors: [
        { messageId: "secret", line: 2, column: 37, endLine: 2, endColumn: 66, output: "fastify.get('/', async (request) => {\n  request.log.info({ authorization: '[REDACTED]' });\n});" },
      ],
    },
    {
      code: "console.log(process.env);",
      errors: [
        { messageId: "wholeEnvironment", line: 1, column: 13, endLine: 1, endColumn: 24, output: "console.log(Object.keys(process.env ?? {}));" },
      ],
    },
    {
      code: "const env = loadEnv();\nlogger.debug({ env });",
      errors: [
        { messageId: "wholeEnvironment", line: 2, column: 16, endLine: 2, endColumn: 19, output: "const env = loadEnv();\nlogger.debug({ env: Object.keys(env ?? {}) });" },
      ],
    },
    {
      code: "logger.info({ ...credentials, step: 'connect' });",
      errors: [
        { messageId: "secret", line: 1, column: 18, endLine: 1, endColumn: 29, output: "logger.info({ credentials: '[REDACTED]', step: 'connect' });" },
      ],
    },
    {
      code: "import pino from 'pino';\nconst root = pino();\nconst log = root.child({ module: 'auth' });\nlog.info({ refreshToken });",
      errors: [
        { messageId: "secret", line: 4, column: 12, endLine: 4, endColumn: 24, output: "import pino from 'pino';\nconst root = pino();\nconst log = root.child({ module: 'auth' });\nlog.info({ refreshToken: '[REDACTED]' });" },
      ],
    },
    {
      name: "configured redaction helper",
      code: "logger.info({ password }, `token ${token}`);",
      config: { logging: { redactionHelper: "redact" } },
      errors: [
        { messageId: "secret", line: 1, column: 15, endLine: 1, endColumn: 23, output: "logger.info({ password: redact(password) }, `token ${token}`);" },
        { messageId: "secret", line: 1, column: 36, endLine: 1, endColumn: 41, output: "logger.info({ password }, `token ${redact(token)}`);" },
      ],
    },
    {
      name: "configured logger name",
      code: "audit.info({ password });",
      config: { logging: { loggers: ["audit"] } },
      errors: [
        { messageId: "secret", line: 1, column: 14, endLine: 1, endColumn: 22, output: "audit.info({ password: '[REDACTED]' });" },
      ],
    },
    {
      name: "pino redaction does not cover console",
      code: "console.log({ password });",
      files: { "src/logger.ts": "import pino from 'pino';\nexport const logger = pino({ redact: { paths: ['password', 'req.headers.authorization', '*.token'], censor: '***' } });" },
      errors: [
        { messageId: "secret", line: 1, column: 15, endLine: 1, endColumn: 23, output: "console.log({ password: '[REDACTED]' });" },
      ],
    },
    {
      name: "pino redaction does not cover interpolation arguments",
      code: "import { logger } from './logger';\nlogger.info('login', { password });",
      files: { "src/logger.ts": "import pino from 'pino';\nexport const logger = pino({ redact: { paths: ['password', 'req.headers.authorization', '*.token'], censor: '***' } });" },
      errors: [
        { messageId: "secret", line: 2, column: 24, endLine: 2, endColumn: 32, output: "import { logger } from './logger';\nlogger.info('login', { password: '[REDACTED]' });" },
      ],
    },
    {
      name: "pino redaction does not cover winston",
      code: "import winston from 'winston';\nconst logger = winston.createLogger({});\nlogger.info({ password });",
      files: { "src/logger.ts": "import pino from 'pino';\nexport const logger = pino({ redact: { paths: ['password', 'req.headers.authorization', '*.token'], censor: '***' } });" },
      errors: [
        { messageId: "secret", line: 3, column: 15, endLine: 3, endColumn: 23, output: "import winston from 'winston';\nconst logger = winston.createLogger({});\nlogger.info({ password: '[REDACTED]' });" },
      ],
    },
    {
      name: "a redaction of another key",
      code: "import { logger } from './logger';\nlogger.info({ apiKey });",
      files: { "src/logger.ts": "import pino from 'pino';\nexport const logger = pino({ redact: { paths: ['password', 'req.headers.authorization', '*.token'], censor: '***' } });" },
      errors: [
        { messageId: "secret", line: 2, column: 15, endLine: 2, endColumn: 21, output: "import { logger } from './logger';\nlogger.info({ apiKey: '[REDACTED]' });" },
      ],
    },
  ],
});

