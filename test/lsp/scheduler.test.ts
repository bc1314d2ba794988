import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { AnalysisScheduler } from '../../server/src/lsp/scheduler';

test('the first edit after a pause runs at once; a burst collapses into one run', async () => {
  const runs: string[] = [];
  const scheduler = new AnalysisScheduler(async (uri) => {
    runs.push(uri);
  });
  scheduler.edited('a');
  await scheduler.whenSettled('a');
  assert.deepEqual(runs, ['a']);
  for (let i = 0; i < 5; i++) scheduler.edited('a');
  assert.ok(scheduler.isPending('a'));
  await scheduler.whenSettled('a');
  assert.deepEqual(runs, ['a', 'a'], 'five edits in a burst: one more run');
  scheduler.dispose();
});

test('a cancelled run settles its waiters without running', async () => {
  let runs = 0;
  const scheduler = new AnalysisScheduler(async () => {
    runs++;
  });
  scheduler.schedule('b', 50);
  const settled = scheduler.whenSettled('b');
  assert.ok(settled);
  scheduler.cancel('b');
  await settled;
  assert.equal(runs, 0);
  assert.equal(scheduler.whenSettled('b'), undefined);
});
