import rule from '../../../server/src/rules/idempotency/retry-non-idempotent';
import { runRuleTests } from '../../support/rule-tester';

const head = "import pRetry from 'p-retry';\nimport axios from 'axios';\n";

runRuleTests(rule, {
  valid: [
    // Retried reads and idempotent writes.
    head + 'await pRetry(() => axios.get(`${CRM}/users/${id}`));',
    head + 'await pRetry(() => axios.put(`${CRM}/users/${id}`, body));',
    // A key created once, before the retry.
    head + "const idempotencyKey = randomUUID();\nawait pRetry(() => axios.post(`${CRM}/notes`, body, { headers: { 'Idempotency-Key': idempotencyKey } }));",
    // Upserts and inserts that tolerate a second run.
    head + 'await pRetry(() => prisma.user.upsert({ where: { id }, create: data, update: data }));',
    head + "await pRetry(() => knex('events').insert(row).onConflict('id').ignore());",
    head + "await pRetry(() => db.query('INSERT INTO events (id) VALUES ($1) ON CONFLICT DO NOTHING', [id]));",
    // A Prisma create with its own id fails instead of duplicating.
    head + 'await pRetry(() => prisma.ledgerEntry.create({ data: { id: entryId, amount } }));',
    // A DB transaction that the retry re-runs rolled back on failure.
    head + 'await pRetry(() => prisma.$transaction(async (tx) => { await tx.order.create({ data }); }));',
    // Retrying a function whose body this file can't see.
    head + "import { syncOrder } from './sync';\nawait pRetry(() => syncOrder(id));\nawait pRetry(syncOrder);",
    // A loop over items is iteration, not a retry; a catch that rethrows doesn't retry.
    "for (const user of users) {\n  try { await transporter.sendMail({ to: user.email }); } catch (e) { log(e); }\n}",
    "for (let i = 0; i < 3; i++) {\n  try { await transporter.sendMail({ to }); return; } catch (e) { throw e; }\n}",
    // An alert sent from the catch block runs once per failure, not per attempt.
    "for (let attempt = 0; attempt < 3; attempt++) {\n  try { return await axios.get(url); } catch (e) { await transporter.sendMail({ to: ops }); }\n}",
    // rxjs `retry` is an operator, not a function wrapper.
    "import { retry } from 'rxjs';\nsource.pipe(retry(3));",
    // Missing Stripe money keys are reported by stripe-create-without-key, not again here.
    "import Stripe from 'stripe';\nconst stripe = new Stripe(key);\nawait pRetry(() => stripe.paymentIntents.create({ amount }));",
    // axios-retry whose condition only retries idempotent methods.
    "import axios from 'axios';\nimport axiosRetry from 'axios-retry';\nconst api = axios.create({ baseURL });\naxiosRetry(api, { retries: 3, retryCondition: axiosRetry.isIdempotentRequestError });\nawait api.post('/notes', body);",
    // axios-retry on a client that sends no POST in this file.
    "import axios from 'axios';\nimport axiosRetry from 'axios-retry';\nconst api = axios.create({ baseURL });\naxiosRetry(api, { retries: 3 });\nawait api.get('/notes');",
  ],
  invalid: [
    {
      name: 'p-retry around a POST: key created once before the retry',
      code: head + 'export async function note(body: Note) {\n  return pRetry(() => axios.post(`${CRM}/notes`, body));\n}',
      errors: [{
        messageId: 'missingKey', line: 4, column: 10, endLine: 4, endColumn: 16,
        output: "import pRetry from 'p-retry';\nimport axios from 'axios';\nimport { randomUUID } from 'node:crypto';\nexport async function note(body: Note) {\n  const idempotencyKey = randomUUID();\n  return pRetry(() => axios.post(`${CRM}/notes`, body, { headers: { 'Idempotency-Key': idempotencyKey } }));\n}",
      }],
    },
    {
      name: 'async-retry around a Prisma create (no fix)',
      code: "import retry from 'async-retry';\nawait retry(async (bail) => {\n  await prisma.auditLog.create({ data: { userId } });\n});",
      errors: [{ messageId: 'missingKey', line: 2, column: 7, endLine: 2, endColumn: 12, output: null }],
    },
    {
      name: 'a key made inside the retried function is moved before it',
      code: "import Stripe from 'stripe';\nimport pRetry from 'p-retry';\nconst stripe = new Stripe(key);\nexport async function pay(amount: number) {\n  return pRetry(async () => {\n    const key = randomUUID();\n    return stripe.paymentIntents.create({ amount }, { idempotencyKey: key });\n  });\n}",
      errors: [{
        messageId: 'freshKey', line: 5, column: 10, endLine: 5, endColumn: 16,
        output: "import Stripe from 'stripe';\nimport pRetry from 'p-retry';\nconst stripe = new Stripe(key);\nexport async function pay(amount: number) {\n  const key = randomUUID();\n  return pRetry(async () => {\n    return stripe.paymentIntents.create({ amount }, { idempotencyKey: key });\n  });\n}",
      }],
    },
    {
      name: 'a hand-written retry loop with an inline fresh key',
      code: "import axios from 'axios';\nlet attempts = 0;\nwhile (attempts < 3) {\n  try {\n    await axios.post(url, body, { headers: { 'Idempotency-Key': crypto.randomUUID() } });\n    break;\n  } catch {\n    attempts++;\n  }\n}",
      errors: [{
        messageId: 'freshKey', line: 3, column: 1, endLine: 3, endColumn: 6,
        output: "import axios from 'axios';\nlet attempts = 0;\nconst idempotencyKey = crypto.randomUUID();\nwhile (attempts < 3) {\n  try {\n    await axios.post(url, body, { headers: { 'Idempotency-Key': idempotencyKey } });\n    break;\n  } catch {\n    attempts++;\n  }\n}",
      }],
    },
    {
      name: 'a for retry loop around an email',
      code: "export async function receipt(to: string) {\n  for (let attempt = 1; attempt <= 3; attempt++) {\n    try {\n      await transporter.sendMail({ to, subject: 'Receipt' });\n      return;\n    } catch (err) {\n      if (attempt === 3) throw err;\n    }\n  }\n}",
      errors: [{ messageId: 'missingKey', line: 2, column: 3, endLine: 2, endColumn: 6 }],
    },
    {
      name: 'a project helper retrying a method of the same class',
      code: "class Notifier {\n  async notify(user: User) {\n    await this.withRetry(() => this.send(user));\n  }\n  private async send(user: User) {\n    await this.twilio.messages.create({ to: user.phone, body: 'Hi' });\n  }\n}",
      errors: [{ messageId: 'missingKey', line: 3, column: 11, endLine: 3, endColumn: 25 }],
    },
    {
      name: 'a helper retrying a local function that runs an INSERT',
      code: "async function save(row: Row) {\n  await pool.query('INSERT INTO events (kind) VALUES ($1)', [row.kind]);\n}\nexport const store = (row: Row) => withRetry(() => save(row), 3);",
      errors: [{ messageId: 'missingKey', line: 4, column: 36, endLine: 4, endColumn: 45 }],
    },
    {
      name: 'axios-retry with the default condition on a client that POSTs',
      code: "import axios from 'axios';\nimport axiosRetry from 'axios-retry';\nconst crm = axios.create({ baseURL: 'https://crm.internal' });\naxiosRetry(crm, { retries: 3 });\nexport const addContact = (c: Contact) => crm.post('/contacts', c);",
      errors: [{ messageId: 'retriesPost', line: 4, column: 1, endLine: 4, endColumn: 11 }],
    },
    {
      name: 'axios-retry with a condition that ignores the method',
      code: "import axios from 'axios';\nimport axiosRetry from 'axios-retry';\naxiosRetry(axios, { retryCondition: (e) => !e.response || e.response.status >= 500 });\nawait axios.post('https://crm.internal/contacts', body);",
      errors: [{ messageId: 'retriesPost', line: 3, column: 1, endLine: 3, endColumn: 11 }],
    },
    {
      name: 'a money call is reported here when its own rule is off',
      code: "import Stripe from 'stripe';\nimport pRetry from 'p-retry';\nconst stripe = new Stripe(key);\nawait pRetry(() => stripe.refunds.create({ charge }));",
      config: { rules: { 'idempotency/stripe-create-without-key': 'off' } },
      errors: [{ messageId: 'missingKey', line: 4, column: 7, endLine: 4, endColumn: 13 }],
    },
  ],
});
