import pino from 'pino';

// Authorization headers and passwords never reach the log sink.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  redact: ['req.headers.authorization', 'password', '*.password'],
});
