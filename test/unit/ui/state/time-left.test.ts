import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../../../src/core/config.ts';
import { makeData } from '../../../../src/core/experiment.ts';
import type { RunEvent } from '../../../../src/engine/protocol.ts';
import { schemeGroups, secondsLeft, timeLeft, workLeft, type LeftClock } from '../../../../src/ui/state/selectors.ts';
import { initialState, reduce, type DashboardState } from '../../../../src/ui/state/reducer.ts';

const DATA = makeData('circles');

/** A run's progress at `iteration`, training at `speed` it/s, `elapsedMs` into its training. */
function at(run: number, iteration: number, speed: number, elapsedMs = (iteration * 1000) / speed): RunEvent {
  return { type: 'progress', run, iteration, cost: 0.5, costAt: iteration - 1, samples: [], itersPerSec: speed, elapsedMs };
}

function failed(run: number): RunEvent {
  return { type: 'finished', run, result: { status: 'failed', scheme: 'he', seed: 3, error: 'no' } };
}

function feed(state: DashboardState, ...events: RunEvent[]): DashboardState {
  return reduce(state, { type: 'events', raceId: state.raceId, events });
}

const seeds = (n: number, threads: number, pace: number): ExperimentConfig => ({ ...DEFAULT_CONFIG, seeds: n, threads, pace });

test('1000 seeds on 3 threads: the time left counts every run still to come, not the three on a thread', () => {
  // 3 schemes × 1000 seeds of 15,000 iterations at 1,500 it/s per run on 3 threads: 10,000 s of work.
  let s = initialState(seeds(1000, 3, 1500), DATA);
  assert.equal(workLeft(s), 3000 * 15000);
  assert.ok(Math.abs(secondsLeft(s)! - 10_000) < 1, `${secondsLeft(s)}`);
  s = feed(s, at(0, 1500, 1500), at(1000, 1500, 1500), at(2000, 1500, 1500));
  const left = secondsLeft(s)!;
  assert.ok(left > 9_990 && left < 10_000, `${left} s — hours, never "10 s left"`);
});

test('the time left is the work left over the measured throughput, and never less than the slowest run needs', () => {
  let s = initialState(seeds(2, 4, 1000), DATA);
  s = feed(s, at(0, 7000, 1000), at(1, 5000, 1000), at(2, 1000, 1000), at(3, 1000, 1000), at(4, 1000, 1000), at(5, 1000, 1000));
  // Work left: 8000 + 10000 + 4 × 14000 = 74,000; measured at 37,000 it/s over the race, 2 s — but a run
  // with 14,000 to go at its pace of 1,000 it/s needs 14 s.
  assert.equal(secondsLeft(s, 37_000), 14);
  assert.equal(secondsLeft(s, 2_000), 37);
});

test('time left never grows while nothing changed: runs ending, seeds waiting and a slower machine only hold it', () => {
  let s = initialState(seeds(1, 3, 1000), DATA);
  s = { ...s, config: { ...s.config, iterations: 10_000 } };
  let clock: LeftClock | undefined = timeLeft(undefined, s, 0);
  const shown: number[] = [clock.shown!];
  // The machine turns out slower than the pace: each run does 500 it/s, half of it.
  for (let t = 1; t <= 8; t++) {
    const i = t * 500;
    s = feed(s, at(0, i, 500, t * 1000), at(1, i, 500, t * 1000), at(2, i, 500, t * 1000));
    clock = timeLeft(clock, s, t * 1000);
    shown.push(clock.shown!);
  }
  for (let k = 1; k < shown.length; k++) assert.ok(shown[k]! <= shown[k - 1]!, `grew: ${shown.join(', ')}`);
  // It held where the pace put it (10 s) until the real estimate (12 s at t = 8) came down... and once
  // the estimate is under what it shows, it follows it down.
  assert.equal(shown[0], 10);
  s = feed(s, at(0, 9000, 500, 18_000), at(1, 9000, 500, 18_000), at(2, 9000, 500, 18_000));
  clock = timeLeft(clock, s, 18_000);
  assert.equal(clock.shown, 2);
});

test('time left may grow when the user changes the pace, and is gone while paused', () => {
  let s = initialState({ ...DEFAULT_CONFIG, pace: 5000 }, DATA);
  let clock = timeLeft(undefined, s, 0);
  assert.equal(clock.shown, 3);
  s = reduce(s, { type: 'pace', faster: false }); // 5000 → 1000
  clock = timeLeft(clock, s, 10);
  assert.equal(clock.shown, 15, 'a slower pace: more time left');
  s = reduce(s, { type: 'togglePause' });
  clock = timeLeft(clock, s, 20);
  assert.equal(clock.shown, undefined);
});

test('a failed run has no work left', () => {
  let s = initialState(DEFAULT_CONFIG, DATA);
  s = feed(s, at(0, 100, 1500), failed(0));
  assert.equal(workLeft(s), 2 * 15000);
});

test('a scheme over many seeds knows how many are done, running and waiting, and its work over all of them', () => {
  let s = initialState(seeds(4, 2, 1000), DATA);
  s = feed(
    s,
    at(0, 15000, 1000),
    { type: 'finished', run: 0, result: { status: 'failed', scheme: 'zeros', seed: 3, error: 'x' } },
    at(1, 3000, 1000),
  );
  const zeros = schemeGroups(s)[0]!.view;
  assert.deepEqual(zeros.seeds, { runs: 4, done: 1, running: 1, waiting: 2, iterations: 18000 });
});
