import type ts = require('typescript');
import type { FileSettings } from '../engine/types';
import type { ValueResolver } from '../engine/values';
import { isRecordingCall } from './error-handling/support';
import { loggerFamilyOf } from './sensitive-logging/support-loggers';

/**
 * Whether a call leaves a trace of what happened: a log call (any logger sensitive-logging knows,
 * `logging.loggers` included), an error tracker, a span, a metric (`metrics.modules` included), or a
 * hand-off of an error (`next(err)`). Error-handling's recording knowledge and sensitive-logging's
 * logger recognition, as one question for the rules that ask whether code is observable.
 */
export function recordsSignal(call: ts.CallExpression, settings: FileSettings, values: ValueResolver): boolean {
  return isRecordingCall(call, settings, values) || loggerFamilyOf(call, values, settings) !== undefined;
}
