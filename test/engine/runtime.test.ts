import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseSource } from '../../server/src/engine/parse';
import { fileRole, type FileRole } from '../../server/src/engine/runtime';

const roleOf = (relativePath: string, text: string): FileRole => fileRole({ path: relativePath, relativePath, text, sourceFile: parseSource(relativePath, text) });

const cases: { name: string; path: string; text: string; role: FileRole }[] = [
  { name: 'plain server code', path: 'src/orders.ts', text: 'export const f = () => db.order.findMany();', role: 'server' },
  { name: 'a member of the browser global document', path: 'src/widget.ts', text: 'export const title = () => document.title;', role: 'browser' },
  { name: 'window.location', path: 'src/nav.ts', text: 'export function go(url: string) {\n  window.location.href = url;\n}', role: 'browser' },
  { name: 'a local variable named document', path: 'src/api.ts', text: 'export const ids = (documents: Doc[]) => documents.map((document) => document.secondaryId);', role: 'server' },
  { name: 'a parameter named document', path: 'src/sign.ts', text: 'export async function sign(document: Doc) {\n  return db.signature.create({ data: { documentId: document.id } });\n}', role: 'server' },
  { name: 'the word in a string', path: 'src/errors.ts', text: "export const message = 'Could not find the document. Try again';", role: 'server' },
  { name: 'an import path with document in it', path: 'src/documents.controller.ts', text: "import { CreateDocumentDto } from './dto/create-document.dto';\nexport class C {}", role: 'server' },
  { name: 'the window handed to a wrapper', path: 'src/recorder/index.js', text: "(window => {\n  const { document } = window;\n  fetch('/api/send', { body: document.title }).catch(() => {});\n})(window);", role: 'browser' },
  { name: 'a local document handed to a function', path: 'src/sign.ts', text: 'export async function sign(document: Doc) {\n  return store(document);\n}', role: 'server' },
  { name: 'a Vite browser environment variable', path: 'src/config.ts', text: 'export const api = import.meta.env.VITE_API_URL;', role: 'browser' },
  { name: 'tests by path', path: 'src/orders.test.ts', text: 'export const f = 1;', role: 'test' },
  { name: 'a package of test helpers', path: 'packages/test-helpers/src/mailpit.ts', text: "export const messages = () => fetch('http://localhost:8025/api/v1/messages');", role: 'test' },
  { name: 'a feature named like testing is not a test', path: 'src/ab-testing/variants.ts', text: 'export const f = 1;', role: 'server' },
  { name: 'a test setup file named in camel case', path: 'apps/web/vitestSetup.ts', text: 'export const f = 1;', role: 'test' },
  { name: 'a client component', path: 'src/form.ts', text: "'use client';\nexport const f = 1;", role: 'browser' },
];

for (const c of cases) {
  test(`file role: ${c.name}`, () => assert.equal(roleOf(c.path, c.text), c.role));
}
