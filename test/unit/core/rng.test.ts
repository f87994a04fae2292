import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RandomState } from '../../../src/core/rng.ts';

// Reference values printed by numpy 1.24 (np.random legacy RandomState).

test('after seed 3 the gaussians are the check values of SPEC §1', () => {
  const expected = [
    1.78862847, 0.43650985, 0.09649747, -1.8634927, -0.2773882, -0.35475898, -0.08274148, -0.62700068, -0.04381817, -0.47721803,
    -1.31386475, 0.88462238,
  ];
  const rng = new RandomState(3);
  for (const e of expected) assert.ok(Math.abs(rng.gauss() - e) < 5e-9, `expected ${e}`);
});

test('random_sample after seed 0 matches numpy to the last bit', () => {
  const rng = new RandomState(0);
  assert.deepEqual(
    [rng.randomSample(), rng.randomSample(), rng.randomSample()],
    [0.5488135039273248, 0.7151893663724195, 0.6027633760716439],
  );
});

test('the largest seed 2^32-1 is accepted and matches numpy', () => {
  const rng = new RandomState(4294967295);
  assert.deepEqual([rng.gauss(), rng.gauss(), rng.gauss()], [0.6484086742306527, 0.6693235306338161, -1.0805437227474493]);
});

test('seeding again resets the cached gaussian, as np.random.seed does', () => {
  const rng = new RandomState(7);
  rng.gauss(); // leaves the pair's second value cached
  rng.seed(7);
  assert.deepEqual([rng.gauss(), rng.gauss()], [1.690525703800356, -0.4659373705408328]);
});

test('shuffle reorders like numpy.random.shuffle', () => {
  const rng = new RandomState(42);
  const a = Uint32Array.from({ length: 10 }, (_, i) => i);
  rng.shuffle(a);
  assert.deepEqual(Array.from(a), [8, 1, 5, 0, 7, 2, 9, 4, 3, 6]);
  rng.seed(1);
  const b = Uint32Array.from({ length: 300 }, (_, i) => i);
  rng.shuffle(b);
  assert.deepEqual(Array.from(b.slice(0, 10)), [189, 123, 185, 213, 106, 127, 176, 73, 275, 242]);
});

test('random_interval stays within [0, max] and covers it', () => {
  const rng = new RandomState(5);
  const seen = new Set<number>();
  for (let i = 0; i < 2000; i++) {
    const v = rng.randomInterval(6);
    assert.ok(Number.isInteger(v) && v >= 0 && v <= 6);
    seen.add(v);
  }
  assert.equal(seen.size, 7);
  assert.equal(rng.randomInterval(0), 0);
});
