import assert from 'node:assert/strict';
import { test } from 'node:test';
import { meanCurve, stats } from '../../../src/results/summary.ts';

test('sweep statistics: mean, sample sd, min, max; the mean curve and its spread', () => {
  assert.deepEqual(stats([1, 2, 3, 4]), { mean: 2.5, sd: Math.sqrt(5 / 3), min: 1, max: 4 });
  assert.deepEqual(stats([0.7]), { mean: 0.7, sd: 0, min: 0.7, max: 0.7 });
  assert.ok(Number.isNaN(stats([]).mean));
  const curve = meanCurve([
    [
      [0, 1],
      [10, 0.5],
      [20, 0.25],
    ],
    [
      [0, 3],
      [10, 1.5],
    ],
  ]);
  assert.deepEqual(curve.mean, [
    [0, 2],
    [10, 1],
  ]);
  assert.deepEqual(curve.min, [
    [0, 1],
    [10, 0.5],
  ]);
  assert.deepEqual(curve.max, [
    [0, 3],
    [10, 1.5],
  ]);
});
