import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../../src/core/config.ts';
import { makeData, runScheme } from '../../../src/core/experiment.ts';
import { classifyGrid, macsPerPoint, resample, snapshot, snapshotSide, SNAPSHOT_SIDE } from '../../../src/engine/boundary.ts';

test('a boundary snapshot of a small network has 64² pixels; a wide one fewer; one too deep for 8² none', () => {
  assert.equal(macsPerPoint([2, 10, 5, 1]), 75);
  assert.equal(snapshotSide([2, 10, 5, 1]), SNAPSHOT_SIDE);
  assert.equal(snapshotSide([2, 256, 256, 256, 1]), 12);
  assert.equal(snapshotSide([2, ...Array.from({ length: 64 }, () => 256), 1]), 0);
  for (const layers of [
    [2, 10, 5, 1],
    [2, 256, 256, 256, 1],
    [2, 32, 32, 32, 32, 1],
  ]) {
    const side = snapshotSide(layers);
    assert.ok(side * side * macsPerPoint(layers) <= 20e6, `${layers}: within the budget`);
  }
});

test('a snapshot is the network’s own classification of the plane, and resampling it to the snapshot’s size gives it back', () => {
  const config = { ...DEFAULT_CONFIG, iterations: 3000 };
  const he = runScheme(config, 'he', makeData('circles'));
  const b = snapshot(he.params, 3000)!;
  assert.equal(b.at, 3000);
  assert.deepEqual(b.classes, classifyGrid(he.params, 64, 64));
  assert.deepEqual(resample(b, 64, 64), b.classes);
  // The centre of the plane is the inner circle (class 1) once He has learned, the corners the outer (class 0).
  const half = resample(b, 2, 2);
  assert.equal(half.length, 4);
  const mid = resample(b, 3, 3);
  assert.equal(mid[4], 1, 'centre predicted 1');
  assert.deepEqual([mid[0], mid[2], mid[6], mid[8]], [0, 0, 0, 0], 'corners predicted 0');
});
