import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stripVTControlCharacters } from 'node:util';
import {
  cellWidth,
  drawHeatmap,
  heatLegend,
  levelOf,
  RAMP,
  visibleColumns,
  type HeatCell,
  type HeatmapOptions,
} from '../../../../src/ui/charts/heatmap.ts';

const base: HeatmapOptions = {
  rowLabels: ['depth 1', 'depth 2'],
  colLabels: ['0.5', '1', '2'],
  cells: [{ value: 0.5 }, { value: 0.96 }, { value: undefined }, { value: 0.731 }, { value: undefined, mark: '×' }, { value: 1 }],
  cursor: { row: 0, col: 1 },
  width: 60,
  cellHeight: 1,
  marks: [{ col: 1, label: 'Xavier' }],
  color: false,
};

test('the ramp has ten levels of five points from chance: below 50% is the lowest, 95–100% the highest', () => {
  assert.equal(RAMP, ' .:-=+*#%@');
  assert.deepEqual([0.2, 0.5, 0.5499, 0.55, 0.7, 0.96, 1].map(levelOf), [0, 0, 0, 1, 4, 9, 9]);
  assert.equal(levelOf(NaN), 0);
});

test('without colour a cell is its symbol with the accuracy written in; × diverged, · training, [ ] the cursor', () => {
  const map = drawHeatmap(base);
  assert.equal(map.first, 0);
  assert.equal(map.last, 2);
  assert.deepEqual(map.lines, [
    'gain →       0.5            1             2',
    '                          Xavier',
    'depth 1            50 [@@@@@@@@@ 96]      ·',
    'depth 2  ========= 73       ×        @@@@@@@@ 100',
  ]);
  assert.equal(cellWidth(60, base.rowLabels, 3), 12, '(60 - 8) / 3 - 2 = 15, at most 12');
  assert.ok(!map.lines.join('').includes('\u001B'), 'no colour codes');
});

test('with colour a cell is a 256-colour background with its number, and the cursor still brackets it', () => {
  const map = drawHeatmap({ ...base, color: true });
  const row1 = map.lines[2]!;
  assert.match(row1, /\u001B\[38;5;15;48;5;53m {5}50 {5}\u001B\[0m/, 'chance: dark purple, white text');
  assert.match(row1, /\[\u001B\[38;5;16;48;5;226m {5}96 {5}\u001B\[0m\]/, '96%: yellow, black text, under the cursor');
  assert.match(map.lines[3]!, /48;5;30m {5}73 /, '73%: teal');
  assert.match(map.lines[3]!, /48;5;124m {5}× {6}/, 'diverged: dark red');
  assert.equal(stripVTControlCharacters(row1).trimEnd(), 'depth 1       50      [     96     ]      ·');
});

test('taller cells repeat the fill and carry the number and the row label on the middle row', () => {
  const map = drawHeatmap({ ...base, cellHeight: 3 });
  assert.equal(map.lines.length, 2 + 2 * 3);
  assert.deepEqual(map.lines.slice(2, 5), [
    '                      [@@@@@@@@@@@@]',
    'depth 1            50 [@@@@@@@@@ 96]      ·',
    '                      [@@@@@@@@@@@@]',
  ]);
});

test('more gains than fit: a window of columns around the cursor, with ◀ ▶ where some are hidden', () => {
  const cols = 40;
  const cells: HeatCell[] = Array.from({ length: cols }, (_, k) => ({ value: 0.5 + k / 80 }));
  const map = drawHeatmap({
    ...base,
    rowLabels: ['depth 1'],
    colLabels: cells.map((_, k) => String(k)),
    cells,
    cursor: { row: 0, col: 20 },
    width: 60,
    marks: [],
  });
  assert.ok(map.last - map.first + 1 < cols);
  assert.ok(map.first <= 20 && 20 <= map.last);
  assert.match(map.lines[0]!, /◀/);
  assert.match(map.lines[0]!, /▶$/);
  for (const line of map.lines) assert.ok(line.length <= 60, line);
  assert.deepEqual(visibleColumns(40, 10, 0), { first: 0, last: 9 });
  assert.deepEqual(visibleColumns(40, 10, 39), { first: 30, last: 39 });
  assert.deepEqual(visibleColumns(5, 10, 3), { first: 0, last: 4 });
});

test('the legend names every level, × and ·, with no colour codes under NO_COLOR', () => {
  const plain = heatLegend(false);
  assert.equal(plain.length, 3);
  assert.equal(plain[2], 'theory at the start (1st column): ↓ signal or gradient vanishes, ↑ explodes');
  assert.ok(plain[2]!.length <= 78, 'the theory line fits 80 columns with the frame');
  assert.equal(plain[0], 'mean test accuracy     .  :  -  =  +  *  #  %  @     ×  a seed diverged');
  assert.equal(plain[1], '         from (%)   50 55 60 65 70 75 80 85 90 95   · training   ! failed');
  const coloured = heatLegend(true);
  assert.match(coloured[0]!, /48;5;53m {3}/);
  assert.equal(stripVTControlCharacters(coloured[0]!).length, plain[0]!.length);
});

test("a cell shows the theory's arrow in its first column, apart from its accuracy, in colour and without", () => {
  const cells = [
    { value: 0.96, theory: '↓' as const },
    { value: 0.5, theory: '↑' as const },
    { value: 0.9 },
    { value: undefined, mark: '×' as const, theory: '↑' as const },
  ];
  for (const color of [false, true]) {
    const map = drawHeatmap({
      rowLabels: ['depth 1'],
      colLabels: ['0.1', '1', '10', '100'],
      cells,
      cursor: { row: 0, col: 2 },
      width: 60,
      cellHeight: 1,
      marks: [],
      color,
    });
    const row = stripVTControlCharacters(map.lines[2]!);
    assert.match(row, /↓[^↑]*96.*↑.*50.*90.*↑/, row);
    assert.equal([...row].filter((ch) => ch === '↓' || ch === '↑').length, 3, 'no arrow where the theory says it propagates');
  }
});
