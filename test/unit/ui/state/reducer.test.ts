import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../../../src/core/config.ts';
import { diagnoseAt } from '../../../../src/core/diagnostics.ts';
import { makeData, type CostPoint } from '../../../../src/core/experiment.ts';
import { nextPace, PACES, perSecond } from '../../../../src/core/pace.ts';
import type { RunEvent } from '../../../../src/engine/protocol.ts';
import { appendTrace, doneOf, failureOf, statusOf, TRACE_CAP } from '../../../../src/ui/state/runs.ts';
import { raceFinished, secondsLeft } from '../../../../src/ui/state/selectors.ts';
import { initialState, reduce, type Action, type DashboardState } from '../../../../src/ui/state/reducer.ts';

const SCHEMES = ['zeros', 'random', 'he'];
const params = { layers: [2, 1], W: [new Float64Array(2)], b: [new Float64Array(1)] };

function progress(run: number, iteration: number, samples: CostPoint[], cost = samples.at(-1)?.[1] ?? NaN): RunEvent {
  return { type: 'progress', run, iteration, cost, costAt: samples.at(-1)?.[0] ?? -1, samples, itersPerSec: 1000, elapsedMs: iteration };
}

function done(run: number, finalCost: number, trainAccuracy = 0.5): RunEvent {
  return {
    type: 'finished',
    run,
    result: {
      status: 'done',
      scheme: SCHEMES[run]!,
      seed: 3,
      costs: [[0, 1]],
      finalCost,
      trainAccuracy,
      testAccuracy: 0.5,
      seconds: 1,
      params,
      diagnostics: { start: diag, end: diag },
    },
  };
}

const DATA = makeData('circles');
const diag = diagnoseAt(params, 0.01, DATA.train, DATA.test);

function feed(state: DashboardState, ...events: RunEvent[]): DashboardState {
  return reduce(state, { type: 'events', raceId: state.raceId, events });
}

test('progress events move the lanes and fill the traces in order', () => {
  let s = initialState({ ...DEFAULT_CONFIG, iterations: 100 }, DATA);
  assert.deepEqual(
    s.runs.map((r) => statusOf(r, s.paused)),
    ['waiting', 'waiting', 'waiting'],
  );
  s = feed(
    s,
    progress(0, 10, [
      [0, 0.69],
      [5, 0.69],
    ]),
    progress(2, 20, [
      [0, 0.88],
      [10, 0.7],
    ]),
  );
  assert.equal(s.runs[0]!.iteration, 10);
  assert.equal(s.runs[2]!.cost, 0.7);
  assert.deepEqual(s.runs[2]!.trace, [
    [0, 0.88],
    [10, 0.7],
  ]);
  assert.equal(statusOf(s.runs[0]!, false), 'running');
  assert.equal(statusOf(s.runs[1]!, false), 'waiting');
  assert.equal(statusOf(s.runs[0]!, true), 'paused');
});

test('the ×10 start at +∞ is running, a NaN cost is diverged, a failure is failed', () => {
  let s = initialState(DEFAULT_CONFIG, DATA);
  s = feed(s, progress(1, 1, [[0, Infinity]]), progress(2, 50, [[40, NaN]]));
  assert.equal(statusOf(s.runs[1]!, false), 'running');
  assert.equal(statusOf(s.runs[2]!, false), 'diverged');
  s = feed(s, { type: 'finished', run: 0, result: { status: 'failed', scheme: 'zeros', seed: 3, error: 'boom' } });
  assert.equal(statusOf(s.runs[0]!, false), 'failed');
  assert.equal(failureOf(s.runs[0]!), 'boom');
  assert.equal(raceFinished(s), false);
});

test('done events finish the race and keep the results', () => {
  let s = initialState(DEFAULT_CONFIG, DATA);
  s = feed(s, done(0, 0.69), done(1, 0.38, 0.83));
  assert.equal(raceFinished(s), false);
  s = feed(s, done(2, Infinity));
  assert.equal(raceFinished(s), true);
  assert.equal(doneOf(s.runs[1]!)?.trainAccuracy, 0.83);
  assert.equal(statusOf(s.runs[1]!, false), 'done');
  assert.equal(statusOf(s.runs[2]!, false), 'diverged', 'finishing on a non-finite cost is divergence');
});

test('events of an old race are ignored after a restart', () => {
  let s = initialState(DEFAULT_CONFIG, DATA);
  const oldId = s.raceId;
  s = feed(s, progress(0, 10, [[0, 0.69]]));
  s = reduce(s, { type: 'restart' });
  assert.equal(s.runs[0]!.iteration, 0);
  assert.deepEqual(s.runs[0]!.trace, []);
  const after = reduce(s, { type: 'events', raceId: oldId, events: [progress(0, 99, [[90, 0.5]])] });
  assert.equal(after, s, 'same state object: nothing changed');
});

test('navigation: open, back, help over any view, panels and the chart cursor', () => {
  const steps: [Action, Partial<DashboardState>][] = [
    [
      { type: 'select', run: 2 },
      { selected: 2, view: 'race' },
    ],
    [{ type: 'open' }, { view: 'detail', selected: 2 }],
    [{ type: 'toggleHelp' }, { view: 'help' }],
    [{ type: 'back' }, { view: 'detail' }],
    [
      { type: 'open', run: 0 },
      { view: 'detail', selected: 0 },
    ],
    [{ type: 'back' }, { view: 'race' }],
    [{ type: 'nextPanel' }, { panel: 'chart' }],
    [{ type: 'moveCursor', by: -0.25 }, { cursor: 0.75 }],
    [{ type: 'moveCursor', by: 5 }, { cursor: 1 }],
    [{ type: 'back' }, { panel: 'runs' }],
    [{ type: 'select', run: 7 }, { selected: 0 }],
    [{ type: 'toggleLog' }, { logScale: true }],
  ];
  let s = initialState(DEFAULT_CONFIG, DATA);
  for (const [action, expected] of steps) {
    s = reduce(s, action);
    for (const [k, v] of Object.entries(expected)) assert.equal(s[k as keyof DashboardState], v, `${JSON.stringify(action)} → ${k}`);
  }
});

test('the trace stays bounded and evenly spread however long the run', () => {
  let trace: readonly CostPoint[] = [];
  let stride = 1;
  for (let i = 0; i < 100_000; i += 10) {
    const r = appendTrace(trace, stride, [[i, 1 / (i + 1)]]);
    trace = r.trace;
    stride = r.stride;
  }
  assert.ok(trace.length <= TRACE_CAP, `${trace.length} points`);
  assert.ok(trace.length >= TRACE_CAP / 2);
  assert.equal(trace[0]![0], 0);
  assert.ok(trace.at(-1)![0] > 99_000, 'recent points are kept');
  for (let k = 1; k < trace.length; k++) assert.ok(trace[k]![0] > trace[k - 1]![0]);
});

test('pace steps through the list from wherever it is, and stops at both ends', () => {
  assert.equal(nextPace(0, true), 0, 'max is the fastest');
  assert.equal(nextPace(0, false), 20000);
  assert.equal(nextPace(PACES[0], false), PACES[0]);
  assert.equal(nextPace(1000, true), 5000);
  assert.equal(nextPace(20000, true), 0, '+ reaches max');
  assert.equal(nextPace(1500, false), 1000, 'the auto pace of the notebook race steps down to 1000');
  assert.equal(nextPace(1500, true), 5000);
});

test('the auto pace makes any race last about ten seconds; max and a number are taken as they are', () => {
  assert.equal(perSecond('auto', 15000), 1500);
  assert.equal(perSecond('auto', 7), 1);
  assert.equal(perSecond('max', 15000), 0);
  assert.equal(perSecond(250, 15000), 250);
  const s = initialState(DEFAULT_CONFIG, DATA);
  assert.equal(s.pace, 1500);
  const fast = reduce(reduce(s, { type: 'pace', faster: true }), { type: 'pace', faster: true });
  assert.equal(fast.pace, 20000);
  assert.equal(reduce(fast, { type: 'restart' }).pace, 20000, 'r keeps the pace the keys chose');
  assert.equal(reduce(fast, { type: 'restart', config: { ...DEFAULT_CONFIG, pace: 'max' } }).pace, 0, 'a new experiment brings its own');
});

test('time left: the slowest run at the pace; nothing while paused or once finished', () => {
  let s = initialState({ ...DEFAULT_CONFIG, iterations: 3000, pace: 100 }, DATA);
  s = feed(s, progress(0, 1000, [[0, 0.7]]), progress(1, 2000, [[0, 0.7]]), progress(2, 2900, [[0, 0.7]]));
  assert.equal(secondsLeft(s), 20);
  assert.equal(secondsLeft(reduce(s, { type: 'togglePause' })), undefined);
});

test('the help overlay scrolls by lines, pages and to its ends, within 0 … max, and opens at its top', () => {
  let s = reduce(initialState(DEFAULT_CONFIG, makeData('circles')), { type: 'toggleHelp' });
  assert.equal(s.helpScroll, 0);
  s = reduce(s, { type: 'scrollHelp', by: -1, max: 11, page: 17 });
  assert.equal(s.helpScroll, 0, 'not above the top');
  s = reduce(s, { type: 'scrollHelp', by: 1, max: 11, page: 17 });
  assert.equal(s.helpScroll, 1);
  s = reduce(s, { type: 'scrollHelp', by: 1, pages: true, max: 11, page: 17 });
  assert.equal(s.helpScroll, 11, 'a page, held at the end');
  s = reduce(s, { type: 'scrollHelp', by: -Infinity, max: 11 });
  assert.equal(s.helpScroll, 0);
  s = reduce(s, { type: 'scrollHelp', by: Infinity, max: 11 });
  assert.equal(s.helpScroll, 11);
  s = reduce(reduce(s, { type: 'toggleHelp' }), { type: 'toggleHelp' });
  assert.equal(s.helpScroll, 0, 'opened again at the top');
});
