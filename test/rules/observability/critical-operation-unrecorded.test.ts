import rule from '../../../server/src/rules/observability/critical-operation-unrecorded';
import { runRuleTests } from '../../support/rule-tester';

const stripe = 'import Stripe from "stripe";\nconst stripe = new Stripe(process.env.STRIPE_KEY!);\n';
const pino = 'import pino from "pino";\nconst logger = pino();\n';

runRuleTests(rule, {
  valid: [
    // A log before the call, one on the success path only, one in the catch: the function emits a signal.
    stripe + pino + 'export async function refund(id: string) {\n  logger.info({ id }, "refunding");\n  return stripe.refunds.create({ payment_intent: id });\n}',
    stripe + 'export async function refund(id: string) {\n  const r = await stripe.refunds.create({ payment_intent: id });\n  console.log("refund", r.id);\n}',
    stripe + pino + 'export async function refund(id: string) {\n  try {\n    await stripe.refunds.create({ payment_intent: id });\n  } catch (err) {\n    logger.error({ err }, "refund failed");\n    throw err;\n  }\n}',
    // A function handed to a wrapper named for recording: the wrapper writes the audit event of every call.
    stripe + 'export const cancelSubscriptionAction = actionClient.action(\n  withAuditLogging("cancelled", "subscription", async ({ parsedInput }) => {\n    return stripe.subscriptions.cancel(parsedInput.subscriptionId);\n  })\n);',
    // A write to the audit log, queued by a project helper.
    stripe + 'export async function closeAccount(subscriptionId: string) {\n  await stripe.subscriptions.cancel(subscriptionId);\n  await queueAccountDeletionAuditEvent({ subscriptionId });\n}',
    // Error tracker, span, prom-client counter.
    stripe + 'import * as Sentry from "@sentry/node";\nexport async function pay(amount: number) {\n  try {\n    return await stripe.paymentIntents.create({ amount, currency: "eur" });\n  } catch (e) {\n    Sentry.captureException(e);\n    throw e;\n  }\n}',
    stripe + 'import { trace } from "@opentelemetry/api";\nconst tracer = trace.getTracer("billing");\nexport async function payout(amount: number) {\n  return tracer.startActiveSpan("payout", async (span) => {\n    const p = await stripe.payouts.create({ amount, currency: "eur" });\n    span.end();\n    return p;\n  });\n}',
    stripe + 'import { Counter } from "prom-client";\nconst refunds = new Counter({ name: "refunds_total", help: "refunds" });\nexport async function refund(id: string) {\n  await stripe.refunds.create({ payment_intent: id });\n  refunds.inc();\n}',
    // A same-file helper that logs counts; an audit-log write records the event.
    stripe + 'function audit(what: string) { console.info(what); }\nexport async function cancel(id: string) {\n  await stripe.subscriptions.cancel(id);\n  audit("cancelled " + id);\n}',
    'export async function closeAccount(userId: string) {\n  await deleteAccount(userId);\n  await prisma.auditLog.create({ data: { userId, action: "account.deleted" } });\n}',
    // Not critical: reads, customer creation, an update that does not cancel, a look-alike name.
    stripe + 'export async function sync(id: string) {\n  await stripe.customers.create({ email: "a@b.c" });\n  await stripe.subscriptions.update(id, { metadata: { a: "b" } });\n  await stripe.subscriptions.update(id, { cancel_at_period_end: false });\n  return stripe.refunds.list({ limit: 3 });\n}',
    'export async function cleanup(id: string) {\n  await deleteUserSessions(id);\n  await chargeback.list();\n  await refundPolicy(id);\n}',
    // nestjs-otel span decorator on the method.
    'import { Span } from "nestjs-otel";\nclass Billing {\n  @Span()\n  async charge(id: string) {\n    return this.payments.chargeCustomer(id);\n  }\n}',
    // A project function whose declaration (another file) logs.
    {
      code: 'import { deleteAccount } from "./accounts";\nexport async function handler(id: string) {\n  await deleteAccount(id);\n}',
      files: { 'src/accounts.ts': 'import { logger } from "./log";\nexport async function deleteAccount(id: string) {\n  await db.user.delete({ where: { id } });\n  logger.info({ id }, "account deleted");\n}' },
    },
    // A same-file function that performs the critical call is judged in its own body.
    stripe + pino + 'async function refundPayment(id: string) {\n  logger.info({ id }, "refund");\n  return stripe.refunds.create({ payment_intent: id });\n}\nexport async function handle(id: string) {\n  await refundPayment(id);\n}',
    // Tests and browser code are out of scope.
    { code: stripe + 'test("refund", async () => {\n  await stripe.refunds.create({ payment_intent: "pi_1" });\n});', filename: 'src/billing.test.ts' },
  ],
  invalid: [
    {
      name: 'a wrapper whose name does not say it records',
      code: stripe + 'export const cancelSubscriptionAction = actionClient.action(\n  withRateLimit("cancel", async ({ parsedInput }) => {\n    return stripe.subscriptions.cancel(parsedInput.subscriptionId);\n  })\n);',
      errors: [{ messageId: 'unrecorded', line: 5, column: 12, endLine: 5, endColumn: 39 }],
    },
    {
      name: 'Stripe refund in a function that records nothing; the log goes after the call',
      code: stripe + 'export async function refundOrder(id: string) {\n  const refund = await stripe.refunds.create({ payment_intent: id });\n  return refund.id;\n}',
      errors: [
        {
          messageId: 'unrecorded',
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 45,
          output: stripe + "export async function refundOrder(id: string) {\n  const refund = await stripe.refunds.create({ payment_intent: id });\n  console.info('stripe.refunds.create completed');\n  return refund.id;\n}",
        },
      ],
    },
    {
      name: 'a returned call: the log goes before it, with the logger in scope',
      code: stripe + pino + 'export async function cancel(id: string) {\n  return stripe.subscriptions.cancel(id);\n}',
      errors: [
        {
          messageId: 'unrecorded',
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 37,
          output: stripe + pino + "export async function cancel(id: string) {\n  logger.info('stripe.subscriptions.cancel requested');\n  return stripe.subscriptions.cancel(id);\n}",
        },
      ],
    },
    {
      name: 'Nest service with an injected Stripe client: the class logger, Nest style',
      code: 'import { Injectable, Logger } from "@nestjs/common";\nimport Stripe from "stripe";\n@Injectable()\nexport class PayoutService {\n  private readonly logger = new Logger(PayoutService.name);\n  constructor(private readonly stripe: Stripe) {}\n  async payOut(amount: number) {\n    await this.stripe.payouts.create({ amount, currency: "eur" });\n  }\n}',
      errors: [
        {
          messageId: 'unrecorded',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 37,
          output: 'import { Injectable, Logger } from "@nestjs/common";\nimport Stripe from "stripe";\n@Injectable()\nexport class PayoutService {\n  private readonly logger = new Logger(PayoutService.name);\n  constructor(private readonly stripe: Stripe) {}\n  async payOut(amount: number) {\n    await this.stripe.payouts.create({ amount, currency: "eur" });\n    this.logger.log(\'this.stripe.payouts.create completed\');\n  }\n}',
        },
      ],
    },
    {
      name: 'two critical calls in one silent function: one finding (a `capture` call is no error capture)',
      code: stripe + 'export async function settle(id: string, amount: number) {\n  await stripe.paymentIntents.capture(id);\n  await stripe.transfers.create({ amount, currency: "eur", destination: "acct_1" });\n}',
      errors: [{ messageId: 'unrecorded', line: 4, column: 9, endLine: 4, endColumn: 38 }],
    },
    {
      name: 'a project function named for a charge, declared in a file that is not seen',
      code: 'import { chargeCustomer } from "./billing";\nexport async function checkout(id: string) {\n  await chargeCustomer(id);\n}',
      errors: [{ messageId: 'unrecorded', line: 3, column: 9, endLine: 3, endColumn: 23 }],
    },
    {
      name: 'its declaration in another file records nothing either',
      code: 'import { deleteAccount } from "./accounts";\nexport async function handler(id: string) {\n  await deleteAccount(id);\n}',
      files: { 'src/accounts.ts': 'export async function deleteAccount(id: string) {\n  await db.user.delete({ where: { id } });\n}' },
      errors: [{ messageId: 'unrecorded', line: 3, column: 9, endLine: 3, endColumn: 22 }],
    },
    {
      name: 'metrics.criticalOperations adds project functions',
      code: 'export async function renew(id: string) {\n  await billing.renewPlan(id);\n}',
      config: { metrics: { criticalOperations: ['renewPlan'] } },
      errors: [{ messageId: 'unrecorded', line: 2, column: 9, endLine: 2, endColumn: 26 }],
    },
    {
      name: 'a subscription update that schedules the cancellation',
      code: stripe + 'export async function stop(id: string) {\n  await stripe.subscriptions.update(id, { cancel_at_period_end: true });\n}',
      errors: [{ messageId: 'unrecorded', line: 4, column: 9, endLine: 4, endColumn: 36 }],
    },
    {
      name: 'Braintree sale',
      code: 'import braintree from "braintree";\nconst gateway = new braintree.BraintreeGateway({ environment: braintree.Environment.Sandbox });\nexport async function sell(nonce: string) {\n  return gateway.transaction.sale({ amount: "10.00", paymentMethodNonce: nonce });\n}',
      errors: [{ messageId: 'unrecorded', line: 4, column: 10, endLine: 4, endColumn: 34 }],
    },
    {
      name: 'Square payment',
      code: 'import { SquareClient } from "square";\nconst square = new SquareClient({ token: "x" });\nexport async function pay(sourceId: string) {\n  await square.payments.create({ sourceId, idempotencyKey: "k" });\n}',
      errors: [{ messageId: 'unrecorded', line: 4, column: 9, endLine: 4, endColumn: 31 }],
    },
    {
      name: 'PayPal capture request',
      code: 'import paypal from "@paypal/checkout-server-sdk";\nexport async function capture(client: any, orderId: string) {\n  const request = new paypal.orders.OrdersCaptureRequest(orderId);\n  return client.execute(request);\n}',
      errors: [{ messageId: 'unrecorded', line: 3, column: 23, endLine: 3, endColumn: 57 }],
    },
    {
      name: 'a callback counts with the function that passes it; no statement to log after, so no fix',
      code: stripe + 'export async function refundAll(ids: string[]) {\n  await Promise.all(ids.map((id) => stripe.refunds.create({ payment_intent: id })));\n}',
      errors: [{ messageId: 'unrecorded', line: 4, column: 37, endLine: 4, endColumn: 58, output: null }],
    },
  ],
});
