import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { DEFAULT_CONFIG } from '../../../../src/core/config.ts';
import { makeData, runScheme } from '../../../../src/core/experiment.ts';
import { hiddenNote, noteLines } from '../../../../src/ui/charts/LossChart.tsx';
import { RaceView } from '../../../../src/ui/views/race/RaceView.tsx';
import { initialState, reduce, type DashboardState } from '../../../../src/ui/state/reducer.ts';
import { schemeGroups } from '../../../../src/ui/state/selectors.ts';
import { plain } from '../../../support/frames.ts';

const DATA = makeData('circles');

/** The default race, finished, its costs every 10 iterations as the dashboard's trace holds them. */
function finishedRace(): DashboardState {
  const config = { ...DEFAULT_CONFIG, every: 10 };
  let s = initialState(config, DATA);
  config.schemes.forEach((scheme, run) => {
    const r = runScheme(config, scheme, DATA);
    s = reduce(s, {
      type: 'events',
      raceId: 0,
      events: [
        {
          type: 'progress',
          run,
          iteration: config.iterations,
          cost: r.finalCost,
          costAt: config.iterations - 1,
          samples: r.costs,
          itersPerSec: 5000,
          elapsedMs: 1000,
        },
        { type: 'finished', run, result: { ...r, seconds: 0.5 } },
      ],
    });
  });
  return s;
}

const RACE = finishedRace();

function frameOf(state: DashboardState, columns = 120): string {
  const { lastFrame, unmount } = render(
    <RaceView
      state={state}
      groups={schemeGroups(state)}
      columns={columns}
      layout={{ lanes: true, table: 'framed', plotRows: 16, notes: 2, readout: false }}
      interactive={false}
      color={false}
    />,
  );
  const frame = plain(lastFrame());
  unmount();
  return frame;
}

test('the overlaid race chart says what its range cut, what hides under what, and the infinite start', () => {
  const frame = frameOf(RACE);
  assert.match(frame, /random's costs above 1 at iterations [\d,]+–[\d,]+ are cut: f shows the full range\./);
  assert.match(frame, /random starts at an infinite cost \(\+∞\)/);
  assert.match(
    frame,
    /zeros (hides under he (until iteration|at iterations [\d,]+–)|under he (to )?[\d,]+–?)[\d,]+/,
    'He runs along ln 2 at first: the legend says zeros is under it (the short form where the long one would not fit)',
  );
  const full = frameOf(reduce(RACE, { type: 'toggleRange' }));
  assert.match(full, /Loss \(linear, full range\)/);
  assert.doesNotMatch(full, /f shows the full range/);
  assert.match(full, /random starts at an infinite cost \(\+∞\)/, 'what the full range still cannot draw, it says');
});

test('small multiples show the same notes, short, in each scheme’s chart', () => {
  const frame = frameOf(reduce(RACE, { type: 'toggleChart' }));
  // random's own chart: its own range cuts its own spike, and says so.
  assert.match(frame, /│cut above [\d.]+ (until|at) [\d,–]+ \(f\)/);
  const full = frameOf(reduce(reduce(RACE, { type: 'toggleChart' }), { type: 'toggleRange' }));
  assert.doesNotMatch(full, /\(f\)/);
  assert.match(full, /│\+∞ at 0–260 \(top edge\)/);
  const narrow = frameOf(RACE, 80);
  assert.match(narrow, /random: \+∞ at 0–260 \(top edge\)/, 'a short note in the overlaid chart keeps the scheme’s name');
});

test('notes take their short form where the long one does not fit, and the last line takes what is left', () => {
  const long = ['a long note that does not fit', 'second'];
  const short = ['short a', 'short b'];
  assert.deepEqual(noteLines(long, short, 40, 2), long);
  assert.deepEqual(noteLines(long, short, 20, 2), ['short a', 'second']);
  assert.deepEqual(noteLines(long, short, 40, 1), ['short a · short b']);
  assert.deepEqual(noteLines([], [], 40, 2), []);
});

test('at 80 columns what hides under what is said whole in its short form on the title line, never cut', () => {
  const title = (frame: string): string => frame.split('\n').find((l) => /Loss \(linear\)/.test(l))!;
  const narrow = title(frameOf(RACE, 80));
  assert.match(narrow, /· zeros under he (to )?[\d,]+(–[\d,]+)? /, narrow);
  assert.doesNotMatch(narrow, /…/, 'nothing cut');
});

test('the hidden-curve note is long where all fits, short where not, and counts what still does not fit', () => {
  const long = ['zeros hides under he until iteration 1,590', 'random hides under he at iterations 4,520–5,230'];
  const short = ['zeros under he to 1,590', 'random under he 4,520–5,230'];
  assert.equal(
    hiddenNote(long, short, 200),
    '  · zeros hides under he until iteration 1,590 · random hides under he at iterations 4,520–5,230',
  );
  assert.equal(hiddenNote(long, short, 70), '  · zeros under he to 1,590 · random under he 4,520–5,230');
  assert.equal(hiddenNote(long, short, 45), '  · zeros under he to 1,590 · 1 more (v)');
  assert.equal(hiddenNote(long, short, 24), '  · 2 more (v)');
  assert.equal(hiddenNote(long, short, 10), '');
  assert.equal(hiddenNote([], [], 10), '');
});
