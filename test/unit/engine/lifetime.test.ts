import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultThreads } from '../../../src/engine/race.ts';

test('the default thread count: one per run, at most the cores, but a race of up to 8 schemes side by side', () => {
  assert.equal(defaultThreads(3, 3, 2), 3, 'the notebook race on 2 cores still races its 3 schemes');
  assert.equal(defaultThreads(1, 1, 16), 1);
  assert.equal(defaultThreads(200, 200, 2), 8, '200 schemes: 8 threads, not 200');
  assert.equal(defaultThreads(1000, 1000, 2), 8);
  assert.equal(defaultThreads(3000, 3, 2), 3, 'a 1000-seed sweep of 3 schemes on 2 cores');
  assert.equal(defaultThreads(3000, 3, 16), 16, 'on 16 cores, 16');
  assert.equal(defaultThreads(12, 12, 32), 12);
});
