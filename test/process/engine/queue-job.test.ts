import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../../src/core/config.ts';
import type { FinishedRun } from '../../../src/core/experiment.ts';
import { runScheme } from '../../../src/core/experiment.ts';
import { decodeResult, encodeResult, experimentKey, jobData, jobId } from '../../../src/engine/queue/job.ts';

const sweep: ExperimentConfig = { ...DEFAULT_CONFIG, iterations: 300, sweep: { gain: { from: 0.5, to: 2, count: 3 } } };

test("a job's key depends on what decides the numbers, not on threads, kernel, pace or the order of the fields", () => {
  const key = experimentKey(sweep);
  assert.match(key, /^[0-9a-f]{32}$/);
  assert.equal(experimentKey({ ...sweep, threads: 7, kernel: 'generic', pace: 50 }), key);
  const reordered = Object.fromEntries(Object.entries(sweep).reverse()) as unknown as ExperimentConfig;
  assert.equal(experimentKey(reordered), key);
  assert.notEqual(experimentKey({ ...sweep, iterations: 301 }), key);
  assert.notEqual(experimentKey({ ...sweep, seeds: 2 }), key);
  assert.notEqual(experimentKey({ ...sweep, sweep: { gain: { from: 0.5, to: 2, count: 4 } } }), key);
  assert.equal(jobId(key, 12), `${key}-12`);
  assert.ok(!jobId(key, 0).includes(':'), 'BullMQ refuses custom ids with a colon');
  const data = jobData({ ...sweep, threads: 3 }, 2);
  assert.equal(data.index, 2);
  assert.equal(data.config.threads, undefined);
});

test('a finished run survives the trip through text bit for bit: infinities, NaN, -0 and every weight', () => {
  const done = runScheme({ ...DEFAULT_CONFIG, iterations: 300, every: 100 }, 'random');
  const odd: FinishedRun = { ...done, finalCost: NaN, costs: [[0, Infinity], [100, -0], [200, -Infinity], ...done.costs.slice(1)] };
  const back = decodeResult(encodeResult(odd));
  assert.deepEqual(back, odd);
  assert.ok(back.status === 'done' && Object.is(back.costs[1]![1], -0) && Number.isNaN(back.finalCost));
  assert.ok(back.status === 'done' && back.params.W[0] instanceof Float64Array);
  const bits = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
  if (back.status === 'done') done.params.W.forEach((w, l) => assert.equal(bits(back.params.W[l]!), bits(w)));
  const failed: FinishedRun = { status: 'failed', scheme: 'gain:1', seed: 3, error: 'boom' };
  assert.deepEqual(decodeResult(encodeResult(failed)), failed);
});
