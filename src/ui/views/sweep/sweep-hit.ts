/**
 * Which cell of the sweep's depth × gain map a click hit, pure, from the
 * numbers the map is drawn with (charts/heatmap.ts's cellWidth and
 * visibleColumns, sweep-layout's mapCellHeight): under the header (one row or two), the panel's
 * border, the title, the column labels and the marks come first; then each
 * depth is `cellHeight` rows, each gain a cell of its width after the depth labels.
 */
import { depthValues, gridSize } from '../../../core/sweep.js';
import type { ExperimentConfig } from '../../../core/config.js';
import { cellWidth, visibleColumns } from '../../charts/heatmap.js';
import { cursorOf, mapCellHeight } from './sweep-layout.js';

/** Rows above the first depth under the header: the panel's top border, the title, the column labels, the marks. */
const ABOVE_GRID = 4;

export function cellAt(
  column: number,
  row: number,
  config: ExperimentConfig,
  columns: number,
  rows: number,
  selected: number,
  /** The header's rows (the frame's: one, or two where it wraps). */
  headerRows = 1,
): number | undefined {
  const above = headerRows + ABOVE_GRID;
  if (!config.sweep?.depth) return undefined;
  const { rows: depths, cols } = gridSize(config.sweep);
  const labels = depthValues(config.sweep, config.layers).map((d) => `depth ${d}`);
  // The map is drawn inside the panel's border: its width and its first column.
  const width = columns - 2;
  const lw = Math.max(...labels.map((l) => l.length), 5) + 1;
  const cw = cellWidth(width, labels, cols) + 2;
  const { first, last } = visibleColumns(cols, Math.floor((width - lw) / cw), cursorOf(selected, config).col);
  const r = Math.floor((row - above) / mapCellHeight(rows, depths));
  const x = column - 1 - lw;
  const c = first + Math.floor(x / cw);
  if (row < above || r >= depths || x < 0 || c > last) return undefined;
  return r * cols + c;
}
