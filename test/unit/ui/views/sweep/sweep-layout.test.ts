import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configFrom } from '../../../../../src/core/config.ts';
import { zeroParams } from '../../../../../src/core/network.ts';
import type { DoneRun } from '../../../../../src/core/experiment.ts';
import { diagnoseAt } from '../../../../../src/core/diagnostics.ts';
import { makeData } from '../../../../../src/core/experiment.ts';
import { cellResults } from '../../../../../src/results/sweep.ts';
import {
  cellName,
  cellReadout,
  cursorOf,
  mapCellHeight,
  plotHeights,
  progressText,
  referenceMarks,
  readoutRows,
  sweepMinRows,
  workDone,
} from '../../../../../src/ui/views/sweep/sweep-layout.ts';
import type { RunView } from '../../../../../src/ui/state/runs.ts';

const DATA = makeData('circles');
const D = diagnoseAt(zeroParams([2, 1]), 0.01, DATA.train, DATA.test);
const done = (seed: number, testAccuracy: number, finalCost = 0.3): DoneRun => ({
  status: 'done',
  scheme: 'gain:1',
  seed,
  costs: [],
  finalCost,
  trainAccuracy: testAccuracy + 0.01,
  testAccuracy,
  seconds: 1,
  params: zeroParams([2, 1]),
  diagnostics: { start: D, end: D },
});

test('He and Xavier mark the nearest column within the sweep, "≈" when it is not their exact gain', () => {
  assert.deepEqual(referenceMarks([0.5, Math.SQRT2, 4]), [{ col: 1, label: '≈Xavier/He' }], 'Xavier 1 is nearer √2 than 0.5 in log terms');
  assert.deepEqual(referenceMarks([0.25, 0.5, 1, 2, 4]), [
    { col: 2, label: 'Xavier' },
    { col: 3, label: '≈He' },
  ]);
  assert.deepEqual(referenceMarks([0.1, 1, 10]), [{ col: 1, label: 'Xavier/≈He' }], 'both on one column');
  assert.deepEqual(referenceMarks([2, 8]), [], 'neither within the sweep');
});

test('the map grows its cells with the terminal (1 to 3 rows) and the 1-D plots share the height', () => {
  assert.equal(mapCellHeight(24, 5), 2, 'the legend has a row for the theory');
  assert.equal(mapCellHeight(24, 6), 1);
  assert.equal(mapCellHeight(24, 8), 1);
  assert.equal(mapCellHeight(40, 6), 3);
  assert.equal(mapCellHeight(200, 2), 3);
  assert.deepEqual(plotHeights(24), { accuracy: 5, cost: 4 });
  assert.deepEqual(plotHeights(40), { accuracy: 13, cost: 12 });
  assert.equal(sweepMinRows(configFrom({ sweep: 'gain=1..2:2,depth=1..8' })), 21);
  assert.equal(sweepMinRows(configFrom({ sweep: 'gain=1..2:2' })), 21);
});

test('the progress line counts models and estimates the time left from the work done', () => {
  assert.equal(progressText(0, 54, 0, 0.1), '0/54 models · 0.10 s · estimating the time left…');
  assert.equal(progressText(27, 54, 0.25, 10), '27/54 models · 10.0 s · about 30.0 s left');
  assert.equal(progressText(54, 54, 1, 41.3), '54/54 models · done in 41.3 s');
  const run = (iteration: number, finished = false) => ({ iteration, ...(finished ? { result: done(3, 0.9) } : {}) }) as unknown as RunView;
  // A depth-3 model weighs 3.4 times a depth-1 model (its weights and biases): 10·3 + 11 = 41 vs 30 + 110 + 110 + 11 = 261... per iteration.
  const layers = [
    [2, 10, 1],
    [2, 10, 10, 10, 1],
  ];
  const f = workDone([run(100, true), run(50)], 100, (k) => layers[k]!);
  assert.ok(Math.abs(f - (41 * 100 + 261 * 50) / (41 * 100 + 261 * 100)) < 1e-12, String(f));
});

test("the cursor line says where it is and the cell's numbers, or why it has none", () => {
  const config = configFrom({ sweep: 'gain=0.1..10:9,depth=1..2', seeds: '2' });
  assert.deepEqual(cursorOf(10, config), { row: 1, col: 1 });
  const runs = new Array(36).fill(undefined) as (DoneRun | undefined)[];
  runs[0] = done(3, 0.9);
  runs[1] = done(4, 0.8);
  runs[2] = done(3, 0.7, Infinity);
  runs[3] = done(4, 0.6);
  runs[4] = done(3, 0.5);
  const cells = cellResults(config, runs);
  assert.equal(cellName(cells[1]!.cell), 'depth 1 · gain 0.178 (0.1778279410038923)');
  assert.equal(cellName(cells[0]!.cell, false), 'gain 0.1');
  assert.equal(cellReadout(cells[0]!), 'depth 1 · gain 0.1 · test 85.0% ± 7.1 · train 86.0% ± 7.1 · final cost 0.300000 · 2 seeds');
  assert.equal(
    cellReadout(cells[1]!),
    'depth 1 · gain 0.178 (0.1778279410038923) · × 1 of 2 seeds diverged (final cost not finite); the other 1: test 60.0% · train 61.0% · final cost 0.300000',
  );
  assert.equal(
    cellReadout(cells[2]!),
    'depth 1 · gain 0.316 (0.31622776601683794) · test 50.0% · train 51.0% · final cost 0.300000 · 1 of 2 seeds done',
  );
  assert.equal(cellReadout(cells[3]!), 'depth 1 · gain 0.562 (0.5623413251903492) · training (0 of 2 seeds done)');
});

test('the cursor’s readout takes two rows where the map leaves one free, one at the smallest size; the 1-D view always has two', () => {
  const map = configFrom({ sweep: 'gain=0.1..10:9,depth=1..6' });
  // 80×24: the sweep counts 23 rows (a one-line header and footer); six map rows leave four free.
  assert.equal(readoutRows(map, 23), 2);
  const full = configFrom({ sweep: 'gain=0.1..10:9,depth=1..12' });
  assert.equal(readoutRows(full, sweepMinRows(full)), 1, 'at its smallest size the map fills every row');
  assert.equal(readoutRows(configFrom({ sweep: 'gain=0.1..10:9' }), sweepMinRows(configFrom({ sweep: 'gain=0.1..10:9' }))), 2);
});
