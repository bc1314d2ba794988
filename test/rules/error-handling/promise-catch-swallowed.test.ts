import rule from '../../../server/src/rules/error-handling/promise-catch-swallowed';
import { runRuleTests } from '../../support/rule-tester';

runRuleTests(rule, {
  valid: [
    // The callee logs its failure before rethrowing: the empty catch only stops an unhandled rejection.
    {
      code: 'export async function handle(response) {\n  sendToPipeline({ event: "responseCreated", response }).catch(() => {});\n}',
      files: { 'src/lib/pipelines.ts': 'import pino from "pino";\nconst logger = pino();\nexport async function sendToPipeline(event) {\n  try {\n    await queue.add(event);\n  } catch (error) {\n    logger.error({ error }, "Error queueing pipeline event");\n    throw error;\n  }\n}' },
    },
    // Cleanup whose failure does not matter.
    'fs.promises.unlink(tmpPath).catch(() => {});',
    'redis.quit().catch(() => {});',
    'client.close().catch(() => undefined);',
    'audio.play().catch(() => {});',
    'process.kill(pid).catch(noop);',
    // A probe named for the question it answers: the rejection is the answer "no".
    'class S3Storage {\n  public async getFileExists(key: string) {\n    return this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key })).then(() => true).catch(() => false);\n  }\n}',
    // Handlers that record or use the failure.
    'user.save().catch((err) => logger.error({ err }, "save failed"));',
    'orders.create(dto).catch((e) => { metrics.increment("orders.failed"); });',
    'queue.add("email", job).catch(reportError);',
    'repo.save(entity).catch((e) => { throw new ConflictException(e); });',
    // Reads and unknown operations are not judged.
    'const user = await prisma.user.findUnique({ where: { id } }).catch(() => null);',
    'loadWidgets().catch(() => {});',
    // Parsing a body: a failure is the expected answer.
    'const body = await response.json().catch(() => ({}));',
    'const body = await request.text().catch(() => "");',
    // Telemetry beacons are best effort.
    'fetch("/api/analytics", { method: "POST", body }).catch(() => {});',
    // The stand-in is checked at once and turned into an error.
    'async function f() {\n  const token = await prisma.token.delete({ where: { id } }).catch(() => null);\n  if (!token) throw new AppError("INVALID_TOKEN");\n}',
    // Documented.
    '// best effort: the reminder is re-sent by the nightly job\nmailer.sendMail(reminder).catch(() => {});',
    'mailer.sendMail(reminder).catch(() => {\n  // ignore: the nightly job re-sends reminders\n});',
    '// Best effort: a failed bookkeeping write must never fail auth.\nif (stale) {\n  await db.update(apiKey).set({ lastUsedAt: new Date() }).where(eq(apiKey.id, id)).catch(() => {});\n}',
    'widget.render().catch(() => {});',
    // An HTTP GET made for its data, with a stand-in when it cannot be read.
    'const data = await fetch(`${api}/timeseries`, { headers }).then((r) => r.json()).catch(() => []);',
    'const count = await api.get(`/links/count`).then((r) => r.data.count).catch(() => 0);',
    // A conditional update: "no row" (already moved on) is the expected answer.
    'await prisma.backgroundJob.update({ where: { id, status: "PENDING" }, data: { status: "PROCESSING" } }).catch(() => null);',
    // A local function that records its own failures.
    'async function sendDigest(user: User) {\n  try {\n    await mailer.sendMail(digest(user));\n  } catch (err) {\n    logger.error({ err }, "digest failed");\n  }\n}\nsendDigest(user).catch(() => {});',
    // Browser code and test helpers.
    { code: 'await db.delete(auditLog).where(eq(auditLog.id, id)).catch(() => undefined);', filename: 'packages/services/test/helpers.ts' },
    { code: '"use client";\nfetch("/api/orders", { method: "POST" }).catch(() => {});', filename: 'app/cart.ts' },
  ],
  invalid: [
    {
      name: 'a callee that does not record its failure',
      code: 'export async function handle(response) {\n  sendToPipeline({ event: "responseCreated", response }).catch(() => {});\n}',
      files: { 'src/lib/pipelines.ts': 'export async function sendToPipeline(event) {\n  await queue.add(event);\n}' },
      errors: [{ messageId: 'swallowed', line: 2, column: 58, endLine: 2, endColumn: 63 }],
    },
    {
      name: 'a GET whose response is not used, and one whose method cannot be seen',
      code: 'fetch(hookUrl).catch(() => {});\nconst rows = await fetch(url, init).then((r) => r.json()).catch(() => []);',
      errors: [
        { messageId: 'swallowed', line: 1, column: 16, endLine: 1, endColumn: 21 },
        { messageId: 'swallowed', line: 2, column: 59, endLine: 2, endColumn: 64 },
      ],
    },
    {
      name: 'a write with an empty handler',
      code: 'user.save().catch(() => {});',
      errors: [{ messageId: 'swallowed', line: 1, column: 13, endLine: 1, endColumn: 18, output: "user.save().catch((err) => { console.error('user.save failed', err); });" }],
    },
    {
      name: 'a Prisma update whose result is used: the fix keeps the value and logs with the logger in scope',
      code: "import { logger } from './logger';\nasync function mark(id: string) {\n  await prisma.job.update({ where: { id }, data: { done: true } }).catch(() => null);\n}",
      errors: [
        {
          messageId: 'swallowed',
          line: 3,
          column: 68,
          endLine: 3,
          endColumn: 73,
          output: "import { logger } from './logger';\nasync function mark(id: string) {\n  await prisma.job.update({ where: { id }, data: { done: true } }).catch((err) => { logger.error({ err }, 'prisma.job.update failed'); return null; });\n}",
        },
      ],
    },
    {
      name: 'fetch through a .then chain',
      code: 'fetch(`${api}/webhooks`, { method: "POST", body })\n  .then((r) => r.json())\n  .catch(() => undefined);',
      errors: [{ messageId: 'swallowed', line: 3, column: 4, endLine: 3, endColumn: 9 }],
    },
    {
      name: 'axios instance and noop',
      code: "import axios from 'axios';\nimport { noop } from 'lodash';\nconst api = axios.create({ baseURL });\napi.put(`/users/${id}`, data).catch(noop);",
      errors: [{ messageId: 'swallowed', line: 4, column: 31, endLine: 4, endColumn: 36, output: "import axios from 'axios';\nimport { noop } from 'lodash';\nconst api = axios.create({ baseURL });\napi.put(`/users/${id}`, data).catch((err) => { console.error('api.put failed', err); });" }],
    },
    {
      name: 'a payment, a message send and a queue job',
      code: 'stripe.refunds.create({ charge }).catch(() => {});\ntransporter.sendMail(message).catch((_e) => false);\nemailQueue.add("welcome", { userId }).catch(() => {});',
      errors: [
        { messageId: 'swallowed', line: 1, column: 35, endLine: 1, endColumn: 40 },
        { messageId: 'swallowed', line: 2, column: 31, endLine: 2, endColumn: 36, output: 'stripe.refunds.create({ charge }).catch(() => {});\ntransporter.sendMail(message).catch((_e) => { console.error(\'transporter.sendMail failed\', _e); return false; });\nemailQueue.add("welcome", { userId }).catch(() => {});' },
        { messageId: 'swallowed', line: 3, column: 39, endLine: 3, endColumn: 44 },
      ],
    },
    {
      name: 'a promise held in a const',
      code: 'const pending = repo.save(entity);\npending.catch(() => {});',
      errors: [{ messageId: 'swallowed', line: 2, column: 9, endLine: 2, endColumn: 14 }],
    },
    {
      name: 'a query builder is judged by its verb',
      code: 'await db.update(apiKey).set({ lastUsedAt: new Date() }).where(eq(apiKey.id, id)).catch(() => {});',
      errors: [{ messageId: 'swallowed', line: 1, column: 82, endLine: 1, endColumn: 87 }],
    },
    {
      name: 'a project function named for a send',
      code: '// Continue with the signup even when the mail provider is slow.\nsendWelcomeEmail(user).catch(() => {});',
      errors: [{ messageId: 'swallowed', line: 2, column: 24, endLine: 2, endColumn: 29 }],
    },
    {
      name: 'an empty local function as handler',
      code: 'function ignore() {}\nchannel.publish(exchange, key, payload).catch(ignore);',
      errors: [{ messageId: 'swallowed', line: 2, column: 41, endLine: 2, endColumn: 46 }],
    },
  ],
});
