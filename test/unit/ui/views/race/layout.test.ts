import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FINISHED_PLOT_ROWS, lanesShown, minBodyRows, raceLayout } from '../../../../../src/ui/views/race/layout.ts';

test('a finished race in 80×24 (a body of 20 rows) hides its lanes, drops the table frame and keeps a chart of 10 rows', () => {
  const l = raceLayout(20, 3, true, { verdict: 1, readout: false });
  assert.deepEqual(l, { lanes: false, table: 'compact', plotRows: FINISHED_PLOT_ROWS, notes: 1, readout: false });
});

test('a finished race in 120×40 keeps its lanes and the framed table, with the tallest chart', () => {
  assert.deepEqual(raceLayout(38, 3, true), { lanes: true, table: 'framed', plotRows: 18, notes: 2, readout: true });
});

test('a running race keeps its lanes in any height it fits', () => {
  const l = raceLayout(20, 3, false);
  assert.equal(l.lanes, true);
  assert.equal(l.table, 'none');
  assert.equal(l.plotRows, 20 - 5 - 7);
});

test('three schemes need 16 rows between header and footer; 200 schemes get a window of lanes', () => {
  assert.equal(minBodyRows(3), 16);
  assert.equal(lanesShown(20, 3), 3);
  assert.ok(lanesShown(38, 200) >= 3 && lanesShown(38, 200) < 200);
});
