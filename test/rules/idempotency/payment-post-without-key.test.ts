import rule from '../../../server/src/rules/idempotency/payment-post-without-key';
import { runRuleTests } from '../../support/rule-tester';

runRuleTests(rule, {
  valid: [
    "await fetch('https://psp.example.com/v1/payments', { method: 'POST', headers: { 'Idempotency-Key': `pay-${order.id}` }, body });",
    // Header names are case-insensitive; X- and PayPal spellings are accepted.
    "await fetch(`${PSP}/charges`, { method: 'post', headers: { 'idempotency-key': key } });",
    "import axios from 'axios';\nawait axios.post(`${PSP}/refunds`, body, { headers: { 'X-Idempotency-Key': key } });",
    "import axios from 'axios';\nconst paypal = axios.create({ baseURL: 'https://api-m.paypal.com' });\nawait paypal.post('/v1/payments/payouts', body, { headers: { 'PayPal-Request-Id': batch.id } });",
    "await fetch(`${PSP}/payments`, { method: 'POST', headers: new Headers({ 'Idempotency-Key': key }) });",
    // A key in the JSON body (Square's idempotency_key, PayPal's sender_batch_id).
    "await fetch('https://connect.squareup.com/v2/payments', { method: 'POST', body: JSON.stringify({ idempotency_key: id, amount_money }) });",
    "const body = { sender_batch_header: { sender_batch_id: invoiceId }, items };\nawait fetch(`${HOST}/v1/payments/payouts`, { method: 'POST', body: JSON.stringify(body) });",
    // Reads, idempotent methods, non-payment endpoints, a provider's OAuth token endpoint.
    "await fetch(`${PSP}/payments/${id}`);",
    "import axios from 'axios';\nawait axios.get('https://api.stripe.com/v1/charges');\nawait axios.put(`${PSP}/payments/${id}`, body);",
    "await fetch('https://api.example.com/users', { method: 'POST', body });",
    "import axios from 'axios';\nawait axios.post('https://api-m.paypal.com/v1/oauth2/token', form);",
    "await fetch(`${PSP}/payments/search`, { method: 'POST', body });",
    // Headers or init the file can't see.
    "export const pay = (init: RequestInit) => fetch(`${PSP}/payments`, init);",
    "await fetch(`${PSP}/payments`, { method: 'POST', headers: authHeaders() });",
    // Browser code.
    { code: "'use client';\nexport const buy = () => fetch('/api/checkout', { method: 'POST' });", filename: 'app/buy.tsx' },
  ],
  invalid: [
    {
      name: 'fetch: adds a headers option with a key from the order',
      code: "export async function pay(order: Order) {\n  await fetch(`${PSP}/v1/payments`, { method: 'POST', body: JSON.stringify(order) });\n}",
      errors: [{
        messageId: 'missingKey', line: 2, column: 9, endLine: 2, endColumn: 14,
        output: "export async function pay(order: Order) {\n  await fetch(`${PSP}/v1/payments`, { method: 'POST', body: JSON.stringify(order), headers: { 'Idempotency-Key': `payment-${order.id}` } });\n}",
      }],
    },
    {
      name: 'fetch: inserts into existing headers',
      code: "export async function refund(refundId: string) {\n  await fetch('https://psp.example.com/refunds', {\n    method: 'POST',\n    headers: { Authorization: token },\n  });\n}",
      errors: [{
        messageId: 'missingKey', line: 2, column: 9, endLine: 2, endColumn: 14,
        output: "export async function refund(refundId: string) {\n  await fetch('https://psp.example.com/refunds', {\n    method: 'POST',\n    headers: { Authorization: token, 'Idempotency-Key': `payment-${refundId}` },\n  });\n}",
      }],
    },
    {
      name: 'axios instance with a PayPal baseURL: PayPal-Request-Id, config appended',
      code: "import axios from 'axios';\nconst paypal = axios.create({ baseURL: 'https://api-m.paypal.com' });\nexport const capture = (orderId: string) => paypal.post(`/v2/checkout/orders/${orderId}/capture`, {});",
      errors: [{
        messageId: 'missingKey', line: 3, column: 45, endLine: 3, endColumn: 56,
        output: "import axios from 'axios';\nconst paypal = axios.create({ baseURL: 'https://api-m.paypal.com' });\nexport const capture = (orderId: string) => paypal.post(`/v2/checkout/orders/${orderId}/capture`, {}, { headers: { 'PayPal-Request-Id': `payment-${orderId}` } });",
      }],
    },
    {
      name: 'axios config object, headers variable spread',
      code: "import axios from 'axios';\nconst headers = { Authorization: token };\nexport async function payout(amount: number) {\n  await axios({ method: 'post', url: `${PSP}/payouts`, data: { amount }, headers });\n}",
      errors: [{
        messageId: 'missingKey', line: 4, column: 9, endLine: 4, endColumn: 14,
        output: "import axios from 'axios';\nimport { randomUUID } from 'node:crypto';\nconst headers = { Authorization: token };\nexport async function payout(amount: number) {\n  const idempotencyKey = randomUUID();\n  await axios({ method: 'post', url: `${PSP}/payouts`, data: { amount }, headers: { ...headers, 'Idempotency-Key': idempotencyKey } });\n}",
      }],
    },
    {
      name: 'got and Nest HttpService',
      code: "import got from 'got';\nimport { HttpService } from '@nestjs/axios';\nclass Payments {\n  constructor(private readonly http: HttpService) {}\n  async run() {\n    await got.post(`${PSP}/transfers`, { json: body });\n    await this.http.post(`${PSP}/charges`, body);\n  }\n}",
      errors: [
        { messageId: 'missingKey', line: 6, column: 11, endLine: 6, endColumn: 19 },
        { messageId: 'missingKey', line: 7, column: 11, endLine: 7, endColumn: 25 },
      ],
    },
  ],
});
