import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeSnippet } from '../support/analyze';
import { allRules } from '../../server/src/rules';
import { isServerModule } from '../../server/src/engine/client-imports';

const FETCH = 'export async function authorize(workspaceId: string) {\n  const res = await fetch(`https://api.notion.com/v1/search?workspace=${workspaceId}`);\n  return res.json();\n}\n';
const CLIENT_WRAPPER = '"use client";\nimport { authorize } from "../lib/notion";\nexport function NotionWrapper({ id }: { id: string }) {\n  return <button onClick={() => authorize(id)}>Connect</button>;\n}\n';

const codes = (files: Record<string, string>, code = FETCH, filename = 'src/lib/notion.ts') =>
  analyzeSnippet(allRules, code, { filename, files }).findings.map((f) => f.ruleId);

const cases: { name: string; files: Record<string, string>; code?: string; filename?: string; judged: boolean }[] = [
  { name: 'a module nothing imports is judged as server code', files: {}, judged: true },
  { name: 'a module only a "use client" component imports is browser code', files: { 'src/components/NotionWrapper.tsx': CLIENT_WRAPPER }, judged: false },
  { name: 'through a path alias', files: { 'src/components/NotionWrapper.tsx': CLIENT_WRAPPER.replace('"../lib/notion"', '"@/lib/notion"') }, judged: false },
  {
    name: 'also imported by server code',
    files: { 'src/components/NotionWrapper.tsx': CLIENT_WRAPPER, 'src/app/api/notion/route.ts': 'import { authorize } from "../../../lib/notion";\nexport async function POST() {\n  return Response.json(await authorize("w"));\n}\n' },
    judged: true,
  },
  { name: 'a type-only import and a test are not importers', files: { 'src/components/NotionWrapper.tsx': CLIENT_WRAPPER, 'src/lib/types.ts': 'import type { authorize } from "./notion";\nexport type A = typeof authorize;\n', 'src/lib/notion.test.ts': 'import { authorize } from "./notion";\ntest("x", () => authorize("w"));\n' }, judged: false },
  { name: 'named imports used only as types are not importers', files: { 'src/components/NotionWrapper.tsx': CLIENT_WRAPPER, 'src/lib/query.ts': 'import { NotionPage, type Cursor } from "./notion";\nexport function next(page: NotionPage, cursor?: Cursor): Cursor | undefined {\n  return page.cursor;\n}\n' }, judged: false },
  { name: 'a class extending an import uses it as a value', files: { 'src/components/NotionWrapper.tsx': CLIENT_WRAPPER, 'src/lib/client.ts': 'import { NotionClient } from "./notion";\nexport class Client extends NotionClient {}\n' }, judged: true },
  { name: 'a named import used as a value is an importer', files: { 'src/components/NotionWrapper.tsx': CLIENT_WRAPPER, 'src/lib/query.ts': 'import { NotionPage, authorize } from "./notion";\nexport const load = (page: NotionPage) => authorize(page.id);\n' }, judged: true },
  {
    name: 'Server Actions run on the server, though client components import them',
    files: { 'src/components/NotionWrapper.tsx': CLIENT_WRAPPER },
    code: '"use server";\n' + FETCH,
    judged: true,
  },
  { name: "a module marked import 'server-only'", files: { 'src/components/NotionWrapper.tsx': CLIENT_WRAPPER }, code: 'import "server-only";\n' + FETCH, judged: true },
];

for (const c of cases) {
  test(`client imports: ${c.name}`, () => {
    const found = codes(c.files, c.code, c.filename).includes('timeout/fetch-without-signal');
    assert.equal(found, c.judged);
  });
}

test('a Server Actions directive may follow comments', () => {
  assert.ok(isServerModule('// actions of the editor\n/* shared */\n"use server";\nexport async function save() {}'));
  assert.ok(!isServerModule('export const note = "use server";'));
});
