import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configFrom, LIMITS, recordEvery, SWEEP_RECORDED_PER_MODEL } from '../../../src/core/config.ts';
import { makeData, Run, runsOf } from '../../../src/core/experiment.ts';
import { modelCount } from '../../../src/core/sweep.ts';

test('--every does not count against the cost limit for a sweep, whose document records no costs', () => {
  const sweep = configFrom({ sweep: 'gain=0.5..2:10,depth=1..10', seeds: '100', iterations: '2000000', every: '1' });
  assert.equal(modelCount(sweep.sweep!, sweep.seeds), 10_000);
  assert.equal(sweep.every, 1, 'taken as given');
  assert.throws(
    () => configFrom({ schemes: 'he', seeds: '100', iterations: '2000000', every: '1' }),
    /--every 1 with --iterations 2000000 would record 200,000,000 costs/,
    'a race still counts every cost it would print',
  );
});

test('a sweep records at --every where a model keeps at most 1,000 costs, coarser where it would keep more', () => {
  const at = (iterations: number, every: number) =>
    recordEvery(configFrom({ sweep: 'gain=1..2:2', iterations: String(iterations), every: String(every) }));
  assert.equal(at(15000, 1000), 1000, "the default: the race's interval");
  assert.equal(at(2000, 1), 2);
  assert.equal(at(2_000_000, 1), 2000);
  assert.equal(at(999, 1), 1);
  assert.equal(recordEvery(configFrom({ iterations: '2000000', every: '7', schemes: 'he' })), 7, 'a race: --every exactly');
  assert.ok(LIMITS.sweepModels * SWEEP_RECORDED_PER_MODEL <= LIMITS.recordedCosts, 'the largest sweep fits the limit');
});

test("a sweep's model keeps at most 1,000 costs, at the interval recordEvery says", () => {
  const config = configFrom({ sweep: 'gain=1..2:2', iterations: '4500', every: '1', layers: '2,3,1' });
  const run = new Run(config, runsOf(config)[0]!, makeData('circles'));
  run.advance(config.iterations);
  const costs = run.result().costs;
  assert.equal(costs.length, 900);
  assert.deepEqual(
    costs.slice(0, 3).map(([i]) => i),
    [0, 5, 10],
  );
  assert.equal(costs.at(-1)?.[0], 4495);
});
