import ts = require('typescript');
import { isDevelopmentOnly } from '../../engine/runtime';
import type { OffsetRange, ProjectFacts, RuleContext } from '../../engine/types';
import { propertyNameText, unwrapExpression } from '../../engine/values';
import { knowledge, nameTokens, type LoggerFamily } from './support-knowledge';
import { classifyCallName, classifyName, endsWithAny, isScalarKind, recordNoun, type NameClass, type SensitiveKind } from './support-names';
import { isPrimitiveValued, isRequestExpression, isRequestPart, requestPartHeldBy } from './support-values';
import { loggerFamilyOf } from './support-loggers';
import { fixFor } from './support-fixes';
import { isCoveredByRedaction, type RedactionQuery } from './facts-redaction';

/** Where a sensitive value sits in the log call, which decides the shape of its fix. */
export type Site =
  | { kind: 'value' }
  | { kind: 'shorthand'; element: ts.ShorthandPropertyAssignment }
  | { kind: 'spread'; element: ts.SpreadAssignment }
  | { kind: 'template'; range: OffsetRange };

export interface LoggedValue {
  /** The logged value: an identifier, property access, header or config getter call. */
  node: ts.Expression;
  /** What a fix replaces: the value with its `await`, parentheses or casts. */
  written: ts.Expression;
  kind: SensitiveKind;
  /** For `request`: the whole request (`req`) rather than its headers, body or cookies. */
  wholeRequest: boolean;
  site: Site;
  /** Key path inside the object argument it is logged in, which redaction paths address. */
  path?: string[];
  /** The argument it is logged in: pino redacts only the first (merge) object, winston every meta object. */
  argument: number;
  /** Serialized to a string at `path`: a redaction of keys inside it cannot reach it. */
  serialized: boolean;
}

interface Walk {
  /** Inside message text (template or `+`): objects print as `[object Object]`, only scalars leak. */
  inString: boolean;
  site: Site;
  path?: string[];
  /** The kind a sensitive key (`{ token: t }`) gives a value whose own name says nothing. */
  keyKind?: SensitiveKind;
  /** Under a key naming an id or count (`{ accountId: event.account }`): the value is that, not an object. */
  scalarKey?: boolean;
  /** Inside `JSON.stringify(...)`: redaction sees the string at `path`, not the keys within it. */
  serialized?: boolean;
  /** The call a value is written through unchanged (`email.toLowerCase()`): what a fix replaces. */
  writtenAs?: ts.Expression;
}

const VALUE: Site = { kind: 'value' };

/** Every sensitive value a log call writes, one per value. */
export function loggedSensitiveValues(call: ts.CallExpression, context: RuleContext): LoggedValue[] {
  const found: LoggedValue[] = [];
  const fields = context.settings.sensitiveFields;
  /** The index of the argument being walked. */
  let argument = 0;
  const record = (node: ts.Expression, written: ts.Expression, kind: SensitiveKind, state: Walk) => {
    const wholeRequest = kind === 'request' && isRequestExpression(node, context.values);
    found.push({ node, written, kind, wholeRequest, site: state.site, path: state.path, argument, serialized: !!state.serialized });
  };

  const walk = (expression: ts.Expression, outer: Walk): void => {
    const node = unwrapExpression(expression);
    const written = outer.writtenAs ?? expression;
    const state = { ...outer, writtenAs: undefined };
    if (ts.isTemplateExpression(node)) {
      node.templateSpans.forEach((span, i) => {
        const before = i === 0 ? node.head : node.templateSpans[i - 1].literal;
        const range = { start: before.getEnd() - 2, end: span.literal.getStart() + 1 };
        walk(span.expression, { ...state, inString: true, site: { kind: 'template', range } });
      });
    } else if (ts.isBinaryExpression(node)) {
      walkBinary(node, state);
    } else if (ts.isConditionalExpression(node)) {
      walk(node.whenTrue, { ...state, site: VALUE });
      walk(node.whenFalse, { ...state, site: VALUE });
    } else if (ts.isArrayLiteralExpression(node)) {
      for (const element of node.elements) walk(ts.isSpreadElement(element) ? element.expression : element, { ...state, site: VALUE, path: undefined });
    } else if (ts.isObjectLiteralExpression(node)) {
      walkObject(node, state);
    } else if (ts.isCallExpression(node)) {
      walkCall(node, written, state);
    } else if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const kind = valueKind(node, state);
      if (kind) record(node, written, kind, state);
    }
  };

  const walkBinary = (node: ts.BinaryExpression, state: Walk): void => {
    const operator = node.operatorToken.kind;
    const next = { ...state, site: VALUE };
    if (operator === ts.SyntaxKind.PlusToken) {
      walk(node.left, { ...next, inString: true });
      walk(node.right, { ...next, inString: true });
    } else if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken) {
      walk(node.left, next);
      walk(node.right, next);
    } else if (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.CommaToken) {
      walk(node.right, next);
    }
  };

  const walkObject = (node: ts.ObjectLiteralExpression, state: Walk): void => {
    for (const element of node.properties) {
      if (ts.isSpreadAssignment(element)) {
        walk(element.expression, { inString: false, site: { kind: 'spread', element } });
        continue;
      }
      const key = propertyNameText(element.name);
      const path = state.serialized ? state.path : state.path && key !== undefined ? [...state.path, key] : undefined;
      if (ts.isShorthandPropertyAssignment(element)) {
        walk(element.name, { inString: false, site: { kind: 'shorthand', element }, path, serialized: state.serialized });
      } else if (ts.isPropertyAssignment(element)) {
        const keyKind = key === undefined ? undefined : classifyName(key, fields);
        const keyed = { keyKind: isScalarKind(keyKind) ? keyKind : undefined, scalarKey: keyKind === 'safe' };
        walk(element.initializer, { inString: false, site: VALUE, path, serialized: state.serialized, ...keyed });
      }
    }
  };

  const walkCall = (node: ts.CallExpression, written: ts.Expression, state: Walk): void => {
    const callee = unwrapExpression(node.expression);
    const calleeText = callee.getText();
    const first = node.arguments[0];
    if (knowledge.stringifiers.has(calleeText) && first) return walk(first, { ...state, inString: false, site: VALUE, serialized: true });
    if (knowledge.toStringCalls.has(calleeText) && first) return walk(first, { ...state, inString: true, site: VALUE, serialized: true });
    if (!ts.isPropertyAccessExpression(callee) && !ts.isIdentifier(callee)) return;
    const name = ts.isIdentifier(callee) ? callee.text : callee.name.text;
    if (ts.isPropertyAccessExpression(callee) && knowledge.passthroughMethods.has(name)) return walk(callee.expression, { ...state, writtenAs: written });
    // `req.get('authorization')`, `config.get('JWT_SECRET')`: a getter named by its key.
    const kind = knowledge.headerGetters.has(name) && first && ts.isStringLiteralLike(first) ? classifyName(first.text, fields) : classifyCallName(name, fields);
    if (isScalarKind(kind)) record(node, written, kind, state);
  };

  /** The kind of an identifier or member read, by its name, then by what it holds. */
  const valueKind = (node: ts.Identifier | ts.PropertyAccessExpression | ts.ElementAccessExpression, state: Walk): SensitiveKind | undefined => {
    const name = ts.isIdentifier(node) ? node.text : ts.isPropertyAccessExpression(node) ? node.name.text : propertyNameText(node.argumentExpression);
    if (name === undefined || name === 'undefined') return undefined;
    const owner = ts.isIdentifier(node) ? undefined : unwrapExpression(node.expression);
    const kind: NameClass = owner && ts.isIdentifier(owner) && owner.text === 'process' && name === 'env' ? 'environment' : classifyName(name, fields);
    if (kind === undefined && owner && isPersonOwnedDetail(name, owner)) return 'personal';
    if (kind === undefined && owner && isPaymentDetail(name, owner)) return 'payment';
    if (isScalarKind(kind)) return kind;
    if (kind === 'safe') return undefined;
    if (!state.inString && !state.scalarKey) {
      if (kind === 'record' && !(owner ? isConfigRead(owner) : isPrimitiveValued(node, context.values))) return 'record';
      if (kind === 'environment' && (owner || !isPrimitiveValued(node, context.values))) return 'environment';
      if (kind === undefined && (isRequestExpression(node, context.values) || isRequestPart(node, context.values) || requestPartHeldBy(node, context.values))) return 'request';
    }
    return kind === undefined ? state.keyKind : undefined;
  };

  for (; argument < call.arguments.length; argument++) walk(call.arguments[argument], { inString: false, site: VALUE, path: [] });
  return found;
}

/** `user.address`, `customer.billingAddress`: a detail that is personal only when read off a person. */
function isPersonOwnedDetail(name: string, owner: ts.Expression): boolean {
  if (!endsWithAny(nameTokens(name), knowledge.personalOfRecord)) return false;
  const ownerName = ts.isIdentifier(owner) ? owner.text : ts.isPropertyAccessExpression(owner) ? owner.name.text : undefined;
  const noun = ownerName === undefined ? undefined : recordNoun(nameTokens(ownerName))?.noun;
  return noun !== undefined && knowledge.personOwners.has(noun);
}

/** `card.number`, `bankAccount.number`: a field that is payment data by what it belongs to. */
function isPaymentDetail(name: string, owner: ts.Expression): boolean {
  const ownerName = ts.isIdentifier(owner) ? owner.text : ts.isPropertyAccessExpression(owner) ? owner.name.text : undefined;
  if (ownerName === undefined) return false;
  return classifyName(`${ownerName}_${name}`, []) === 'payment';
}

/** `config.db.user`, `process.env.SMTP_USER`: a user name read off configuration, not a user record. */
function isConfigRead(owner: ts.Expression): boolean {
  return owner
    .getText()
    .split(/[^A-Za-z0-9_$]+/)
    .some((part) => knowledge.configOwners.has(part.toLowerCase()));
}

/** Which project redaction configurations govern which loggers; console and bunyan redact nothing. */
const REDACTED_BY: Partial<Record<LoggerFamily, RedactionQuery['families']>> = {
  pino: ['pino'],
  nest: ['pino'],
  winston: ['winston'],
  custom: ['pino', 'winston'],
};
const MAX_NAME = 60;

/**
 * Reports each sensitive value a log call writes whose kind the rule owns. A value under a key of
 * an object argument waits for the project's redaction paths, when its logger may have some.
 */
export function reportSensitiveValues(call: ts.CallExpression, context: RuleContext, messageIds: Partial<Record<SensitiveKind, string>>): void {
  const { family, values } = analyzeLogCall(call, context);
  if (!family || isDevelopmentOnly(call)) return;
  for (const value of values) {
    const messageId = messageIds[value.kind];
    if (!messageId) continue;
    const text = value.node.getText(context.file.sourceFile).replace(/\s+/g, ' ');
    const name = text.length > MAX_NAME ? `${text.slice(0, MAX_NAME - 1)}…` : text;
    const noun = value.kind === 'record' ? recordNoun(nameTokens(lastWord(value.node)))?.noun ?? 'record' : '';
    const pending: RedactionQuery | undefined =
      REDACTED_BY[family] && value.path?.length ? { families: REDACTED_BY[family], path: value.path, argument: value.argument, whole: !isScalarKind(value.kind) && !value.serialized } : undefined;
    context.report({ node: value.node, messageId, data: { name, noun }, fixes: [fixFor(value, context.settings, context.file)], pending });
  }
}

/** Both rules of the category look at every call of a file: the first to ask does the work for both. */
const logCalls = new WeakMap<ts.CallExpression, { family?: LoggerFamily; values: LoggedValue[] }>();

function analyzeLogCall(call: ts.CallExpression, context: RuleContext): { family?: LoggerFamily; values: LoggedValue[] } {
  let result = logCalls.get(call);
  if (!result) {
    const family = loggerFamilyOf(call, context.values, context.settings);
    result = { family, values: family ? loggedSensitiveValues(call, context) : [] };
    logCalls.set(call, result);
  }
  return result;
}

/** The rules' `resolve`: a finding stands unless the project's logger redaction covers its key path. */
export function notRedacted(pending: unknown, facts: ProjectFacts): boolean {
  return !isCoveredByRedaction(pending as RedactionQuery, facts);
}

function lastWord(node: ts.Expression): string {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  return ts.isIdentifier(node) ? node.text : '';
}
