import type { NextFunction, Request, Response } from 'express';
import { verifySessionToken } from './sessions';

/** Express middleware: rejects requests without a valid session token. */
export async function requireAuth(req: Request, res: Response, next: NextFunction) {
  const user = await verifySessionToken(req.headers.authorization);
  if (!user) return res.sendStatus(401);
  (req as Request & { user: unknown }).user = user;
  next();
}
