import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { test } from 'node:test';
import { sweepThreads } from '../../../src/engine/race.ts';

test('without --threads a sweep takes one thread per core, never more than it has models', () => {
  assert.equal(sweepThreads(54), Math.min(54, availableParallelism()));
  assert.equal(sweepThreads(1), 1);
});
