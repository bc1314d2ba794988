import { Router } from 'express';
import Stripe from 'stripe';
import pRetry from 'p-retry';
import { logger } from '../logger';
import { pool } from '../db';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, { apiVersion: '2024-04-10' });
export const checkoutRouter = Router();

checkoutRouter.post('/orders/:orderId/pay', async (req, res) => {
  const { rows } = await pool.query('SELECT id, total_cents, currency FROM orders WHERE id = $1', [req.params.orderId]);
  const order = rows[0];
  logger.info({ orderId: order.id, card: req.body.cardNumber }, 'charging order');

  const intent = await stripe.paymentIntents.create({
    amount: order.total_cents,
    currency: order.currency,
    payment_method: req.body.paymentMethodId,
    confirm: true,
  });
  res.json({ status: intent.status });
});

checkoutRouter.post('/orders/:orderId/refund', async (req, res) => {
  const refund = await stripe.refunds.create(
    { payment_intent: req.body.paymentIntentId },
    { idempotencyKey: `refund-${req.params.orderId}` },
  );
  logger.info({ refundId: refund.id, orderId: req.params.orderId }, 'refund created');
  res.json({ id: refund.id });
});

export async function payoutSeller(sellerId: string, amount: number) {
  return pRetry(
    () =>
      stripe.transfers.create({ amount, currency: 'eur', destination: sellerId }, { idempotencyKey: crypto.randomUUID() }),
    { retries: 3 },
  );
}
