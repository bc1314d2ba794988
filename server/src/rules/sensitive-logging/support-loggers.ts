import ts = require('typescript');
import type { FileSettings } from '../../engine/types';
import { propertyNameText, unwrapExpression, type Origin, type ValueResolver } from '../../engine/values';
import { knowledge, type LoggerFamily } from './support-knowledge';

/** The logger family a call writes to (`console`, `pino`, a project `logger` …), or undefined when it is no log call. */
export function loggerFamilyOf(call: ts.CallExpression, values: ValueResolver, settings: FileSettings): LoggerFamily | undefined {
  const callee = unwrapExpression(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || call.arguments.length === 0) return undefined;
  const method = callee.name.text;
  const receiver = unwrapExpression(callee.expression);
  if (ts.isIdentifier(receiver) && receiver.text === 'console') {
    return knowledge.consoleMethods.has(method) && values.origin(receiver).base.kind === 'global' ? 'console' : undefined;
  }
  if (!knowledge.logMethods.has(method)) return undefined;
  const byOrigin = familyOfOrigin(values.origin(receiver), 0);
  if (byOrigin) return byOrigin;
  const name = lastName(receiver);
  if (settings.loggerNames.includes(receiver.getText()) || (name && settings.loggerNames.includes(name))) return 'custom';
  if (!name || !knowledge.loggerReceiverName.test(name)) return undefined;
  // Fastify's `request.log` / `app.log` and pino-http's `req.log` are pino loggers.
  if (name === 'log' && ts.isPropertyAccessExpression(receiver) && knowledge.pinoLogOwners.has(lastName(receiver.expression) ?? '')) return 'pino';
  return 'custom';
}

/** `logger` of `this.logger`, `getLogger` of `getLogger()`. */
function lastName(expression: ts.Expression): string | undefined {
  const node = unwrapExpression(expression);
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node)) return propertyNameText(node.argumentExpression);
  if (ts.isCallExpression(node)) return lastName(node.expression);
  return undefined;
}

function moduleFamily(origin: Origin): LoggerFamily | undefined {
  if (origin.base.kind !== 'module') return undefined;
  const family = knowledge.loggerModules.get(origin.base.module);
  // Of @nestjs/common only the Logger classes log.
  if (family === 'nest' && !/Logger$/.test(origin.path[0] ?? '')) return undefined;
  return family;
}

/** pino(), winston.createLogger(), new Logger() of Nest, `logger.child()` of one of those, a `Logger`-typed injection. */
function familyOfOrigin(origin: Origin, depth: number): LoggerFamily | undefined {
  if (depth > 4) return undefined;
  const base = origin.base;
  switch (base.kind) {
    case 'module':
      return moduleFamily(origin);
    case 'call': {
      if (origin.path.length > 0) return origin.path.join('.') === 'log' && base.callee.base.kind === 'module' && base.callee.base.module === 'fastify' ? 'pino' : undefined;
      const callee = base.callee;
      if (callee.path[callee.path.length - 1] === 'child') return familyOfOrigin({ base: callee.base, path: callee.path.slice(0, -1) }, depth + 1);
      return moduleFamily(callee);
    }
    case 'new':
      return origin.path.length === 0 ? moduleFamily(base.ctor) : undefined;
    case 'typed':
      return moduleFamily(base.type) ?? (knowledge.loggerTypeName.test(base.typeName) ? 'custom' : undefined);
    default:
      return undefined;
  }
}
