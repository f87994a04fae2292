import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../../../../src/core/config.ts';
import { makeData } from '../../../../../src/core/experiment.ts';
import type { RunEvent } from '../../../../../src/engine/protocol.ts';
import { initialState, reduce, type DashboardState } from '../../../../../src/ui/state/reducer.ts';
import { schemeGroups } from '../../../../../src/ui/state/selectors.ts';
import { laneText } from '../../../../../src/ui/views/race/lane.ts';

const DATA = makeData('circles');

function at(run: number, iteration: number, speed: number, elapsedMs: number): RunEvent {
  return { type: 'progress', run, iteration, cost: 0.5, costAt: iteration - 1, samples: [], itersPerSec: speed, elapsedMs };
}

function feed(state: DashboardState, ...events: RunEvent[]): DashboardState {
  return reduce(state, { type: 'events', raceId: state.raceId, events });
}

const lanes = (s: DashboardState, width = 118) =>
  schemeGroups(s).map((g, k) => laneText(g.view, k, s.config.iterations, s.paused, s.pace, width, false));

test('lanes say whether each run keeps the pace, not how fast its scheme is', () => {
  let s = initialState({ ...DEFAULT_CONFIG, pace: 1500 }, DATA);
  // On a loaded machine he gets 850 it/s against the pace of 1,500, the others keep it.
  for (let t = 1; t <= 20; t++) s = feed(s, at(0, t * 150, 1500, t * 100), at(1, t * 150, 1480, t * 100), at(2, t * 85, 850, t * 100));
  const [zeros, random, he] = lanes(s);
  assert.match(zeros!, /on pace running/);
  assert.match(random!, /on pace running/, 'a frame a little under the pace is still on pace');
  assert.match(he!, /behind pace, machine busy running/);
  assert.doesNotMatch(he!, /it\/s/);
  // In a narrow terminal the short form; every lane's columns line up.
  const narrow = lanes(s, 70);
  assert.match(narrow[2]!, /behind pace running/);
  assert.equal(new Set(lanes(s).map((l) => l.length)).size, 1);
});

test('a new pace is measured again before a lane says it is behind', () => {
  let s = initialState({ ...DEFAULT_CONFIG, pace: 1000 }, DATA);
  for (let t = 1; t <= 10; t++) s = feed(s, at(0, t * 100, 1000, t * 100));
  s = reduce(s, { type: 'pace', faster: true }); // 1000 → 5000
  assert.match(lanes(s)[0]!, / – running/, 'nothing said until the new speed is known');
  s = feed(s, at(0, 1500, 5000, 1100));
  assert.match(lanes(s)[0]!, /on pace running/);
});

test('at max pace a lane shows its speed; paused, a dash', () => {
  let s = initialState({ ...DEFAULT_CONFIG, pace: 'max' }, DATA);
  s = feed(s, at(0, 5000, 20_000, 250));
  assert.match(lanes(s)[0]!, /20,000 it\/s running/);
  assert.match(lanes(reduce(s, { type: 'togglePause' }))[0]!, / – paused/);
});

test('a scheme over 1000 seeds on 3 threads reads done / running / waiting, not "0/15,000 waiting"', () => {
  let s = initialState({ ...DEFAULT_CONFIG, seeds: 1000, threads: 3, pace: 1500 }, DATA);
  s = feed(s, at(0, 3000, 1500, 2000), at(1000, 3000, 1500, 2000), at(2000, 3000, 1500, 2000));
  const [zeros] = lanes(s);
  assert.match(zeros!, /0 done · +1 running · +999 waiting/);
  assert.match(zeros!, /on pace running/);
  assert.doesNotMatch(zeros!, /waiting\s*$/);
});
