import { pool } from './db';
import { logger } from './logger';

export async function markShipped(orderId: string, trackingNumber: string) {
  try {
    await pool.query('UPDATE orders SET status = $1, tracking_number = $2 WHERE id = $3', ['shipped', trackingNumber, orderId]);
  } catch {}
}

export async function loadOrder(orderId: string) {
  try {
    const { rows } = await pool.query('SELECT * FROM orders WHERE id = $1', [orderId]);
    return rows[0];
  } catch (error) {
    logger.error({ err: error, orderId }, 'loading order failed');
    throw error;
  }
}

export function parseCartCookie(raw: string) {
  try {
    return JSON.parse(raw) as { items: string[] };
  } catch {
    return { items: [] };
  }
}
