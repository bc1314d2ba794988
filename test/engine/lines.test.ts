import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/engine/lines';

test('breaks lines at \\n, \\r\\n and \\r as LSP does, not at U+2028', () => {
  const text = 'a\nbb\r\nccc\rd\u2028e';
  const lines = new LineIndex(text);
  assert.equal(lines.lineCount, 4);
  assert.deepEqual(lines.positionAt(text.indexOf('bb')), { line: 1, character: 0 });
  assert.deepEqual(lines.positionAt(text.indexOf('ccc') + 2), { line: 2, character: 2 });
  assert.deepEqual(lines.positionAt(text.indexOf('e')), { line: 3, character: 2 });
  assert.equal(lines.offsetAt({ line: 2, character: 1 }), text.indexOf('ccc') + 1);
  assert.equal(lines.lineEnd(1), text.indexOf('\r\n'));
});

test('characters are UTF-16 code units', () => {
  const text = 'const s = "😀"; fetch(u)';
  const lines = new LineIndex(text);
  assert.deepEqual(lines.positionAt(text.indexOf('fetch')), { line: 0, character: 16 });
});

test('clamps positions outside the text', () => {
  const lines = new LineIndex('ab\ncd');
  assert.deepEqual(lines.positionAt(99), { line: 1, character: 2 });
  assert.equal(lines.offsetAt({ line: 0, character: 99 }), 3);
  assert.equal(lines.offsetAt({ line: 7, character: 0 }), 5);
});
