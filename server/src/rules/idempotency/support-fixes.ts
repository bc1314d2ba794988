import ts = require('typescript');
import type { TextEdit } from '../../engine/types';
import { unwrapExpression, type ValueResolver } from '../../engine/values';
import { addOptionEdit, indentOf, insertProperty, replaceNode } from '../../fixes/edits';
import type { HttpWrite } from './support';
import { enclosingRetry } from './support-retry';

/** An idempotency key for a fix: the expression to pass and the edits that make it exist. */
export interface KeyPlan {
  expression: string;
  /** Declarations and imports the expression needs. */
  edits: TextEdit[];
  /** `business`: derived from an id in scope; `once`: a random key created before the retry or statement. */
  source: 'business' | 'once';
  /** The id it derives from (`order.id`), for the fix title. */
  from?: string;
}

/** Names of the things a payment is for; their `id` (or `<noun>Id`) is a stable key. */
const BUSINESS_NOUN = 'order|invoice|payment|checkout|cart|booking|reservation|subscription|transaction|purchase|refund|payout|transfer|withdrawal|charge|donation|bill';
const OBJECT_NAME = new RegExp(`^(${BUSINESS_NOUN})$`, 'i');
const ID_NAME = new RegExp(`^(${BUSINESS_NOUN})(Id|_id|ID)$`, 'i');
const KEY_NAME = 'idempotencyKey';

/**
 * A key for the operation at `node`: `` `<prefix>-${order.id}` `` when a business id is in scope,
 * else a random key created once, before the enclosing retry construct or the statement. Undefined
 * when neither is possible (no statement in the same function to put it before).
 */
export function planKey(node: ts.Node, prefix: string, values: ValueResolver): KeyPlan | undefined {
  const id = businessId(node);
  if (id) return { expression: `\`${prefix}-\${${id}}\``, edits: [], source: 'business', from: id };
  const retry = enclosingRetry(node, values);
  const anchor = statementOf(retry?.node ?? node);
  if (!anchor || values.scopes.lookup(KEY_NAME, anchor)) return undefined;
  const sourceFile = anchor.getSourceFile();
  const generator = randomUuid(anchor, values, sourceFile);
  if (!generator) return undefined;
  const at = anchor.getStart();
  const declaration = `const ${KEY_NAME} = ${generator.call};\n${indentOf(anchor, sourceFile)}`;
  // An import inserted at the same offset goes first, in the same edit (edits must not overlap).
  const sameOffset = generator.edits.find((e) => e.start === at);
  const others = generator.edits.filter((e) => e !== sameOffset);
  return { expression: KEY_NAME, edits: [...others, { start: at, end: at, newText: `${sameOffset?.newText ?? ''}${declaration}` }], source: 'once' };
}

/** `key: value`, written as shorthand when the value is a same-named variable. */
export function keyProperty(name: string, expression: string): string {
  const quoted = /^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`;
  return quoted === expression ? quoted : `${quoted}: ${expression}`;
}

function businessId(node: ts.Node): string | undefined {
  let objectCandidate: string | undefined;
  for (let current: ts.Node | undefined = node; current; current = current.parent) {
    for (const name of namesDeclaredIn(current, node)) {
      if (ID_NAME.test(name)) return name;
      if (OBJECT_NAME.test(name)) objectCandidate ??= `${name}.id`;
    }
  }
  return objectCandidate;
}

/** Parameters of a function, and variables declared before `use` in a block or loop head. */
function namesDeclaredIn(scope: ts.Node, use: ts.Node): string[] {
  const names: string[] = [];
  const addBinding = (name: ts.BindingName) => {
    if (ts.isIdentifier(name)) names.push(name.text);
    else for (const element of name.elements) if (ts.isBindingElement(element)) addBinding(element.name);
  };
  if (ts.isFunctionLike(scope)) scope.parameters.forEach((p) => addBinding(p.name));
  if ((ts.isForOfStatement(scope) || ts.isForStatement(scope)) && scope.initializer && ts.isVariableDeclarationList(scope.initializer)) {
    scope.initializer.declarations.forEach((d) => addBinding(d.name));
  }
  if (ts.isBlock(scope) || ts.isSourceFile(scope)) {
    for (const statement of scope.statements) {
      if (statement.end > use.getStart()) break;
      if (ts.isVariableStatement(statement)) statement.declarationList.declarations.forEach((d) => addBinding(d.name));
    }
  }
  return names;
}

/** The statement `node` belongs to, without leaving the function it is in. */
function statementOf(node: ts.Node): ts.Statement | undefined {
  for (let current: ts.Node = node; current.parent; current = current.parent) {
    if (ts.isFunctionLike(current) && current !== node) return undefined;
    const parent = current.parent;
    if (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent)) return current as ts.Statement;
  }
  return undefined;
}

/** `randomUUID()` from node:crypto, importing it when the file doesn't; undefined when the name is taken. */
function randomUuid(anchor: ts.Node, values: ValueResolver, sourceFile: ts.SourceFile): { call: string; edits: TextEdit[] } | undefined {
  const declaration = values.scopes.lookup('randomUUID', anchor);
  if (declaration) {
    const fromCrypto = declaration.kind === 'import' && declaration.module === 'crypto' && declaration.imported === 'randomUUID';
    return fromCrypto ? { call: 'randomUUID()', edits: [] } : undefined;
  }
  const imports = sourceFile.statements.filter(ts.isImportDeclaration);
  const last = imports[imports.length - 1];
  if (last) return { call: 'randomUUID()', edits: [{ start: last.getEnd(), end: last.getEnd(), newText: "\nimport { randomUUID } from 'node:crypto';" }] };
  // After the prologue (`'use strict'`), which must stay first.
  const first = sourceFile.statements.find((s) => !(ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression)));
  const commonJs = /\brequire\s*\(/.test(sourceFile.text);
  const line = commonJs ? "const { randomUUID } = require('node:crypto');\n" : "import { randomUUID } from 'node:crypto';\n";
  const at = first ? first.getStart() : 0;
  return { call: 'randomUUID()', edits: [{ start: at, end: at, newText: line }] };
}

/**
 * Adds a header to an HTTP write: into an inline headers object (or `new Headers({...})`), around a
 * headers variable via spread, or as a new `headers` option.
 */
export function headerEdit(write: HttpWrite, header: string, expression: string, sourceFile: ts.SourceFile): TextEdit | undefined {
  const entry = keyProperty(header, expression);
  const lookup = write.options.lookup;
  if (lookup.status === 'absent') return addOptionEdit(write.call, write.options.index, `headers: { ${entry} }`, sourceFile);
  if (lookup.status !== 'present' || !lookup.value) return undefined;
  const value = unwrapExpression(lookup.value);
  const inner = ts.isNewExpression(value) && value.arguments?.[0] ? unwrapExpression(value.arguments[0]) : value;
  if (ts.isObjectLiteralExpression(inner)) return insertProperty(inner, entry, sourceFile);
  if (!ts.isIdentifier(value) && !ts.isPropertyAccessExpression(value)) return undefined;
  const spread = `{ ...${value.getText(sourceFile)}, ${entry} }`;
  return ts.isShorthandPropertyAssignment(lookup.element) ? replaceNode(lookup.element, `headers: ${spread}`, sourceFile) : replaceNode(lookup.value, spread, sourceFile);
}
