import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initParams } from '../../../src/core/network.ts';
import { RandomState } from '../../../src/core/rng.ts';
import { SCHEMES } from '../../../src/core/schemes.ts';
import { resolveScheme } from '../../../src/core/schemes.ts';

function assertClose(actual: Float64Array, expected: number[], tol = 5e-9): void {
  assert.equal(actual.length, expected.length);
  expected.forEach((e, i) => assert.ok(Math.abs(actual[i]! - e) < tol, `[${i}] ${actual[i]} vs ${e}`));
}

test('random ×10 on layers [3,2,1] prints the notebook weights', () => {
  const p = initParams([3, 2, 1], SCHEMES['random']!, new RandomState(3));
  assertClose(p.W[0]!, [17.88628473, 4.36509851, 0.96497468, -18.63492703, -2.77388203, -3.54758979]);
  assertClose(p.W[1]!, [-0.82741481, -6.27000677]);
  assert.deepEqual(Array.from(p.b[0]!), [0, 0]);
  assert.deepEqual(Array.from(p.b[1]!), [0]);
});

test('He on layers [2,4,1] prints the notebook weights', () => {
  const p = initParams([2, 4, 1], SCHEMES['he']!, new RandomState(3));
  assertClose(p.W[0]!.slice(0, 2), [1.78862847, 0.43650985]);
  assertClose(p.W[1]!, [-0.03098412, -0.33744411, -0.92904268, 0.62552248]);
});

test('zeros draws nothing and leaves every weight at 0', () => {
  const rng = new RandomState(3);
  const p = initParams([2, 10, 5, 1], SCHEMES['zeros']!, rng);
  for (const w of p.W) assert.ok(w.every((v) => v === 0));
  assert.equal(rng.gauss(), new RandomState(3).gauss(), 'the generator was not touched');
});

test('every scheme in the table has a name, a formula and a lesson', () => {
  for (const [key, s] of Object.entries(SCHEMES)) {
    assert.equal(s.name, key);
    assert.ok(s.formula.length > 0 && s.lesson.length > 0);
  }
});

test('the scheme table resolves xavier, small and scale:K, and refuses the rest', () => {
  assert.equal(resolveScheme('xavier')?.formula, 'W = randn · sqrt(1 / n_prev)');
  assert.equal(resolveScheme('small')?.formula, 'W = randn · 0.01');
  assert.equal(resolveScheme('scale:0.5')?.formula, 'W = randn · 0.5');
  assert.equal(resolveScheme('scale:3')?.name, 'scale:3');
  for (const bad of ['scale:', 'scale:0', 'scale:-1', 'scale:abc', 'scale:1e999', 'Scale:2', 'toString'])
    assert.equal(resolveScheme(bad), undefined, bad);
});
