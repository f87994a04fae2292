import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { DEFAULT_CONFIG } from '../../../../../src/core/config.ts';
import { makeData, runScheme } from '../../../../../src/core/experiment.ts';
import { snapshot } from '../../../../../src/engine/boundary.ts';
import { mapLegend } from '../../../../../src/ui/charts/decision-map.ts';
import { DetailView } from '../../../../../src/ui/views/detail/DetailView.tsx';
import { initialState, reduce } from '../../../../../src/ui/state/reducer.ts';
import type { RunView } from '../../../../../src/ui/state/runs.ts';
import { plain } from '../../../../support/frames.ts';

const DATA = makeData('circles');
const CONFIG = { ...DEFAULT_CONFIG, every: 500, schemes: ['he'] };

/** He after 3,000 of 15,000 iterations, as the reducer holds it from a progress event with a snapshot. */
function running(): RunView {
  const partial = runScheme({ ...CONFIG, iterations: 3000 }, 'he', DATA);
  const s = reduce(initialState(CONFIG, DATA), {
    type: 'events',
    raceId: 0,
    events: [
      {
        type: 'progress',
        run: 0,
        iteration: 3000,
        cost: partial.finalCost,
        costAt: 2999,
        samples: partial.costs,
        itersPerSec: 1500,
        elapsedMs: 2000,
        boundary: snapshot(partial.params, 3000)!,
      },
    ],
  });
  return s.runs[0]!;
}

function frameOf(run: RunView, color = false, width = 100, height = 30): string {
  const { lastFrame, unmount } = render(
    <DetailView
      run={run}
      index={0}
      total={1}
      config={CONFIG}
      train={DATA.train}
      width={width}
      height={height}
      paused={false}
      logScale={false}
      color={color}
    />,
  );
  const frame = lastFrame() ?? '';
  unmount();
  return color ? frame : plain(frame);
}

test('the reducer keeps the latest boundary snapshot of a run', () => {
  const run = running();
  assert.equal(run.boundary?.at, 3000);
  assert.equal(run.boundary?.classes.length, 64 * 64);
});

test('the detail view draws the boundary while the run trains, from the latest snapshot, and says it is live', () => {
  const frame = frameOf(running());
  assert.match(frame, /he \(run 1 of 1\) · running · iteration 3,000 of 15,000/);
  assert.match(frame, /Decision boundary · live, iteration 3,000/);
  assert.doesNotMatch(frame, /drawn when the run finishes|waiting for the first snapshot/);
  assert.ok((frame.match(/·/g) ?? []).length > 100, 'the inner region is predicted 1 already');
  assert.ok((frame.match(/x/g) ?? []).length > 50 && (frame.match(/o/g) ?? []).length > 50, 'training points of both labels');
});

test('before its first snapshot the map says it waits for one', () => {
  const { boundary: _none, ...run } = running();
  assert.match(frameOf(run), /waiting for the first snapshot…/);
});

test('the map’s legend names both classes by shape and in words, with and without colour', () => {
  const mono = frameOf(running());
  assert.match(mono, /x class 1 {2}o class 0 \(points\)/);
  assert.match(mono, /· predicts 1 {2}blank: predicts 0/);
  const color = plain(frameOf(running(), true));
  assert.match(color, /● class 1 {2}○ class 0 \(points\)/);
  assert.match(color, /■ blue: predicts 1 {2}■ red: predicts 0/);
  assert.deepEqual(mapLegend(false, 200), ['x class 1  o class 0 (points) · · predicts 1  blank: predicts 0']);
  assert.deepEqual(
    mapLegend(false, 29),
    ['x class 1  o class 0 (points)', '· predicts 1', 'blank: predicts 0'],
    'at 80×24: every entry whole',
  );
  for (const width of [18, 20, 29, 40, 60])
    for (const color of [false, true]) {
      const lines = mapLegend(color, width).map((l) => plain(l));
      assert.ok(
        lines.every((l) => l.length <= width),
        `${width} columns${color ? ', colour' : ''}: ${lines.join(' / ')}`,
      );
      assert.match(lines.join('  '), /class 1 {2}. class 0 \(points\)/);
      assert.match(lines.join('  '), /predicts 1 {2}.*predicts 0/);
    }
});

test('the printout thins to span the run where rows are short, and gives way to the chart where it would hold too few costs', () => {
  // Recorded every 500 so far: iterations 0 to 2,500, six costs.
  const tall = frameOf(running(), false, 100, 30);
  assert.match(tall, /Cost every 500 iterations/);
  assert.match(tall, /2,500 +0\.\d+/);
  const short = frameOf(running(), false, 80, 16);
  assert.match(short, /Cost every 1,000 iterations \(thinned to fit\)/, short);
  assert.doesNotMatch(short, /more rows/);
  const tiny = frameOf(running(), false, 60, 12);
  assert.doesNotMatch(tiny, /Cost every/, tiny);
  assert.match(tiny, /Cost \(linear\)/);
});
