import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldRows } from '../../../../../src/ui/views/why/WhyView.tsx';

test('the why view keeps every layer row that fits, and folds the middle of a deeper network with a line that says how many', () => {
  const rows = Array.from({ length: 65 }, (_, k) => `W${k + 1}`);
  assert.deepEqual(foldRows(rows.slice(0, 3), 10), ['W1', 'W2', 'W3']);
  const folded = foldRows(rows, 10);
  assert.equal(folded.length, 10);
  assert.deepEqual(folded.slice(0, 5), ['W1', 'W2', 'W3', 'W4', 'W5']);
  assert.equal(folded[5], '… layers 6–61 folded here (a taller terminal shows them)');
  assert.deepEqual(folded.slice(6), ['W62', 'W63', 'W64', 'W65']);
  assert.equal(foldRows(rows, 1).length, 3, 'at least the first and the last layer');
});
