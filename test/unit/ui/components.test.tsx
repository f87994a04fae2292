import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { DEFAULT_CONFIG } from '../../../src/core/config.ts';
import { makeData, runScheme } from '../../../src/core/experiment.ts';
import { AccuracyTable } from '../../../src/ui/views/race/AccuracyTable.tsx';
import { DetailView } from '../../../src/ui/views/detail/DetailView.tsx';
import { HelpOverlay } from '../../../src/ui/views/help/HelpOverlay.tsx';
import { helpLayout, scrollNote } from '../../../src/ui/views/help/help-layout.ts';
import { helpRows } from '../../../src/ui/input/keys.ts';
import { LossChart } from '../../../src/ui/charts/LossChart.tsx';
import { initialState, reduce, type DashboardState } from '../../../src/ui/state/reducer.ts';
import type { RunView } from '../../../src/ui/state/runs.ts';
import { TooSmall } from '../../../src/ui/chrome/TooSmall.tsx';
import { plain } from '../../support/frames.ts';

const DATA = makeData('circles');

/** A finished run as the reducer holds it, from a real (short) training run. */
function finishedRun(scheme: string, iterations = 2000): RunView {
  const config = { ...DEFAULT_CONFIG, iterations, every: 500, schemes: [scheme] };
  const r = runScheme(config, scheme, DATA);
  let s: DashboardState = initialState(config, DATA);
  s = reduce(s, {
    type: 'events',
    raceId: 0,
    events: [
      {
        type: 'progress',
        run: 0,
        iteration: iterations,
        cost: r.finalCost,
        costAt: iterations - 1,
        samples: r.costs,
        itersPerSec: 5000,
        elapsedMs: 1000,
      },
      { type: 'finished', run: 0, result: { ...r, seconds: 0.5 } },
    ],
  });
  return s.runs[0]!;
}

test('the accuracy table shows percentages with one decimal, cost, time and a verdict per run', () => {
  const runs = [finishedRun('zeros'), finishedRun('he', 15000)];
  const groups = runs.map((r) => ({ scheme: r.scheme, runs: [r], view: r }));
  const { lastFrame, unmount } = render(<AccuracyTable groups={groups} selected={1} width={100} color={false} />);
  const frame = plain(lastFrame());
  assert.match(frame, /scheme\s+train\s+test\s+final cost\s+compute\s+verdict/);
  assert.match(frame, /zeros\s+50\.0%\s+50\.0%\s+0\.693147\s+0\.50 s\s+symmetry never broken: all 10 units of layer 1/);
  assert.match(frame, /he\s+99\.3%\s+96\.0%\s+0\.0648\d*\s+0\.50 s\s+learned: cost fell from 0\.883 to 0\.0648, 99\.3%/);
  for (const line of frame.split('\n')) assert.ok(line.length <= 100, line);
  unmount();
});

test('the compact table at 60 columns starts each verdict with its first letters, never a lone ellipsis', () => {
  const runs = [finishedRun('zeros'), finishedRun('he', 15000)];
  const groups = runs.map((r) => ({ scheme: r.scheme, runs: [r], view: r }));
  const { lastFrame, unmount } = render(<AccuracyTable groups={groups} selected={1} width={60} color={false} compact />);
  const rows = plain(lastFrame())
    .split('\n')
    .filter((l) => /^(zeros|he) /.test(l));
  assert.equal(rows.length, 2);
  for (const row of rows) {
    assert.ok(row.length <= 60, row);
    assert.match(row, / s {2}\S{2,}.*…$/, `a verdict's first letters: ${row}`);
  }
  unmount();
});

test('the compact table says which schemes it shows when they do not all fit, as the lanes do', () => {
  const runs = [finishedRun('zeros'), finishedRun('he'), finishedRun('xavier')];
  const groups = runs.map((r) => ({ scheme: r.scheme, runs: [r], view: r }));
  const draw = (shown: number) => {
    const { lastFrame, unmount } = render(<AccuracyTable groups={groups} selected={2} width={80} color={false} compact shown={shown} />);
    const frame = plain(lastFrame());
    unmount();
    return frame;
  };
  assert.match(draw(2), /^schemes 2–3 of 3 · ↑↓ scroll$/m);
  assert.doesNotMatch(draw(3), /schemes \d/);
});

test('the help overlay lists every key of the view behind it, from the key table', () => {
  for (const view of ['race', 'detail', 'why', 'settings'] as const) {
    const { lastFrame, unmount } = render(<HelpOverlay view={view} rows={helpRows(view)} width={100} height={40} />);
    const frame = plain(lastFrame());
    for (const [k, what] of helpRows(view)) {
      assert.ok(frame.includes(k), `${view}: ${k}`);
      assert.ok(frame.includes(what), `${view}: ${what}`);
    }
    unmount();
  }
});

test('in a short terminal the help overlay wraps its entries, fits the height, and scrolling it shows every key and every word', () => {
  const { max, lines } = helpLayout(helpRows('race'), 80, 20, 'race');
  assert.ok(max > 0, 'the race keys do not fit 20 rows: the overlay scrolls');
  let seen = '';
  for (let scroll = 0; scroll <= max; scroll++) {
    const { lastFrame, unmount } = render(<HelpOverlay view="race" rows={helpRows('race')} width={80} height={20} scroll={scroll} />);
    const frame = plain(lastFrame());
    assert.ok(frame.split('\n').length <= 20, `${frame.split('\n').length} rows:\n${frame}`);
    for (const line of frame.split('\n')) assert.ok(line.length <= 80, line);
    assert.ok(!frame.includes('…'), `nothing is cut:\n${frame}`);
    assert.match(frame, scroll === 0 ? /↓ more below/ : scroll === max ? /↑ more above/ : /more above and below/);
    seen += frame;
    unmount();
  }
  const words = seen.replace(/[║╔╗╚╝═]/g, ' ').split(/\s+/);
  for (const [k, what] of helpRows('race')) {
    assert.ok(seen.includes(k), k);
    for (const w of what.split(/\s+/)) assert.ok(words.includes(w), `${k}: "${w}" of "${what}"`);
  }
  assert.equal(lines.at(-1), 'scaled for ReLU.', 'the end shows the lesson, after the last key');
});

test('the help overlay holds its scroll within its lines, and says nothing of scrolling when every line shows', () => {
  const { max } = helpLayout(helpRows('race'), 80, 20, 'race');
  const { lastFrame, unmount } = render(<HelpOverlay view="race" rows={helpRows('race')} width={80} height={20} scroll={max + 50} />);
  assert.match(plain(lastFrame()), /Ctrl-C\s+quit, from any screen/);
  unmount();
  assert.equal(scrollNote(0, 30, 30), '');
  assert.equal(scrollNote(0, 10, 30), 'lines 1–10 of 30 · ↓ more below');
  assert.equal(scrollNote(20, 10, 30), 'lines 21–30 of 30 · ↑ more above');
});

test('the loss chart draws an infinite start, names it, and fits 100 columns', () => {
  const points = finishedRun('random', 1500).trace;
  assert.equal(points[0]![1], Infinity);
  const { lastFrame, unmount } = render(
    <LossChart
      title="Loss"
      series={[{ label: 'random', color: 'yellow', points }]}
      iterations={1500}
      width={98}
      plotRows={8}
      logScale={false}
      color={false}
      focused={false}
    />,
  );
  const frame = plain(lastFrame());
  assert.match(frame, /Loss \(linear\) ■ random/);
  assert.match(frame, /random starts at an infinite cost \(\+∞\)/);
  for (const line of frame.split('\n')) assert.ok(line.length <= 100, `${line.length}: ${line}`);
  unmount();
});

test('the detail view shows the run, its notebook printout and its decision boundary with the points', () => {
  const run = finishedRun('he', 15000);
  const { lastFrame, unmount } = render(
    <DetailView
      run={run}
      index={2}
      total={3}
      config={{ ...DEFAULT_CONFIG, every: 500 }}
      train={DATA.train}
      width={100}
      height={30}
      paused={false}
      logScale={false}
      color={false}
    />,
  );
  const frame = plain(lastFrame());
  assert.match(frame, /he \(run 3 of 3\) · done · train 99\.3% · test 96\.0%/);
  assert.match(frame, /^learned: cost fell from 0\.883 to 0\.0648, 99\.3% train$/m, 'the verdict line: what this run did');
  assert.match(frame, /Cost every 500 iterations/);
  assert.match(frame, /0\s+0\.883054/);
  assert.match(frame, /Decision boundary/);
  assert.ok((frame.match(/x/g) ?? []).length > 50 && (frame.match(/o/g) ?? []).length > 50, 'training points of both labels');
  assert.ok((frame.match(/·/g) ?? []).length > 100, 'the inner region is predicted 1');
  unmount();
});

test("the detail view's verdict line says what its own run did: the same scheme, two runs, two verdicts", () => {
  // He on six hidden layers learns; at learning rate 5 one step kills its second layer.
  for (const [config, said] of [
    [
      { ...DEFAULT_CONFIG, iterations: 2000, every: 500, layers: [2, 10, 10, 10, 10, 10, 10, 1] },
      /^learned: cost fell from 1\.27 to 0\.0546, 98\.7% train$/m,
    ],
    [{ ...DEFAULT_CONFIG, iterations: 2000, every: 500, learningRate: 5 }, /^33% of the units died: layer 2 all dead, nothing learned$/m],
  ] as const) {
    const r = runScheme(config, 'he', DATA);
    let s: DashboardState = initialState(config, DATA);
    s = reduce(s, { type: 'events', raceId: 0, events: [{ type: 'finished', run: 0, result: r }] });
    const { lastFrame, unmount } = render(
      <DetailView
        run={s.runs[0]!}
        index={0}
        total={1}
        config={config}
        train={DATA.train}
        width={100}
        height={30}
        paused={false}
        logScale={false}
        color={false}
      />,
    );
    assert.match(plain(lastFrame()), said);
    unmount();
  }
});

test('a terminal too small gets a short message', () => {
  const { lastFrame, unmount } = render(<TooSmall columns={40} rows={12} needColumns={60} needRows={24} />);
  assert.match(plain(lastFrame()), /Terminal too small: 40×12\.[\s\S]*init-tui needs 60×24\.[\s\S]*press q/);
  unmount();
});
