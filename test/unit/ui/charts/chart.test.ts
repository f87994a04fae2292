import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stripVTControlCharacters } from 'node:util';
import type { CostPoint } from '../../../../src/core/experiment.ts';
import {
  cursorIteration,
  cutNote,
  drawChart,
  fitSeries,
  linearTicks,
  logTicks,
  plotColumns,
  robustTop,
  tickStep,
  tickText,
  xAxis,
  type ChartSeries,
} from '../../../../src/ui/charts/chart.ts';

const decay = (n: number, step = 10): CostPoint[] => Array.from({ length: n }, (_, k) => [k * step, 0.9 * Math.exp(-k / n) + 0.05]);

function widest(lines: string[]): number {
  return Math.max(...lines.map((l) => stripVTControlCharacters(l).length));
}

test('fitSeries keeps the first sample in column 0, the last sample of each other column, and stops where the run is', () => {
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
  assert.deepEqual(f.values, [5, 2, 1], 'column 0 shows iteration 0, not the last sample before its end');
  assert.deepEqual(f.at, [0, 30, 40]);
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
  assert.match(notes, /random's first 30 iterations, above 1, are cut: f shows the full range\./);
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
  const row = chart.lines.findIndex((l) => l.includes('─'));
  assert.equal(row, 3, `drawn on the middle row of 7:\n${chart.lines.join('\n')}`);
  const labels = chart.lines
    .slice(0, 7)
    .map((l) => l.split('┤')[0]!.trim())
    .filter((t) => t !== '');
  assert.ok(labels.length >= 2, labels.join());
  for (const t of labels) assert.match(t, /^0\.\d\d?$/, `a round tick, not 0.693: ${t}`);
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
  assert.match(chart.lines[0]!, /^\s+10 ┤/);
  assert.match(chart.lines[4]!, /^\s+0\.1 ┤/);
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

/** A race as the dashboard sees it at the end: every 10 iterations of 15,000, shaped like the notebook's curves. */
function race(): ChartSeries[] {
  const its = Array.from({ length: 1500 }, (_, k) => k * 10);
  const zeros: CostPoint[] = its.map((i) => [i, Math.LN2]);
  // He: 0.883 at 0, then along ln 2 (just under it) until ~1,500, then down to 0.065.
  const he: CostPoint[] = its.map((i) => [i, i === 0 ? 0.883 : i < 1500 ? 0.69 - i * 1e-6 : 0.065 + 0.62 * Math.exp(-(i - 1500) / 3000)]);
  // Random ×10: +∞ and costs of 3–25 for 300 iterations, then 0.6 down to 0.38.
  const random: CostPoint[] = its.map((i) => [i, i === 0 ? Infinity : i <= 300 ? 3 + ((i * 7) % 22) : 0.38 + 0.22 * Math.exp(-i / 4000)]);
  return [
    { label: 'zeros', color: 'red', points: zeros },
    { label: 'random', color: 'yellow', points: random },
    { label: 'he', color: 'green', points: he },
  ];
}
const labelsOf = (lines: readonly string[], rows: number): string[] =>
  lines.slice(0, rows).flatMap((l) => {
    const t = stripVTControlCharacters(l).split('┤')[0]!.trim();
    return t === '' ? [] : [t];
  });
/** At most two significant digits: 0.8, 2.5, 10, 1e-5 (not 0.982 or 7.254). */
/** A step of 1, 2, 2.5 or 5 × 10^k. */
const niceStep = (step: number): boolean => [1, 2, 2.5, 5].some((m) => Math.abs(step / 10 ** Math.floor(Math.log10(step)) - m) < 1e-9);
/** Labels (top to bottom) that are multiples of one nice step, every step between them. */
function roundTicks(labels: readonly string[]): void {
  const v = labels.map(Number);
  if (v.length < 2) return;
  const step = v[0]! - v[1]!;
  assert.ok(niceStep(step), `step ${step} of ${labels.join()}`);
  for (let k = 0; k < v.length; k++) {
    assert.ok(Math.abs(v[k]! / step - Math.round(v[k]! / step)) < 1e-9, `${labels[k]} is a multiple of ${step}`);
    if (k > 0) assert.ok(Math.abs(v[k - 1]! - v[k]! - step) < 1e-9, `evenly spaced: ${labels.join()}`);
  }
}

test('tick steps are 1, 2, 2.5 or 5 × 10^k and tick labels are round numbers', () => {
  assert.equal(tickStep(0, 1, 6), 0.2);
  assert.equal(tickStep(0.06, 1.04, 6), 0.2);
  assert.equal(tickStep(0, 10, 5), 2.5);
  assert.equal(tickStep(0, 0.003, 4), 0.001);
  assert.deepEqual(linearTicks(0.06, 1.04, 6), [0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(linearTicks(0, 0.5, 3), [0, 0.2, 0.4]);
  assert.deepEqual(linearTicks(0, 10, 5), [0, 2.5, 5, 7.5, 10]);
  for (const [lo, hi] of [
    [0.0649, 0.883],
    [0, 25.79],
    [0.38, 0.61],
    [1e-4, 3e-4],
    [0.658, 0.728],
  ] as const)
    for (const n of [2, 3, 5, 8]) roundTicks(linearTicks(lo, hi, n).map(tickText).reverse());
  assert.deepEqual([tickText(0.25), tickText(2.5), tickText(10), tickText(1e-5), tickText(0)], ['0.25', '2.5', '10', '1e-5', '0']);
});

test('the log scale ticks decades, and 2 and 5 between them only when fewer than three decades leave room', () => {
  assert.deepEqual(logTicks(Math.log10(0.0649), Math.log10(25.8), 6), [0.1, 1, 10]);
  assert.deepEqual(logTicks(-4, 1, 3), [1e-4, 0.01, 1], 'thinned to what fits');
  assert.deepEqual(logTicks(Math.log10(0.3), Math.log10(3), 6), [0.5, 1, 2]);
  for (const lines of [drawChart(race(), { width: 100, height: 16, iterations: 15000, logScale: true, color: false }).lines])
    assert.deepEqual(labelsOf(lines, 16), ['10', '1', '0.1']);
});

test('the linear chart labels only round values, at the rows nearest them', () => {
  for (const height of [4, 8, 10, 16, 30]) {
    const chart = drawChart(race(), { width: 100, height, iterations: 15000, logScale: false, color: false });
    const labels = labelsOf(chart.lines, height);
    assert.ok(labels.length >= 2, `height ${height}: ${labels.join()}`);
    roundTicks(labels);
  }
});

test("Tukey's fence cuts a burst far above the bulk and keeps ordinary variation", () => {
  const bulk = Array.from({ length: 100 }, (_, k) => 0.07 + (0.62 * k) / 99);
  assert.equal(robustTop([...bulk, 0.883, 9.7, 25.8].sort((a, b) => a - b)), 0.883);
  assert.equal(robustTop([...bulk].sort((a, b) => a - b)), bulk[99], 'nothing to cut: the maximum');
  const together = [0.69, 0.69, 0.69, 0.691, 0.883].sort((a, b) => a - b);
  assert.equal(robustTop(together), 0.883, "curves still together (IQR ≈ 0): He's start is not an outlier");
});

test('the default range gives the rows to every curve, says in one line what it cut, and f shows the full range', () => {
  const o = { width: 100, height: 16, iterations: 15000, logScale: false, color: false, front: 0 };
  const chart = drawChart(race(), o);
  const labels = labelsOf(chart.lines, 16).map(Number);
  assert.ok(Math.max(...labels) <= 1.2, `top at ${Math.max(...labels)}, not random's spike`);
  assert.ok(Math.max(...labels) >= 0.883, "He's start (0.883) is inside the range");
  assert.deepEqual(
    chart.notes.filter((n) => /cut/.test(n)),
    ["random's first 300 iterations, above 1, are cut: f shows the full range."],
  );
  const full = drawChart(race(), { ...o, fullRange: true });
  const top = Math.max(...labelsOf(full.lines, 16).map(Number));
  assert.ok(top >= 20, `full range reaches the spike: ${top}`);
  assert.ok(!full.notes.some((n) => /f shows/.test(n)), 'nothing cut, nothing said about cutting');
  assert.ok(
    full.notes.some((n) => /random starts at an infinite cost \(\+∞\) — iteration 0; drawn on the top edge\./.test(n)),
    'what the full range still cannot draw, it says',
  );
});

test('a cut note names the series, the threshold and the iterations', () => {
  const pts: CostPoint[] = [
    [0, 5],
    [10, 4],
    [20, 0.5],
    [30, 2],
    [40, 0.4],
  ];
  assert.equal(cutNote('random', pts, 1), "random's costs above 1 at iterations 0–30 are cut: f shows the full range.");
  assert.equal(cutNote('random', pts.slice(0, 3), 1), "random's first 10 iterations, above 1, are cut: f shows the full range.");
  assert.equal(cutNote('he', pts, 10), undefined);
});

test('a curve that runs under another is drawn on top or named in the legend: zeros hides under he until ~1,500', () => {
  for (const front of [0, 1, 2, undefined]) {
    const chart = drawChart(race(), { width: 100, height: 16, iterations: 15000, logScale: false, color: false, front });
    assert.equal(chart.hidden.length, 1, `front ${front}: ${chart.hidden.join(' / ')}`);
    assert.match(
      chart.hidden[0]!,
      /^zeros hides under he until iteration 1,[3-7]\d0$/,
      'the flat line goes underneath, even when selected',
    );
  }
  // He alone on the row of ln 2 would be invisible under zeros: it is drawn there instead.
  const chart = drawChart(race(), { width: 100, height: 16, iterations: 15000, logScale: false, color: true, front: 0 });
  const he = '\u001B[32m';
  const row = chart.lines.find((l) => /─{10}/.test(stripVTControlCharacters(l)) && stripVTControlCharacters(l).trimEnd().endsWith('─'));
  assert.ok(row, chart.lines.join('\n'));
  assert.ok(
    chart.lines.some((l) => l.includes(he)),
    'he drawn',
  );
  const separate = drawChart(
    [
      { label: 'a', color: 'red', points: decay(100).map(([i, c]): CostPoint => [i, c + 5]) },
      { label: 'b', color: 'green', points: decay(100) },
    ],
    { width: 60, height: 10, iterations: 1000, logScale: false, color: false },
  );
  assert.deepEqual(separate.hidden, [], 'curves apart: no note');
});

test('the chart cursor reaches every recorded iteration, 0 and the last included', () => {
  const he = race()[2]!.points;
  assert.equal(cursorIteration(he, 0, 15000), 0, 'Home: iteration 0, not the end of the first column (140)');
  assert.equal(cursorIteration(he, 1, 15000), 14990, 'End: the last recorded iteration');
  for (const [i] of he) assert.equal(cursorIteration(he, i / 14999, 15000), i);
  const chart = drawChart(race(), { width: 120, height: 8, iterations: 15000, logScale: false, color: false, cursor: 0, front: 2 });
  assert.deepEqual(chart.readout, { iteration: 0, costs: [Math.LN2, Infinity, 0.883] });
  assert.match(stripVTControlCharacters(chart.lines[chart.lines.length - 1]!), /^ {11}▲$/, 'the mark on column 0');
  const running = drawChart([{ label: 'he', color: 'green', points: he.slice(0, 300) }], {
    width: 120,
    height: 8,
    iterations: 15000,
    logScale: false,
    color: false,
    cursor: 1,
  });
  assert.equal(running.readout?.iteration, 2990, 'while running, End is the latest sample');
});
