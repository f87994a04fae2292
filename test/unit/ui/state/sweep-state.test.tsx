import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stripVTControlCharacters } from 'node:util';
import { render } from 'ink-testing-library';
import { configFrom } from '../../../../src/core/config.ts';
import { makeData, runsOf, type DoneRun } from '../../../../src/core/experiment.ts';
import { zeroParams } from '../../../../src/core/network.ts';
import type { RunEvent } from '../../../../src/engine/protocol.ts';
import { reportOf } from '../../../../src/ui/state/export.ts';
import { diagnoseAt } from '../../../../src/core/diagnostics.ts';
import type { Key } from '../../../../src/ui/input/input.ts';
import { footerHints, helpRows, keyIntent } from '../../../../src/ui/input/keys.ts';
import { groupCount } from '../../../../src/ui/state/selectors.ts';
import { initialState, reduce, type DashboardState } from '../../../../src/ui/state/reducer.ts';
import { SweepView } from '../../../../src/ui/views/sweep/SweepView.tsx';
import { sweepTraceInterval } from '../../../../src/ui/hooks/use-race.ts';

const DATA = makeData('circles');
const D = diagnoseAt(zeroParams([2, 1]), 0.01, DATA.train, DATA.test);

type Flags = {
  rightArrow?: boolean;
  leftArrow?: boolean;
  upArrow?: boolean;
  downArrow?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
};
/** A key as the input layer gives it, from the arrow flags or a character. */
function toKey(input: string, k: Flags = {}): Key {
  const name = k.rightArrow
    ? 'right'
    : k.leftArrow
      ? 'left'
      : k.upArrow
        ? 'up'
        : k.downArrow
          ? 'down'
          : k.return
            ? 'return'
            : k.escape
              ? 'escape'
              : 'char';
  return { name, text: name === 'char' ? input : '', ctrl: k.ctrl === true };
}
const TWO_D = configFrom({ sweep: 'gain=0.5..2:3,depth=1..2', seeds: '2', iterations: '100' });
const ONE_D = configFrom({ sweep: 'gain=0.5..4:3', iterations: '100' });

function finished(run: number, config = TWO_D, testAccuracy = 0.9, finalCost = 0.2): RunEvent {
  const spec = runsOf(config)[run]!;
  const result: DoneRun = {
    status: 'done',
    scheme: spec.scheme,
    seed: spec.seed,
    costs: [[0, 0.7]],
    finalCost,
    trainAccuracy: testAccuracy,
    testAccuracy,
    seconds: 0.1,
    params: zeroParams(spec.layers ?? config.layers),
    diagnostics: { start: D, end: D },
  };
  return { type: 'finished', run, result };
}

const feed = (s: DashboardState, ...events: RunEvent[]) => reduce(s, { type: 'events', raceId: s.raceId, events });

test("a sweep opens on its map, one cell per (depth, gain), each run on its cell's network", () => {
  const s = initialState(TWO_D, DATA);
  assert.equal(s.view, 'sweep');
  assert.equal(s.runs.length, 12);
  assert.equal(groupCount(s), 6, 'the cells');
  assert.deepEqual(s.runs[6]!.layers, [2, 10, 10, 1]);
  assert.equal(initialState({ ...TWO_D, sweep: undefined } as never, DATA).view, 'race', 'a race opens on the race');
});

test('arrows move the cursor over the cells and stop at the edges; Enter opens its first model, Esc comes back', () => {
  let s = initialState(TWO_D, DATA);
  const key = (input: string, k = {}) => {
    const intent = keyIntent(toKey(input, k), s);
    if (intent?.kind === 'action') s = reduce(s, intent.action);
    return intent;
  };
  key('', { rightArrow: true });
  key('l');
  key('', { rightArrow: true });
  assert.equal(s.selected, 2, 'stops at the last gain');
  key('', { downArrow: true });
  assert.equal(s.selected, 5);
  key('j');
  assert.equal(s.selected, 5, 'stops at the last depth');
  key('', { leftArrow: true });
  key('k');
  assert.equal(s.selected, 1);
  key('h');
  key('', { upArrow: true });
  assert.equal(s.selected, 0);
  key('', { downArrow: true });
  key('', { rightArrow: true });
  assert.deepEqual(keyIntent(toKey('', { return: true }), s), { kind: 'action', action: { type: 'open' } });
  key('', { return: true });
  assert.equal(s.view, 'detail');
  assert.equal(s.selected, 4, 'depth 2, gain 1');
  key('', { downArrow: true });
  assert.equal(s.selected, 5, 'in the detail view ↓ pages to the next cell');
  key('', { escape: true });
  assert.equal(s.view, 'sweep', 'Esc returns to the map');
  key('?');
  assert.equal(s.view, 'help');
  assert.equal(s.behindHelp, 'sweep');
  key('', { escape: true });
  assert.equal(s.view, 'sweep');
  assert.deepEqual(keyIntent(toKey('q', {}), s), { kind: 'quit', status: 0 });
  assert.deepEqual(keyIntent(toKey('c', { ctrl: true }), s), { kind: 'quit', status: 130 });
  assert.deepEqual(keyIntent(toKey('e', {}), s), { kind: 'export' });
  assert.deepEqual(keyIntent(toKey(' ', {}), s), { kind: 'action', action: { type: 'togglePause' } });
  assert.equal(keyIntent(toKey('s', {}), s), undefined, 'no settings screen for a sweep');
  assert.equal(reduce(s, { type: 'restart' }).view, 'sweep');
});

test("the sweep's keys are rows of the one key table: its footer and its help come from them", () => {
  assert.equal(footerHints('sweep'), '←↑↓→ move · Enter open · space pause · e export · ? help · q quit');
  const help = helpRows('sweep').map(([k]) => k);
  assert.deepEqual(help, ['click', '↑ ↓  j k', '← →  h l', 'Enter', 'space', 'r', 'e', '?', 'q', 'Ctrl-Z', 'Ctrl-C']);
});

test('the export of a sweep in progress is the sweep document, unfinished seeds in place', () => {
  const s = feed(initialState(TWO_D, DATA), finished(0), finished(1, TWO_D, 0.7));
  const doc = reportOf(s);
  assert.ok('sweep' in doc);
  if (!('sweep' in doc)) return;
  assert.equal(doc.sweep.cells.length, 6);
  assert.equal(doc.sweep.cells[0]!.summary.testAccuracy.mean, 0.8);
  assert.equal(doc.sweep.cells[1]!.seeds[0]!.error, 'not finished');
});

test('a sweep keeps at most ~300,000 trace samples in all', () => {
  assert.equal(sweepTraceInterval(2000, 54), 1, '54 models: 1500 samples each, every iteration of 2000 is fine');
  assert.equal(sweepTraceInterval(15000, 54), 10);
  assert.equal(sweepTraceInterval(15000, 10_000), 300, '50 samples each');
});

/** One frame of a component, without colour codes. */
const frame = (el: React.ReactElement) => {
  const { lastFrame, unmount } = render(el);
  const text = stripVTControlCharacters(lastFrame() ?? '');
  unmount();
  return text;
};

test('the 2-D view fills in as models finish: numbers where done, · where training, × where a seed diverged', () => {
  let s = initialState(TWO_D, DATA);
  const empty = frame(<SweepView state={s} columns={100} rows={30} color={false} elapsed={0} />);
  assert.match(empty, /Mean test accuracy, depth × gain · 10 units per hidden layer · mean of 2 seeds/);
  assert.match(empty, /gain →\s+0\.5\s+1\s+2/);
  assert.match(empty, /Xavier\s+≈He/);
  assert.match(empty, /0\/12 models/);
  s = feed(s, finished(0, TWO_D, 0.96), finished(1, TWO_D, 0.94), finished(8, TWO_D, 0.5, NaN));
  const some = frame(<SweepView state={s} columns={100} rows={30} color={false} elapsed={0} />);
  const row1 = some.split('\n').find((l) => l.includes('depth 1'))!;
  assert.match(row1, /\[@+ 95\]\s+·\s+·/, 'the mean of the two seeds, as the @ level (95–100%)');
  const row2 = some.split('\n').find((l) => l.includes('depth 2'))!;
  assert.match(row2, /·\s+×\s+·/, 'depth 2, gain 1: a seed diverged');
  assert.match(some, /3\/12 models/);
  assert.match(some, /❯ depth 1 · gain 0\.5 · theory: propagates · test 95\.0% ± 1\.4/);
  assert.match(some, / \. {2}: {2}- {2}= {2}\+ {2}\* {2}# {2}% {2}@ /, 'the symbol ramp in the legend');
});

test('the 1-D view plots accuracy and cost against gain with He and Xavier marked', () => {
  let s = initialState(ONE_D, DATA);
  s = feed(s, finished(0, ONE_D, 0.6, 0.6), finished(1, ONE_D, 0.95, 0.1), finished(2, ONE_D, 0.5, Infinity));
  const text = frame(<SweepView state={s} columns={100} rows={40} color={false} elapsed={0} />);
  assert.match(text, /Final test accuracy against gain \(log axis\) · 2-10-5-1/);
  assert.match(text, /Final cost \(log scale\)/);
  assert.match(text, /Xavier 1 +He √2/);
  assert.match(text, /◆/, "the cursor's point");
  assert.match(text, /×/, 'the diverged gain');
  assert.match(text, /0\.5\s+1\.41\s+4/, 'the gains under the axis');
  assert.match(text, /3\/3 models · done in/);
});
