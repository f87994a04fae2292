import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stripVTControlCharacters } from 'node:util';
import { configFrom } from '../../../../../src/core/config.ts';
import { drawHeatmap } from '../../../../../src/ui/charts/heatmap.ts';
import { cellAt } from '../../../../../src/ui/views/sweep/sweep-hit.ts';
import { mapCellHeight } from '../../../../../src/ui/views/sweep/sweep-layout.ts';

const SWEEP = configFrom({ sweep: 'gain=0.5..2:3,depth=1..2', iterations: '100' });

test("a click on a cell of the sweep's map is that cell: the hit lands where the map draws the cursor's brackets", () => {
  const columns = 120;
  const rows = 40;
  for (let selected = 0; selected < 6; selected++) {
    const cursor = { row: Math.floor(selected / 3), col: selected % 3 };
    const map = drawHeatmap({
      rowLabels: ['depth 1', 'depth 2'],
      colLabels: ['0.5', '1', '2'],
      cells: Array.from({ length: 6 }, () => ({ value: 0.5 })),
      cursor,
      width: columns - 2,
      cellHeight: mapCellHeight(rows, 2),
      marks: [],
      color: false,
    });
    // The grid's lines start at the map's third line; the map's lines at screen row 3, column 1 (inside the border).
    const gridLine = map.lines.findIndex((l, k) => k >= 2 && l.includes('['));
    const x = stripVTControlCharacters(map.lines[gridLine] ?? '').indexOf('[') + 1;
    assert.equal(cellAt(1 + x, 3 + gridLine, SWEEP, columns, rows, selected), selected, `cell ${selected}`);
  }
  assert.equal(cellAt(3, 10, SWEEP, columns, rows, 0), undefined, 'the depth labels');
  assert.equal(cellAt(40, 2, SWEEP, columns, rows, 0), undefined, 'the title');
  assert.equal(cellAt(40, 39, SWEEP, columns, rows, 0), undefined, 'below the map');
});
