import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeData } from '../src/core/experiment.ts';

const close = (a: number, b: number, tol = 1e-15) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

test('the training set has the check points and labels of SPEC §2', () => {
  const { train, test: testSet } = makeData('circles');
  assert.equal(train.m, 300);
  assert.equal(testSet.m, 100);
  const points: [number, number][] = [
    [-0.07741354010048114, 0.8526022642742743],
    [0.43186959584803564, -0.8721450395952107],
    [0.07916502322979652, 0.8406610985900007],
  ];
  points.forEach(([px, py], j) => {
    assert.ok(close(train.x[j]!, px), `x of point ${j}: ${train.x[j]} vs ${px}`);
    assert.ok(close(train.x[train.m + j]!, py), `y of point ${j}: ${train.x[train.m + j]} vs ${py}`);
  });
  assert.deepEqual(Array.from(train.y.slice(0, 10)), [1, 0, 1, 1, 0, 0, 1, 0, 1, 1]);
  assert.ok(close(testSet.x[0]!, -0.5242373850862545));
  assert.ok(close(testSet.x[testSet.m]!, -0.6091036148461817));
});

test('each circle holds half the points and labels are only 0 or 1', () => {
  const { train } = makeData('circles');
  const ones = Array.from(train.y).filter((v) => v === 1).length;
  assert.equal(ones, 150);
  assert.ok(Array.from(train.y).every((v) => v === 0 || v === 1));
});

test('an unknown data set is refused', () => {
  assert.throws(() => makeData('nope'), /unknown data set/);
});
