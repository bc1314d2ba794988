import ts = require('typescript');
import type { TextEdit } from '../engine/types';

/** Indentation of the line a node starts on. */
export function indentOf(node: ts.Node, sourceFile: ts.SourceFile): string {
  const text = sourceFile.text;
  let lineStart = node.getStart(sourceFile);
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/**
 * Inserts `propertyText` (e.g. `timeout: 10000`) as the last property of an object literal, keeping
 * its layout: one line stays one line, a multi-line object gets a new line at its members' indent.
 */
export function insertProperty(object: ts.ObjectLiteralExpression, propertyText: string, sourceFile: ts.SourceFile): TextEdit {
  const properties = object.properties;
  const open = object.getStart(sourceFile) + 1;
  if (properties.length === 0) {
    const inner = sourceFile.text.slice(open, object.getEnd() - 1);
    return { start: open, end: object.getEnd() - 1, newText: inner.includes('\n') ? `\n${indentOf(object, sourceFile)}  ${propertyText},\n${indentOf(object, sourceFile)}` : ` ${propertyText} ` };
  }
  const last = properties[properties.length - 1];
  const multiline = sourceFile.getLineAndCharacterOfPosition(last.getStart(sourceFile)).line !== sourceFile.getLineAndCharacterOfPosition(open).line;
  const separator = multiline ? `,\n${indentOf(last, sourceFile)}` : ', ';
  return { start: last.getEnd(), end: last.getEnd(), newText: `${separator}${propertyText}` };
}

/** Appends an argument after a call's last argument (or as the first one). */
export function appendArgument(call: ts.CallExpression | ts.NewExpression, argumentText: string): TextEdit {
  const args = call.arguments ?? ts.factory.createNodeArray();
  if (args.length === 0) {
    const close = call.getEnd() - 1;
    return { start: close, end: close, newText: argumentText };
  }
  const last = args[args.length - 1];
  return { start: last.getEnd(), end: last.getEnd(), newText: `, ${argumentText}` };
}

/** Replaces a node's text. */
export function replaceNode(node: ts.Node, newText: string, sourceFile: ts.SourceFile): TextEdit {
  return { start: node.getStart(sourceFile), end: node.getEnd(), newText };
}

/** Sets or adds a property on an options argument: into an inline literal, around a variable via spread, or as a new argument. */
export function addOptionEdit(
  call: ts.CallExpression | ts.NewExpression,
  optionsIndex: number,
  propertyText: string,
  sourceFile: ts.SourceFile,
): TextEdit | undefined {
  const args = call.arguments ?? [];
  const options = args[optionsIndex];
  if (!options) {
    if (args.length < optionsIndex) return undefined;
    return appendArgument(call, `{ ${propertyText} }`);
  }
  const inner = skipParens(options);
  if (ts.isObjectLiteralExpression(inner)) return insertProperty(inner, propertyText, sourceFile);
  if (ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner)) {
    return replaceNode(options, `{ ...${options.getText(sourceFile)}, ${propertyText} }`, sourceFile);
  }
  return undefined;
}

function skipParens(node: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  return node;
}
