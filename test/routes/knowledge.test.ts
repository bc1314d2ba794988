import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import data from '../../rules/knowledge/frameworks.json';
import { loadKnowledge } from '../../server/src/knowledge/load';
import { frameworksSchema } from '../../server/src/routes/knowledge';

test('frameworks.json: a broken pattern or an unknown key fails at load, naming the key', () => {
  const broken = { ...data, guards: { ...data.guards, authPattern: '(auth' } };
  assert.throws(() => loadKnowledge('frameworks', frameworksSchema, broken), /guards\.authPattern/);
  assert.throws(() => loadKnowledge('frameworks', frameworksSchema, { ...data, express: { ...data.express, extra: 1 } }), /express/);
});
