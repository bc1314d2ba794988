import nodemailer from 'nodemailer';
import { logger } from '../logger';

const transport = nodemailer.createTransport({ host: process.env.SMTP_HOST, port: 587 });

/** Sends the receipt; a retried send must not mail the customer twice. */
export async function sendReceipt(to: string, orderId: string) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      await transport.sendMail({ to, subject: `Your order ${orderId}`, text: 'Thanks for your order!' });
      return;
    } catch (error) {
      logger.warn({ err: error, attempt, orderId }, 'receipt send failed');
    }
  }
}

export function logSignup(user: { id: string; email: string; password: string }) {
  logger.info({ userId: user.id, password: user.password }, 'signup');
}
