import assert from 'node:assert/strict';
import { test } from 'node:test';
import { drawGainPlot, logPosition, plotWidth, tickGains, type GainPlotOptions } from '../../../../src/ui/charts/gain-plot.ts';

const options: GainPlotOptions = {
  points: [
    { at: 0, mean: 0.5, min: 0.45, max: 0.55 },
    { at: 0.5, mean: 0.9, min: 0.9, max: 0.9 },
    { at: 1, diverged: true },
  ],
  width: 40,
  height: 5,
  range: [0.4, 1],
  format: (y) => `${Math.round(y * 100)}%`,
  ticks: [
    { at: 0, label: '0.5' },
    { at: 0.5, label: '1' },
    { at: 1, label: '2' },
  ],
  marks: [
    { at: 0.5, label: 'Xavier 1' },
    { at: 0.75, label: 'He √2' },
  ],
  markLabels: true,
  cursor: 0.5,
  divergedAt: 'bottom',
  color: false,
  lineColor: 'cyan',
};

test("a 1-D plot: means joined by a dotted line, the seeds' range, × for a diverged gain, He and Xavier as verticals, the cursor", () => {
  assert.deepEqual(drawGainPlot(options), [
    '    100% ┤              ┊      ┊',
    '         │          ····◆      ┊',
    '     70% ┤     ·····    ┊      ┊',
    '         │●····         ┊      ┊',
    '     40% ┤│             ┊      ┊      ×',
    '         └┬─────────────▲─────────────┬',
    '         0.5            1             2',
    '                     Xavier 1 He √2',
  ]);
  const noMarks = drawGainPlot({ ...options, markLabels: false, cursor: undefined });
  assert.equal(noMarks.length, 7, 'no row of mark labels');
  assert.match(noMarks[1]!, /●/, 'without a cursor the point is a dot');
  assert.match(noMarks[5]!, /└┬─+┬─+┬$/);
  assert.ok(
    drawGainPlot({ ...options, color: true })
      .join('')
      .includes('\u001B['),
    'coloured when asked',
  );
  assert.ok(!drawGainPlot(options).join('').includes('\u001B'), 'no colour codes without colour');
  for (const line of drawGainPlot(options)) assert.ok(line.length <= 40, line);
  assert.equal(plotWidth(40), 29);
});

test('a diverged point sits on the top edge of the cost plot; a log axis spaces decades evenly', () => {
  const lines = drawGainPlot({
    ...options,
    points: [
      { at: 0, mean: 0.01 },
      { at: 0.5, mean: 0.1 },
      { at: 1, diverged: true },
    ],
    range: [0.01, 1],
    log: true,
    format: (y) => String(Number(y.toPrecision(3))),
    marks: [],
    cursor: undefined,
    divergedAt: 'top',
  });
  assert.match(lines[0]!, /^ {7}1 ┤ +×$/);
  assert.match(lines[2]!, /^ {5}0\.1 ┤[ ·]+●$/, 'the middle of 0.01..1 on a log axis is 0.1');
  assert.match(lines[4]!, /^ {4}0\.01 ┤●/);
});

test('gains sit on a log axis; ticks are every gain when few, else the decades and the ends', () => {
  assert.equal(logPosition(0.5, 0.5, 4), 0);
  assert.ok(Math.abs(logPosition(Math.SQRT2, 0.5, 4) - 0.5) < 1e-15);
  assert.equal(logPosition(4, 0.5, 4), 1);
  assert.equal(logPosition(2, 2, 2), 0.5, 'one gain only: the middle');
  assert.deepEqual(tickGains([1, 2, 4], 5), [1, 2, 4]);
  assert.deepEqual(tickGains([0.1, 0.2, 0.5, 1, 2, 5, 10], 3), [0.1, 1, 10]);
  assert.deepEqual(tickGains([0.3, 0.6, 1.2, 2.4, 4.8, 9.6, 19.2, 38.4], 4), [0.3, 1, 10, 38.4]);
});
