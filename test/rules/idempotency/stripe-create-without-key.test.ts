import rule from '../../../server/src/rules/idempotency/stripe-create-without-key';
import { runRuleTests } from '../../support/rule-tester';

const client = "import Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_KEY!);\n";

runRuleTests(rule, {
  valid: [
    client + 'export const pay = (order: Order) => stripe.paymentIntents.create({ amount: order.total, currency: "eur" }, { idempotencyKey: `pi-${order.id}` });',
    client + 'export const pay = (key: string) => stripe.refunds.create({ payment_intent: "pi_1" }, { idempotencyKey: key });',
    // Not money-moving.
    client + "await stripe.customers.retrieve('cus_1');\nawait stripe.customers.create({ email });\nawait stripe.paymentIntents.retrieve('pi_1');",
    // Options the file can't see: may carry a key.
    client + 'export const pay = (params: P, options: Stripe.RequestOptions) => stripe.charges.create(params, options);',
    client + 'await stripe.paymentIntents.create(params, key ? { idempotencyKey: key } : undefined);',
    // A client of unknown origin (an untyped parameter) is not known to be Stripe.
    'export const pay = (client: any) => client.paymentIntents.create({ amount: 1 });',
    'export const pay = (client) => client.paymentIntents.create({ amount: 1 });',
    // Somebody else's `paymentIntents` (a local object).
    'const billing = { paymentIntents: { create: async (x: unknown) => x } };\nawait billing.paymentIntents.create({ amount: 1 });',
    // One-off scripts and tests are not the service's money path.
    { code: client + 'await stripe.payouts.create({ amount: 100, currency: "usd" });', filename: 'apps/web/scripts/stripe/manual-payouts.ts' },
    { code: client + 'await stripe.payouts.create({ amount: 100, currency: "usd" });', filename: 'src/payouts.test.ts' },
  ],
  invalid: [
    {
      name: 'new Stripe client, key from an order in scope',
      code: client + 'export async function pay(order: Order) {\n  return stripe.paymentIntents.create({ amount: order.total, currency: "eur" });\n}',
      errors: [{
        messageId: 'missingKey', line: 4, column: 10, endLine: 4, endColumn: 38,
        output: client + 'export async function pay(order: Order) {\n  return stripe.paymentIntents.create({ amount: order.total, currency: "eur" }, { idempotencyKey: `pi-${order.id}` });\n}',
      }],
    },
    {
      name: 'an id variable is preferred',
      code: client + 'export async function refund(orderId: string, order: Order) {\n  await stripe.refunds.create({ charge: order.chargeId });\n}',
      errors: [{
        messageId: 'missingKey', line: 4, column: 9, endLine: 4, endColumn: 30,
        output: client + 'export async function refund(orderId: string, order: Order) {\n  await stripe.refunds.create({ charge: order.chargeId }, { idempotencyKey: `refund-${orderId}` });\n}',
      }],
    },
    {
      name: 'no business id: a key created once, before the retry, imported from node:crypto',
      code: "import Stripe from 'stripe';\nimport pRetry from 'p-retry';\nconst stripe = new Stripe(key);\nexport async function move(amount: number) {\n  return pRetry(() => stripe.transfers.create({ amount, currency: 'usd', destination }));\n}",
      errors: [{
        messageId: 'missingKey', line: 5, column: 23, endLine: 5, endColumn: 46,
        output: "import Stripe from 'stripe';\nimport pRetry from 'p-retry';\nimport { randomUUID } from 'node:crypto';\nconst stripe = new Stripe(key);\nexport async function move(amount: number) {\n  const idempotencyKey = randomUUID();\n  return pRetry(() => stripe.transfers.create({ amount, currency: 'usd', destination }, { idempotencyKey }));\n}",
      }],
    },
    {
      name: 'merges into existing request options',
      code: client + 'export const pay = (payment: Payment) => stripe.charges.create(params, { stripeAccount: payment.account });',
      errors: [{
        messageId: 'missingKey', line: 3, column: 42, endLine: 3, endColumn: 63,
        output: client + 'export const pay = (payment: Payment) => stripe.charges.create(params, { stripeAccount: payment.account, idempotencyKey: `charge-${payment.id}` });',
      }],
    },
    {
      name: 'an id-taking method: options are the third argument',
      code: client + 'export const reverse = (transferId: string) => stripe.transfers.createReversal(transferId, { amount: 100 });',
      errors: [{
        messageId: 'missingKey', line: 3, column: 48, endLine: 3, endColumn: 79,
        output: client + 'export const reverse = (transferId: string) => stripe.transfers.createReversal(transferId, { amount: 100 }, { idempotencyKey: `reversal-${transferId}` });',
      }],
    },
    {
      name: 'require(stripe)(key), CommonJS',
      filename: 'src/pay.js',
      code: "const stripe = require('stripe')(process.env.KEY);\nexports.pay = async (amount) => {\n  await stripe.payouts.create({ amount, currency: 'usd' });\n};",
      errors: [{
        messageId: 'missingKey', line: 3, column: 9, endLine: 3, endColumn: 30,
        output: "const { randomUUID } = require('node:crypto');\nconst stripe = require('stripe')(process.env.KEY);\nexports.pay = async (amount) => {\n  const idempotencyKey = randomUUID();\n  await stripe.payouts.create({ amount, currency: 'usd' }, { idempotencyKey });\n};",
      }],
    },
    {
      name: 'Nest-injected client on this',
      code: "import Stripe from 'stripe';\nclass Billing {\n  constructor(@InjectStripe() private readonly stripe: Stripe) {}\n  charge(invoice: Invoice) {\n    return this.stripe.subscriptions.create({ customer: invoice.customer });\n  }\n}",
      errors: [{ messageId: 'missingKey', line: 5, column: 12, endLine: 5, endColumn: 44 }],
    },
    {
      name: 'class field client',
      code: "import Stripe from 'stripe';\nclass Billing {\n  private stripe = new Stripe(key);\n  async pay(checkoutId: string) {\n    await this.stripe.paymentIntents.create({ amount: 1, currency: 'eur' });\n  }\n}",
      errors: [{ messageId: 'missingKey', line: 5, column: 11, endLine: 5, endColumn: 44 }],
    },
    {
      name: 'a project module that exports the client',
      code: "import { stripe } from '@/lib/stripe';\nexport const top = (amount: number) => stripe.topups.create({ amount, currency: 'usd' });",
      errors: [{ messageId: 'missingKey', line: 2, column: 40, endLine: 2, endColumn: 60 }],
    },
  ],
});
