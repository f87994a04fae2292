import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../../src/core/config.ts';
import { makeData, runScheme, type DoneRun, type FinishedRun } from '../../../src/core/experiment.ts';
import type { RunEvent } from '../../../src/engine/protocol.ts';
import { startRace } from '../../../src/engine/race.ts';
import { sleep, waitFor } from '../../support/wait.ts';

const SMALL: ExperimentConfig = { ...DEFAULT_CONFIG, iterations: 3000, every: 500 };
const SCHEMES = ['zeros', 'random', 'he'];
const DATA = makeData('circles');

function done(outcomes: readonly FinishedRun[]): DoneRun[] {
  return outcomes.map((o) => {
    assert.equal(o.status, 'done', o.status === 'failed' ? o.error : '');
    return o as DoneRun;
  });
}

/** What must not depend on threads, pace or pauses: recorded costs, final cost, accuracies, weights. */
function essence(o: DoneRun) {
  return {
    scheme: o.scheme,
    costs: o.costs,
    finalCost: o.finalCost,
    trainAccuracy: o.trainAccuracy,
    testAccuracy: o.testAccuracy,
    W: o.params.W.map((w) => Array.from(w)),
  };
}

const direct = SCHEMES.map((s) => runScheme(SMALL, s, DATA));

test('three runs train at the same time, each on its own thread', async () => {
  // Started paused, each worker posts its starting diagnostics as soon as its thread is up,
  // and then holds its run (a thread trains one run at a time): three starting lines before
  // the resume mean three threads. (This used to rely on runs outlasting the threads'
  // staggered starts, which a loaded machine does not promise.)
  const up = new Set<number>();
  const moved = new Set<number>();
  let movedAtFirstEnd: number | undefined;
  // Paced at 2000 a second, each run takes 1.5 s however fast the machine: time enough
  // for all three to move before one ends, now that all three are up.
  const race = startRace(SMALL, { data: DATA, paused: true, diagnostics: true, pace: 2000 }, (e) => {
    up.add(e.run);
    if (e.type === 'progress' && e.iteration > 0) moved.add(e.run);
    if (e.type === 'finished') movedAtFirstEnd ??= moved.size;
  });
  try {
    await waitFor(() => up.size === 3, { what: () => `three workers up at once (${up.size})` });
    assert.equal(moved.size, 0, 'paused: no run has moved');
    race.resume();
    done(await race.finished);
    assert.equal(movedAtFirstEnd, 3, 'every run trained before any run finished');
  } finally {
    await race.cancel();
  }
});

test('results through the engine equal the core run directly on this thread', async () => {
  const outcomes = done(await startRace(SMALL, { data: DATA }, () => {}).finished);
  outcomes.forEach((o, k) => {
    const d = direct[k]!;
    assert.deepEqual(essence(o), {
      scheme: d.scheme,
      costs: d.costs,
      finalCost: d.finalCost,
      trainAccuracy: d.trainAccuracy,
      testAccuracy: d.testAccuracy,
      W: d.params.W.map((w) => Array.from(w)),
    });
    assert.ok(o.seconds > 0);
  });
});

test('events of a run arrive in iteration order and its last progress precedes done', async () => {
  const events: RunEvent[] = [];
  const race = startRace(SMALL, { data: DATA, traceEvery: 10 }, (e) => events.push(e));
  done(await race.finished);
  for (let run = 0; run < SCHEMES.length; run++) {
    const mine = events.filter((e) => e.run === run);
    const kinds = mine.map((e) => e.type);
    assert.equal(kinds.at(-1), 'finished');
    assert.ok(kinds.slice(0, -1).every((k) => k === 'progress'));
    let lastIteration = -1;
    let lastSample = -1;
    for (const e of mine) {
      if (e.type !== 'progress') continue;
      assert.ok(e.iteration >= lastIteration, 'iterations never go back');
      lastIteration = e.iteration;
      for (const [i] of e.samples) {
        assert.ok(i > lastSample, 'samples in order, none twice');
        lastSample = i;
      }
    }
    assert.equal(lastIteration, SMALL.iterations, 'the last progress reports the last iteration');
    assert.equal(lastSample, SMALL.iterations - 1, 'every trace sample arrived, the last iteration included');
  }
});

test('progress is batched: at most ~30 events a second per run however fast it trains', async () => {
  const config = { ...DEFAULT_CONFIG, iterations: 6000, every: 1 };
  const counts = [0, 0, 0];
  const t0 = performance.now();
  const race = startRace(config, { data: DATA, traceEvery: 1 }, (e) => {
    if (e.type === 'progress') counts[e.run]!++;
  });
  done(await race.finished);
  const secondsTaken = (performance.now() - t0) / 1000;
  for (const c of counts) assert.ok(c <= 30 * secondsTaken + 3, `${c} events in ${secondsTaken.toFixed(2)} s`);
});

test('pause, single steps, resume and a pace leave every number unchanged', async () => {
  const events: RunEvent[] = [];
  const race = startRace(SMALL, { data: DATA, paused: true }, (e) => events.push(e));
  try {
    assert.equal(race.paused, true);
    for (let k = 0; k < 5; k++) race.step();
    // Five single steps: every run reports iteration 5 and the cost of iteration 4.
    const progressOf = (run: number) => events.filter((e) => e.type === 'progress' && e.run === run).at(-1);
    const iterationOf = (run: number) => (progressOf(run) as { iteration: number } | undefined)?.iteration;
    await waitFor(() => SCHEMES.every((_, run) => iterationOf(run) === 5), {
      what: () => `every run at iteration 5: ${SCHEMES.map((_, run) => iterationOf(run))}`,
    });
    for (let run = 0; run < 3; run++) {
      const p = progressOf(run);
      assert.ok(p && p.type === 'progress', `run ${run} reported`);
      assert.equal(p.iteration, 5);
      assert.equal(p.costAt, 4);
    }
    // The point of the test, not a readiness wait: a while later, paused runs have not moved.
    await sleep(100);
    assert.ok(
      SCHEMES.every((_, run) => iterationOf(run) === 5),
      'paused runs stay put',
    );
    race.setPace(2000);
    race.resume();
    // Paced runs move (on a loaded machine a thread may start late: wait for each, not a fixed time).
    await waitFor(() => SCHEMES.every((_, run) => iterationOf(run)! > 5), {
      what: () => `every paced run past 5: ${SCHEMES.map((_, run) => iterationOf(run))}`,
    });
    race.pause();
    // A worker sends no word that it has seen the pause: it posts what it trained before
    // it saw it, then falls silent. So the pause has taken hold once no event has come for
    // ten of its posting intervals (33 ms); the count of events is the observable.
    let seen = events.length;
    let quietSince = performance.now();
    await waitFor(
      () => {
        if (events.length !== seen) [seen, quietSince] = [events.length, performance.now()];
        return performance.now() - quietSince >= 330;
      },
      { what: 'the paced runs to fall silent after the pause' },
    );
    const held = SCHEMES.map((_, run) => iterationOf(run)!);
    assert.ok(
      held.every((i) => i > 5 && i < SMALL.iterations),
      `paced, then paused mid-way: ${held}`,
    );
    // The point of the test: a while later, nothing has moved.
    await sleep(150);
    assert.deepEqual(
      SCHEMES.map((_, run) => iterationOf(run)),
      held,
      'paused again',
    );
    race.setPace(0);
    race.resume();
    const outcomes = done(await race.finished);
    outcomes.forEach((o, k) => {
      assert.deepEqual(o.costs, direct[k]!.costs);
      assert.equal(o.finalCost, direct[k]!.finalCost);
      assert.equal(o.trainAccuracy, direct[k]!.trainAccuracy);
      assert.deepEqual(
        essence(o).W,
        direct[k]!.params.W.map((w) => Array.from(w)),
      );
    });
  } finally {
    await race.cancel();
  }
});

test('a pace is honoured: 600 iterations at 2000 a second take about 0.3 s', async () => {
  const config = { ...DEFAULT_CONFIG, iterations: 600, every: 100, schemes: ['he'] };
  const t0 = performance.now();
  const race = startRace(config, { data: DATA, pace: 2000 }, () => {});
  done(await race.finished);
  const took = performance.now() - t0;
  assert.ok(took >= 280, `took ${took.toFixed(0)} ms`);
});

test('a slow pace is honoured with the live diagnostics on: their steps count, 30 iterations at 10 a second take 3 s', async () => {
  const config = { ...DEFAULT_CONFIG, iterations: 30, every: 10, schemes: ['he'] };
  const t0 = performance.now();
  done(await startRace(config, { data: DATA, pace: 10, diagnostics: true }, () => {}).finished);
  const took = performance.now() - t0;
  // The diagnosed steps used to go beside the schedule: the run took 2 s, half again as fast as asked.
  assert.ok(took >= 2600, `took ${took.toFixed(0)} ms`);
});

test('a pace beyond what the kernel can do still reports progress about 30 times a second', async () => {
  const config = { ...DEFAULT_CONFIG, iterations: 60_000, every: 1000, schemes: ['he'] };
  const progress: number[] = [];
  const race = startRace(config, { data: DATA, pace: 100_000_000 }, (e) => {
    if (e.type === 'progress') progress.push(performance.now());
  });
  done(await race.finished);
  assert.ok(progress.length >= 5, `${progress.length} progress events`);
});

test('one thread for three schemes gives the same numbers (--threads 1)', async () => {
  const outcomes = done(await startRace({ ...SMALL, threads: 1 }, { data: DATA }, () => {}).finished);
  outcomes.forEach((o, k) => assert.deepEqual(o.costs, direct[k]!.costs));
});

for (const kind of ['throw', 'exit'] as const) {
  test(`a worker that ${kind === 'throw' ? 'throws' : 'exits'} is reported failed and the other runs finish`, async () => {
    const events: RunEvent[] = [];
    const race = startRace(SMALL, { data: DATA, fault: { kind, scheme: 'random', at: 700 } }, (e) => events.push(e));
    const outcomes = await race.finished;
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['done', 'failed', 'done'],
    );
    const failed = outcomes[1]!;
    assert.equal(failed.status, 'failed');
    if (failed.status === 'failed') {
      assert.equal(failed.scheme, 'random');
      assert.ok(failed.error.length > 0);
      if (kind === 'throw') assert.match(failed.error, /injected fault.*iteration 700/);
    }
    assert.ok(
      events.some((e) => e.type === 'finished' && e.result.status === 'failed' && e.run === 1),
      'the failure is an event too',
    );
    assert.deepEqual((outcomes[2] as DoneRun).costs, direct[2]!.costs);
  });
}

test('cancel stops every worker promptly and leaves nothing keeping the process alive', () => {
  const fixture = fileURLToPath(new URL('../../fixtures/cancel-race.ts', import.meta.url));
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', fixture], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { cancelMs: number; eventsAfterCancel: number };
  assert.ok(report.cancelMs < 2000, `cancel took ${report.cancelMs} ms`);
  assert.equal(report.eventsAfterCancel, 0);
  assert.ok(Date.now() - t0 < 25_000, 'the process exited by itself');
});
