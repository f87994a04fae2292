import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configFrom } from '../../../src/core/config.ts';
import { makeData, Run, runsOf, type DoneRun } from '../../../src/core/experiment.ts';
import type { RunEvent } from '../../../src/engine/protocol.ts';
import { startRace } from '../../../src/engine/race.ts';

test("startRace trains a sweep on the pool: every model on its cell's network, each as if trained alone", async () => {
  const config = configFrom({ sweep: 'gain=0.5..2:2,depth=1..2', seeds: '2', iterations: '60', every: '20' });
  const data = makeData('circles');
  const events: RunEvent[] = [];
  const outcomes = await startRace(config, { data }, (e) => events.push(e)).finished;
  const specs = runsOf(config);
  assert.equal(outcomes.length, 8);
  outcomes.forEach((o, k) => {
    assert.equal(o.status, 'done');
    const r = o as DoneRun;
    assert.equal(r.scheme, specs[k]!.scheme);
    assert.equal(r.seed, specs[k]!.seed);
    assert.deepEqual(r.params.layers, specs[k]!.layers);
    const alone = new Run(config, specs[k]!, data);
    alone.advance(config.iterations);
    const want = alone.result();
    assert.deepEqual(
      [r.costs, r.finalCost, r.trainAccuracy, r.testAccuracy],
      [want.costs, want.finalCost, want.trainAccuracy, want.testAccuracy],
    );
  });
  const finished = events
    .filter((e) => e.type === 'finished')
    .map((e) => e.run)
    .sort((a, b) => a - b);
  assert.deepEqual(finished, [0, 1, 2, 3, 4, 5, 6, 7], 'one finished event per model, tagged with its index');
});
