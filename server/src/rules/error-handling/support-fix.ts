import ts = require('typescript');
import type { FileSettings, TextEdit } from '../../engine/types';
import { propertyNameText, type ValueResolver } from '../../engine/values';
import { indentOf } from '../../fixes/edits';
import { enclosingFunction, functionName } from './support';

/** The logger a fix writes to, and how it takes its arguments. */
export interface ProjectLogger {
  /** As written at the node: `this.logger`, `log`, `console`. */
  expression: string;
  /** `nest`: `Logger` of @nestjs/common (`log`, no `info`); `message-first`: winston; `object-first`: pino, bunyan. */
  style: 'nest' | 'message-first' | 'object-first' | 'console';
}

/**
 * The project's logger where the node runs: `this.logger` of the enclosing class, a `logger`/`log`
 * (or configured) name in scope, else `console`.
 */
export function projectLogger(node: ts.Node, settings: FileSettings, values: ValueResolver): ProjectLogger {
  const member = classLoggerMember(node, settings);
  if (member) {
    const style = member.type && NEST_TYPES.test(member.type) ? 'nest' : member.type && MESSAGE_FIRST_TYPES.test(member.type) ? 'message-first' : 'object-first';
    return { expression: `this.${member.name}`, style };
  }
  for (const name of [...settings.loggerNames, 'logger', 'log']) {
    const declaration = values.scopes.lookup(name, node);
    if (!declaration || declaration.kind === 'parameter') continue;
    const source = declaration.kind === 'import' ? declaration.module : declaration.kind === 'variable' && declaration.init ? declaration.init.getText() : '';
    return { expression: name, style: NEST_MODULES.test(source) ? 'nest' : MESSAGE_FIRST_MODULES.test(source) ? 'message-first' : 'object-first' };
  }
  return { expression: 'console', style: 'console' };
}

/**
 * The statement that logs a failure with the project's logger where the node runs (see
 * `projectLogger`). Nest and winston loggers take the message first; pino and bunyan take the error
 * object first.
 */
export function logStatement(node: ts.Node, errorName: string, what: string, settings: FileSettings, values: ValueResolver): string {
  const message = `'${what.replace(/['\\]/g, '')} failed'`;
  const fields = errorName === 'err' ? '{ err }' : `{ err: ${errorName} }`;
  const logger = projectLogger(node, settings, values);
  return logger.style === 'object-first' ? `${logger.expression}.error(${fields}, ${message});` : `${logger.expression}.error(${message}, ${errorName});`;
}

/** Nest's `Logger`/`LoggerService` and winston take `(message, meta)`; pino and bunyan take `(object, message)`. */
const NEST_TYPES = /^(Logger|LoggerService|ConsoleLogger)$/;
const MESSAGE_FIRST_TYPES = /^winston\.Logger$/;
const NEST_MODULES = /@nestjs|new Logger\(/;
const MESSAGE_FIRST_MODULES = /winston/;

/** `this.logger` (or a configured name) declared on the class the node's method belongs to. */
function classLoggerMember(node: ts.Node, settings: FileSettings): { name: string; type?: string } | undefined {
  let fn = enclosingFunction(node);
  while (fn && ts.isArrowFunction(fn)) fn = enclosingFunction(fn);
  const cls = fn && (ts.isMethodDeclaration(fn) || ts.isConstructorDeclaration(fn) || ts.isAccessor(fn)) ? fn.parent : undefined;
  if (!cls || !ts.isClassLike(cls)) return undefined;
  const wanted = new Set([...settings.loggerNames, 'logger', 'log']);
  for (const member of cls.members) {
    if (ts.isPropertyDeclaration(member) && wanted.has(propertyNameText(member.name) ?? '')) {
      return { name: propertyNameText(member.name)!, type: typeNameOf(member.type, member.initializer) };
    }
    if (ts.isConstructorDeclaration(member)) {
      for (const parameter of member.parameters) {
        if (ts.isIdentifier(parameter.name) && wanted.has(parameter.name.text) && ts.getModifiers(parameter)?.length) {
          return { name: parameter.name.text, type: typeNameOf(parameter.type, undefined) };
        }
      }
    }
  }
  return undefined;
}

function typeNameOf(type: ts.TypeNode | undefined, initializer: ts.Expression | undefined): string | undefined {
  if (type && ts.isTypeReferenceNode(type)) return type.typeName.getText();
  if (initializer && ts.isNewExpression(initializer)) return initializer.expression.getText();
  return undefined;
}

/** What a failure is called in the log: the enclosing function's name, else `fallback`. */
export function operationName(node: ts.Node, fallback: string): string {
  return functionName(enclosingFunction(node)) ?? fallback;
}

/**
 * Rewrites a catch clause to log its failure and then run `tail` (`throw err;` or the old body):
 * names the error (`catch {` → `catch (err) {`) and keeps the block's layout and indentation.
 */
export function rewriteCatch(clause: ts.CatchClause, log: string, tail: string[], sourceFile: ts.SourceFile): TextEdit[] {
  const edits: TextEdit[] = [];
  if (!clause.variableDeclaration) {
    const keywordEnd = clause.getStart(sourceFile) + 'catch'.length;
    edits.push({ start: keywordEnd, end: keywordEnd, newText: ' (err)' });
  }
  const block = clause.block;
  const indent = indentOf(clause, sourceFile);
  const lines = [log, ...tail].map((line) => `${indent}  ${line}`).join('\n');
  edits.push({ start: block.getStart(sourceFile), end: block.getEnd(), newText: `{\n${lines}\n${indent}}` });
  return edits;
}
