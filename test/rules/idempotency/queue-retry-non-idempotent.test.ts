import rule from '../../../server/src/rules/idempotency/queue-retry-non-idempotent';
import { runRuleTests } from '../../support/rule-tester';

const bull = "import { Queue, Worker } from 'bullmq';\n";

runRuleTests(rule, {
  valid: [
    // The processor uses a key that is the same on every attempt.
    bull + "const payments = new Queue('payments');\nawait payments.add('charge', { orderId }, { attempts: 5 });\nnew Worker('payments', async (job) => {\n  await fetch(`${CRM}/notes`, { method: 'POST', headers: { 'Idempotency-Key': job.data.orderId } });\n});",
    // The processor only reads and upserts.
    bull + "const sync = new Queue('sync');\nawait sync.add('pull', {}, { attempts: 3 });\nnew Worker('sync', async (job) => {\n  const user = await api.get(`/users/${job.data.id}`);\n  await prisma.user.upsert({ where: { id: user.id }, create: user, update: user });\n});",
    // A single attempt, and a name that says nothing about side effects with no processor in view.
    bull + "const mail = new Queue('mail');\nawait mail.add('welcome-email', { userId }, { attempts: 1 });",
    bull + "const reports = new Queue('reports');\nawait reports.add('monthly', { month }, { attempts: 3 });",
    // Not a BullMQ queue.
    "const list = new Set();\nawait queue.add('send-email', data, { attempts: 3 });",
  ],
  invalid: [
    {
      name: 'the processor in this file inserts a row',
      code: bull + "const orders = new Queue('orders');\nawait orders.add('import', row, { attempts: 3 });\nnew Worker('orders', async (job) => {\n  await db.query('INSERT INTO orders (ref) VALUES ($1)', [job.data.ref]);\n});",
      errors: [{ messageId: 'processorRepeats', line: 3, column: 35, endLine: 3, endColumn: 46 }],
    },
    {
      name: 'a fresh key in the processor',
      code: bull + "import axios from 'axios';\nnew Worker('notes', processNote);\nasync function processNote(job: Job) {\n  await axios.post(url, job.data, { headers: { 'Idempotency-Key': randomUUID() } });\n}\nconst notes = new Queue('notes', { defaultJobOptions: { attempts: 4, backoff: 1000 } });",
      filename: 'src/notes.ts',
      errors: [{ messageId: 'processorRepeats', line: 7, column: 57, endLine: 7, endColumn: 68 }],
    },
    {
      name: 'an email job with no processor in view',
      code: bull + "const RETRIES = 5;\nconst mail = new Queue('mail');\nexport const welcome = (userId: string) => mail.add('send-welcome-email', { userId }, { attempts: RETRIES });",
      errors: [{ messageId: 'sideEffectJob', line: 4, column: 89, endLine: 4, endColumn: 106 }],
    },
    {
      name: 'Nest-injected queue and a @Processor class in the same file',
      code: "import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';\nimport { Queue } from 'bullmq';\nclass Sender {\n  constructor(@InjectQueue('sms') private readonly sms: Queue) {}\n  send(to: string) { return this.sms.add('otp', { to }, { attempts: 3 }); }\n}\n@Processor('sms')\nclass SmsProcessor extends WorkerHost {\n  async process(job: Job) {\n    await this.twilio.messages.create({ to: job.data.to, body: 'code' });\n  }\n}",
      errors: [{ messageId: 'processorRepeats', line: 5, column: 59, endLine: 5, endColumn: 70 }],
    },
  ],
});
