import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeData } from '../../../src/core/experiment.ts';

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

test('make_moons matches scikit-learn: training points 0..2 and labels 0..9 (numpy 1.24, sklearn 1.2.1)', () => {
  const { train } = makeData('moons');
  const expected: [number, number][] = [
    [0.21073484902498657, -0.015986798301307142],
    [-0.8291041279490649, 0.6518776506828385],
    [0.24232510034750357, 0.00739577076467024],
  ];
  expected.forEach(([px, py], j) => {
    assert.ok(Math.abs(train.x[j]! - px) < 1e-14, `x${j}`);
    assert.ok(Math.abs(train.x[train.m + j]! - py) < 1e-14, `y${j}`);
  });
  assert.deepEqual(Array.from(train.y.slice(0, 10)), [1, 0, 1, 1, 0, 0, 1, 0, 1, 1]);
});

test('xor, gaussian and spiral are balanced, seeded and inside the drawn plane', () => {
  for (const name of ['xor', 'gaussian', 'spiral']) {
    const a = makeData(name);
    const b = makeData(name);
    assert.deepEqual(Array.from(a.train.x), Array.from(b.train.x), `${name} depends only on its seed`);
    assert.equal(a.train.m, 300);
    assert.equal(a.test.m, 100);
    const ones = Array.from(a.train.y).filter((v) => v === 1).length;
    assert.ok(ones > 100 && ones < 200, `${name}: ${ones} ones of 300`);
    const inside = Array.from(a.train.x).filter((v) => Math.abs(v) <= 2).length;
    assert.ok(inside / a.train.x.length > 0.95, `${name}: points mostly within ±2`);
  }
  const noisy = makeData('xor', 0.5);
  assert.notDeepEqual(Array.from(noisy.train.x), Array.from(makeData('xor').train.x), '--noise changes the data');
});
