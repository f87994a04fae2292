import assert from 'node:assert/strict';
import { test } from 'node:test';
import { laneAt } from '../../../../../src/ui/views/race/lane-hit.ts';

test('a click on the row under the lanes panel border is the first lane, one lane per row after it', () => {
  // One header row (row 0), the panel's top border (row 1), lanes from row 2.
  assert.equal(laneAt(0, 1, 3, 3, 0), undefined, 'the header');
  assert.equal(laneAt(1, 1, 3, 3, 0), undefined, 'the border');
  assert.equal(laneAt(2, 1, 3, 3, 0), 0);
  assert.equal(laneAt(4, 1, 3, 3, 0), 2);
  assert.equal(laneAt(5, 1, 3, 3, 0), undefined, 'the bottom border');
});

test('with a window of lanes, a click counts from the first lane shown', () => {
  // 20 schemes, 5 shown around the selected 10: lanes 8 … 12.
  assert.equal(laneAt(2, 1, 20, 5, 10), 8);
  assert.equal(laneAt(6, 1, 20, 5, 10), 12);
  assert.equal(laneAt(7, 1, 20, 5, 10), undefined);
});
