import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stripVTControlCharacters } from 'node:util';
import type { CostPoint } from '../../../../src/core/experiment.ts';
import { drawChart, fitSeries, plotColumns, xAxis, type ChartSeries } from '../../../../src/ui/charts/chart.ts';

const decay = (n: number, step = 10): CostPoint[] => Array.from({ length: n }, (_, k) => [k * step, 0.9 * Math.exp(-k / n) + 0.05]);

function widest(lines: string[]): number {
  return Math.max(...lines.map((l) => stripVTControlCharacters(l).length));
}

test('fitSeries keeps the last sample of each column and stops where the run is', () => {
  const f = fitSeries(
    [
      [0, 5],
      [10, 4],
      [20, 3],
      [30, 2],
      [40, 1],
    ],
    5,
    100,
  );
  assert.deepEqual(f.values, [4, 2, 1]);
  assert.deepEqual(f.at, [10, 30, 40]);
  const sparse = fitSeries(
    [
      [0, 5],
      [50, 1],
    ],
    10,
    100,
  );
  assert.deepEqual(sparse.values, [5, 5, 5, 5, 5, 1], 'skipped columns hold the previous value');
  assert.deepEqual(fitSeries([], 10, 100).values, []);
});

test('the chart never overflows its width, from 30 to 200 columns', () => {
  const series: ChartSeries[] = [
    { label: 'zeros', color: 'red', points: decay(1500).map(([i]) => [i, Math.LN2]) },
    { label: 'he', color: 'green', points: decay(1500) },
  ];
  for (const width of [30, 61, 80, 117, 200]) {
    const chart = drawChart(series, { width, height: 8, iterations: 15000, logScale: false, color: true, cursor: 0.5 });
    assert.ok(widest(chart.lines) <= width, `width ${width}: widest line ${widest(chart.lines)}`);
    assert.equal(chart.lines.length, 8 + 2, 'plot rows + x axis + cursor');
  }
});

test('+∞ and NaN costs do not break the chart and are named in a note', () => {
  const random: CostPoint[] = [[0, Infinity], [10, 25], [20, Infinity], [30, 3], ...decay(50).map(([i, c]): CostPoint => [i + 40, c])];
  const diverged: CostPoint[] = [
    [0, 0.7],
    [10, 0.5],
    [20, NaN],
    [30, NaN],
  ];
  const chart = drawChart(
    [
      { label: 'random', color: 'yellow', points: random },
      { label: 'big-lr', color: 'cyan', points: diverged },
    ],
    { width: 60, height: 6, iterations: 600, logScale: false, color: false },
  );
  const notes = chart.notes.join('\n');
  assert.match(notes, /random starts at an infinite cost \(\+∞\) — iterations 0–20; drawn on the top edge\./);
  assert.match(notes, /big-lr diverged: its cost is NaN at iterations 20–30; drawn on the bottom edge\./);
  assert.match(notes, /random's costs above [\d.]+ are cut at the top edge/);
  for (const log of [true, false]) {
    const only = drawChart([{ label: 'r', color: 'red', points: [[0, Infinity]] }], {
      width: 40,
      height: 5,
      iterations: 10,
      logScale: log,
      color: false,
    });
    assert.match(only.lines[0]!, /no finite cost/);
    assert.match(only.notes.join(), /r starts at an infinite cost \(\+∞\) — iteration 0; drawn on the top edge\./);
  }
});

test('a constant series (zeros at ln 2) and a single point draw mid-height with their value on the axis', () => {
  const chart = drawChart(
    [
      {
        label: 'zeros',
        color: 'red',
        points: [
          [0, Math.LN2],
          [10, Math.LN2],
        ],
      },
    ],
    {
      width: 50,
      height: 7,
      iterations: 100,
      logScale: false,
      color: false,
    },
  );
  assert.ok(
    chart.lines.some((l) => l.includes('0.693') && l.includes('─')),
    chart.lines.join('\n'),
  );
  const single = drawChart([{ label: 'he', color: 'green', points: [[0, 0.883]] }], {
    width: 50,
    height: 4,
    iterations: 100,
    logScale: true,
    color: false,
  });
  assert.ok(single.lines.length >= 4);
});

test('the log scale labels axis values in cost units', () => {
  const chart = drawChart(
    [
      {
        label: 'he',
        color: 'green',
        points: [
          [0, 10],
          [50, 0.1],
        ],
      },
    ],
    {
      width: 40,
      height: 5,
      iterations: 100,
      logScale: true,
      color: false,
    },
  );
  assert.match(chart.lines[0]!, /10\.000/);
  assert.match(chart.lines[4]!, /0\.100/);
});

test('the cursor reads each series at its column, labelled with the iteration whose cost it shows', () => {
  const chart = drawChart(
    [
      {
        label: 'he',
        color: 'green',
        points: [
          [0, 1],
          [50, 0.5],
          [99, 0.25],
        ],
      },
    ],
    {
      width: 40,
      height: 4,
      iterations: 100,
      logScale: false,
      color: false,
      cursor: 1,
    },
  );
  assert.equal(chart.readout?.costs[0], 0.25);
  assert.equal(chart.readout?.iteration, 99, 'the sample the last column holds');
  const first = drawChart(
    [
      {
        label: 'he',
        color: 'green',
        points: [
          [0, 1],
          [50, 0.5],
          [99, 0.25],
        ],
      },
    ],
    {
      width: 40,
      height: 4,
      iterations: 100,
      logScale: false,
      color: false,
      cursor: 0,
    },
  );
  assert.deepEqual([first.readout?.iteration, first.readout?.costs[0]], [0, 1], 'iteration 0 reads iteration 0');
});

test('the x axis puts 0, the middle and the end under their columns', () => {
  const axis = xAxis(plotColumns(80), 15000);
  assert.match(axis, /^\s+0\s+7,500\s+15,000$/);
  assert.ok(axis.length <= 80);
});
