import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wrapAtMost } from '../../../../src/ui/chrome/wrap.ts';

test('at most n lines: whole where the words fit, else the last line takes the rest, cut with an ellipsis', () => {
  const text = 'one two three four five six seven eight';
  assert.deepEqual(wrapAtMost(text, 10, 9), ['one two', 'three four', 'five six', 'seven', 'eight']);
  assert.deepEqual(wrapAtMost(text, 10, 2), ['one two', 'three fou…']);
  assert.deepEqual(wrapAtMost(text, 10, 1), ['one two t…']);
  assert.deepEqual(wrapAtMost(text, 10, 0), []);
  assert.deepEqual(wrapAtMost('', 10, 2), []);
});
