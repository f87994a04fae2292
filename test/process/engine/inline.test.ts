import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../../src/core/config.ts';
import { makeData, type CostPoint, type DoneRun, type FinishedRun } from '../../../src/core/experiment.ts';
import type { RunEvent } from '../../../src/engine/protocol.ts';
import { startRace, type RaceOptions } from '../../../src/engine/race.ts';
import { sleep, waitFor } from '../../support/wait.ts';

const DATA = makeData('circles');

/** A race with all it said: the trace samples in order, the 'finished' events, the outcomes, and when each event came. */
async function record(config: ExperimentConfig, rc: RaceOptions) {
  const samples: CostPoint[] = [];
  const finished: FinishedRun[] = [];
  const progressAt: number[] = [];
  const race = startRace(config, rc, (e: RunEvent) => {
    if (e.type === 'progress') {
      samples.push(...e.samples);
      progressAt.push(performance.now());
    } else finished.push(e.result);
  });
  const outcomes = await race.finished;
  return { samples, finished, outcomes, progressAt };
}

/** Everything but the time it took: bit for bit. */
function withoutSeconds(o: FinishedRun | undefined) {
  assert.ok(o && o.status === 'done', o && o.status === 'failed' ? o.error : 'no outcome');
  const { seconds, ...rest } = o as DoneRun;
  assert.ok(seconds > 0);
  return {
    ...rest,
    params: { layers: rest.params.layers, W: rest.params.W.map((w) => Array.from(w)), b: rest.params.b.map((b) => Array.from(b)) },
  };
}

for (const scheme of ['he', 'random', 'zeros']) {
  test(`one ${scheme} run trained inline gives the pool's trace and FinishedRun, bit for bit`, async () => {
    // random (×10) is chaotic under rounding: any difference in one operation would show in its costs.
    const config: ExperimentConfig = { ...DEFAULT_CONFIG, schemes: [scheme], iterations: 4000, every: 250 };
    const rc = { data: DATA, traceEvery: 7 };
    const inline = await record(config, { ...rc, inline: true });
    const pool = await record(config, rc);
    assert.deepEqual(inline.samples, pool.samples);
    assert.equal(inline.samples.length, Math.ceil(4000 / 7) + 1, 'every trace sample, and the last iteration');
    assert.equal(inline.finished.length, 1, 'one finished event');
    assert.deepEqual(withoutSeconds(inline.finished[0]), withoutSeconds(pool.finished[0]));
    assert.deepEqual(withoutSeconds(inline.outcomes[0]), withoutSeconds(pool.outcomes[0]));
    // The same object reaches the event and the outcome, as on the pool.
    assert.equal(inline.finished[0], inline.outcomes[0]);
  });
}

test('an inline run yields to the event loop between batches: a timer keeps firing while it trains', async () => {
  const config: ExperimentConfig = { ...DEFAULT_CONFIG, schemes: ['he'], iterations: 30_000 };
  let last = performance.now();
  let worst = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
    ticks++;
  }, 2);
  try {
    const t0 = performance.now();
    const { outcomes, progressAt } = await record(config, { data: DATA, inline: true });
    const ms = performance.now() - t0;
    assert.equal(outcomes[0]?.status, 'done');
    // Batches aim at 4 ms; a loaded machine may stretch one, never to the whole run.
    assert.ok(worst < Math.max(100, ms / 4), `longest gap between ticks ${worst.toFixed(0)} ms in a ${ms.toFixed(0)} ms run`);
    assert.ok(ticks > 10, `${ticks} ticks`);
    assert.ok(progressAt.length >= 2, 'progress came while it trained');
  } finally {
    clearInterval(timer);
  }
});

test('cancelling an inline run settles it as cancelled at once, and no event follows', async () => {
  const events: RunEvent[] = [];
  const config: ExperimentConfig = { ...DEFAULT_CONFIG, schemes: ['he'], iterations: 10_000_000 };
  const race = startRace(config, { data: DATA, inline: true, traceEvery: 1000 }, (e) => events.push(e));
  await waitFor(() => events.some((e) => e.type === 'progress' && e.iteration > 0), { interval: 5, what: 'the first progress' });
  const t0 = performance.now();
  await race.cancel();
  const outcomes = await race.finished;
  assert.ok(performance.now() - t0 < 50, 'cancel returns at once');
  assert.deepEqual(outcomes, [{ status: 'failed', scheme: 'he', seed: 3, error: 'cancelled' }]);
  const count = events.length;
  // The point of the test: a while after the cancel, still no event.
  await sleep(100);
  assert.equal(events.length, count, 'nothing after cancel');
  assert.ok(!events.some((e) => e.type === 'finished'), 'a cancelled run has no finished event');
});

test('an inline run paused at the start trains only the single steps asked for, then finishes with the same numbers', async () => {
  const config: ExperimentConfig = { ...DEFAULT_CONFIG, schemes: ['he'], iterations: 2000, every: 100 };
  const progress: Extract<RunEvent, { type: 'progress' }>[] = [];
  const race = startRace(config, { data: DATA, inline: true, paused: true }, (e) => {
    if (e.type === 'progress') progress.push(e);
  });
  assert.equal(race.paused, true);
  for (let k = 0; k < 3; k++) race.step();
  await waitFor(() => progress.at(-1)?.iteration === 3, { interval: 10, what: () => `iteration 3, at ${progress.at(-1)?.iteration}` });
  assert.equal(progress.at(-1)?.costAt, 2);
  // The point of the test: a while later, the paused run has not moved.
  await sleep(50);
  assert.equal(progress.at(-1)?.iteration, 3, 'paused, it stays put');
  race.resume();
  const [o] = await race.finished;
  const { outcomes } = await record(config, { data: DATA });
  assert.deepEqual(withoutSeconds(o), withoutSeconds(outcomes[0]));
});

test('an inline run honours a pace: 600 iterations at 2000 a second take about 0.27 s', async () => {
  const config: ExperimentConfig = { ...DEFAULT_CONFIG, schemes: ['he'], iterations: 600, every: 100 };
  const t0 = performance.now();
  const { outcomes } = await record(config, { data: DATA, inline: true, pace: 2000 });
  const took = performance.now() - t0;
  assert.equal(outcomes[0]?.status, 'done');
  // Batches of ⌈2000 / 30⌉ = 67 iterations, each due 67 / 2000 s after the one before: the
  // ninth and last starts at 8 × 33.5 ms (no worker to start adds to that here).
  assert.ok(took >= 265, `took ${took.toFixed(0)} ms`);
});

test('a run with a fault to inject goes to a worker even when inline is asked for', async () => {
  const config: ExperimentConfig = { ...DEFAULT_CONFIG, schemes: ['he'], iterations: 1000 };
  const { outcomes } = await record(config, { data: DATA, inline: true, fault: { kind: 'exit', scheme: 'he', at: 500 } });
  // An 'exit' fault inline would have ended this process; on a worker it ends only the thread.
  assert.equal(outcomes[0]?.status, 'failed');
});
