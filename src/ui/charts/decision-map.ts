/**
 * The decision boundary as terminal text: the (-1.5..1.5)² plane, two pixels
 * per character cell with the upper half block "▀" (foreground = top pixel,
 * background = bottom pixel), the predicted class as the colour, and the
 * training points drawn over it. Pure: the caller prints the lines.
 */
import type { Dataset } from '../../core/datasets.js';
import type { Params } from '../../core/network.js';
import { forward } from '../../core/train.js';
import { paint, type ColorName } from '../chrome/theme.js';

export const PLANE = 1.5;

const CLASS_COLOR: readonly [ColorName, ColorName] = ['red', 'blue'];

/** Predicted class (0/1) of each pixel centre, rows top (y = +1.5) to bottom; cols left to right. */
export function classifyGrid(p: Params, cols: number, pixelRows: number): Uint8Array {
  const m = cols * pixelRows;
  const x = new Float64Array(2 * m);
  for (let r = 0; r < pixelRows; r++) {
    const y = PLANE - ((r + 0.5) * 2 * PLANE) / pixelRows;
    for (let c = 0; c < cols; c++) {
      const k = r * cols + c;
      x[k] = -PLANE + ((c + 0.5) * 2 * PLANE) / cols;
      x[m + k] = y;
    }
  }
  const a = forward(p, x, m);
  const out = new Uint8Array(m);
  for (let k = 0; k < m; k++) out[k] = a[k]! > 0.5 ? 1 : 0;
  return out;
}

/** The cell (column, text row) a point falls in, or undefined outside the plane. */
function cellOf(px: number, py: number, cols: number, rows: number): [number, number] | undefined {
  const c = Math.floor(((px + PLANE) / (2 * PLANE)) * cols);
  const r = Math.floor(((PLANE - py) / (2 * PLANE)) * rows);
  return c >= 0 && c < cols && r >= 0 && r < rows ? [c, r] : undefined;
}

/**
 * `rows` text lines of `cols` cells. With colour: half blocks in red (class 0,
 * the outer circle) and blue (class 1, the inner one); points as "●", white
 * for label 1 and black for label 0, on the predicted colour of their cell.
 * Without colour: "·" marks class 1, spaces class 0, and points are "x"
 * (label 1) and "o" (label 0).
 */
export function renderDecisionMap(p: Params, data: Dataset, cols: number, rows: number, color: boolean): string[] {
  const grid = classifyGrid(p, cols, rows * 2);
  const points = new Map<number, number>();
  for (let j = 0; j < data.m; j++) {
    const cell = cellOf(data.x[j]!, data.x[data.m + j]!, cols, rows);
    if (cell) points.set(cell[1] * cols + cell[0], data.y[j]!);
  }
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < cols; c++) {
      const top = grid[2 * r * cols + c]!;
      const bottom = grid[(2 * r + 1) * cols + c]!;
      const label = points.get(r * cols + c);
      if (!color) {
        if (label !== undefined) line += label === 1 ? 'x' : 'o';
        else line += top + bottom >= 1 ? '·' : ' ';
        continue;
      }
      if (label !== undefined) {
        const code = label === 1 ? 97 : 30;
        line += `\u001B[${code};${top === 1 ? 44 : 41}m●\u001B[0m`;
      } else line += paint('▀', true, CLASS_COLOR[top], CLASS_COLOR[bottom]);
    }
    lines.push(line);
  }
  return lines;
}
