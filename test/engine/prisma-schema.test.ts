import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parsePrismaSchema, type PrismaModelFact } from '../../server/src/rules/resource-limits/facts-prisma-schema';
import { analyzeFile } from '../../server/src/engine/runner';
import { allCollectors, allRules, isAnalyzableFile, knownRuleIds } from '../../server/src/rules';
import { settingsFor } from '../../server/src/config/settings';

const cases: { name: string; schema: string; models: PrismaModelFact[]; enums?: string[] }[] = [
  {
    name: 'field and block unique keys, one-to-many both sides',
    schema: [
      'model Project {',
      '  id      String         @id @default(cuid())',
      '  slug    String         @unique',
      '  users   ProjectUsers[]',
      '}',
      'model ProjectUsers {',
      '  userId    String',
      '  projectId String',
      '  project   Project @relation(fields: [projectId], references: [id], onDelete: Cascade)',
      '  @@unique([userId, projectId])',
      '  @@index([projectId])',
      '}',
    ].join('\n'),
    models: [
      { name: 'Project', uniques: [['id'], ['slug']], relations: [{ field: 'users', target: 'ProjectUsers', list: true }] },
      { name: 'ProjectUsers', uniques: [['userId', 'projectId']], relations: [{ field: 'project', target: 'Project', list: false, fields: ['projectId'] }] },
    ],
  },
  {
    name: 'compound id with sort options, named relations, comments, scalars, enums, optional relations',
    schema: [
      '// a comment { with braces }',
      'enum Role {',
      '  OWNER',
      '}',
      'model Transfer {',
      '  fromId String // @unique in a comment is not a key',
      '  toId   String',
      '  role   Role',
      '  amount Decimal',
      '  from   Account  @relation("sent", fields: [fromId], references: [id])',
      '  to     Account? @relation(name: "received", fields: [toId], references: [id])',
      '  @@id([fromId(sort: Desc), toId])',
      '}',
    ].join('\n'),
    models: [
      {
        name: 'Transfer',
        uniques: [['fromId', 'toId']],
        relations: [
          { field: 'role', target: 'Role', list: false },
          { field: 'from', target: 'Account', list: false, fields: ['fromId'], name: 'sent' },
          { field: 'to', target: 'Account', list: false, fields: ['toId'], name: 'received' },
        ],
      },
    ],
    enums: ['Role'],
  },
  { name: 'datasource, generator and views are not models', schema: 'datasource db {\n  provider = "postgresql"\n}\ngenerator client {\n  provider = "prisma-client-js"\n}\nview Stats {\n  id Int @unique\n}\n', models: [] },
  { name: 'an unterminated model is dropped, not guessed', schema: 'model Broken {\n  id String @id\n', models: [] },
];

for (const c of cases) {
  test(`prisma schema: ${c.name}`, () => {
    assert.deepEqual(parsePrismaSchema(c.schema), { models: c.models, enums: c.enums ?? [] });
  });
}

test('prisma schema files are read as project facts, without rules run on them', () => {
  assert.ok(isAnalyzableFile('prisma/schema/team.prisma'));
  assert.ok(!isAnalyzableFile('prisma/schema/notes.txt'));
  const text = 'model User {\n  id    String @id\n  email String @unique\n}\n';
  const analysis = analyzeFile('prisma/schema.prisma', text, settingsFor({}, 'prisma/schema.prisma'), { rules: allRules, collectors: allCollectors, knownRuleIds, runRules: true });
  assert.deepEqual(analysis.findings, []);
  assert.deepEqual(analysis.facts, [{ kind: 'resource-limits/prisma-model', data: { name: 'User', uniques: [['id'], ['email']], relations: [] } }]);
  const binary = analyzeFile('prisma/schema.prisma', 'model \u0000', settingsFor({}, 'prisma/schema.prisma'), { rules: allRules, collectors: allCollectors, knownRuleIds, runRules: true });
  assert.deepEqual(binary.facts, []);
  assert.equal(binary.notices[0]?.kind, 'file-skipped');
});
