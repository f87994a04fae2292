/**
 * The decision boundary as terminal text: the (-1.5..1.5)² plane, two pixels
 * per character cell with the upper half block "▀" (foreground = top pixel,
 * background = bottom pixel), the predicted class as the colour, and the
 * training points drawn over it. Pure: the caller prints the lines.
 */
import stringWidth from 'string-width';
import type { Dataset } from '../../core/datasets.js';
import type { Params } from '../../core/network.js';
import { classifyGrid, PLANE, resample, type Boundary } from '../../engine/boundary.js';
import { paint, type ColorName } from '../chrome/theme.js';

const CLASS_COLOR: readonly [ColorName, ColorName] = ['red', 'blue'];
/** The SGR codes of the classes' colours (red 0, blue 1), as theme.ts paints them. */
const FG = [31, 34] as const;
const BG = [41, 44] as const;

/** The cell (column, text row) a point falls in, or undefined outside the plane. */
function cellOf(px: number, py: number, cols: number, rows: number): [number, number] | undefined {
  const c = Math.floor(((px + PLANE) / (2 * PLANE)) * cols);
  const r = Math.floor(((PLANE - py) / (2 * PLANE)) * rows);
  return c >= 0 && c < cols && r >= 0 && r < rows ? [c, r] : undefined;
}

/**
 * `rows` text lines of `cols` cells. With colour: half blocks in red (class 0,
 * the outer circle) and blue (class 1, the inner one); points as "●" (label 1,
 * white) and "○" (label 0, black) on the predicted colour of their cell, so the
 * two labels differ in shape as well as colour. Without colour: "·" marks
 * class 1, spaces class 0, and points are "x" (label 1) and "o" (label 0).
 */
export function renderDecisionMap(p: Params, data: Dataset, cols: number, rows: number, color: boolean): string[] {
  return drawClasses(classifyGrid(p, cols, rows * 2), data, cols, rows, color);
}

/** The same map from a worker's snapshot (resampled to the cells), while the run trains. */
export function renderSnapshot(b: Boundary, data: Dataset, cols: number, rows: number, color: boolean): string[] {
  return drawClasses(resample(b, cols, rows * 2), data, cols, rows, color);
}

/**
 * What the map's marks mean, in shapes and words that need no colour (the
 * colours named, with a swatch of each): one line; two (points, areas) when
 * `width` is short; each entry whole on as many lines as it takes when shorter.
 */
export function mapLegend(color: boolean, width: number): string[] {
  const points = color ? ['● class 1', '○ class 0 (points)'] : ['x class 1', 'o class 0 (points)'];
  const areas = color
    ? [`${paint('■', true, CLASS_COLOR[1])} blue: predicts 1`, `${paint('■', true, CLASS_COLOR[0])} red: predicts 0`]
    : ['· predicts 1', 'blank: predicts 0'];
  const one = `${points.join('  ')} · ${areas.join('  ')}`;
  if (stringWidth(one) <= width) return [one];
  const two = [points.join('  '), areas.join('  ')];
  if (two.every((l) => stringWidth(l) <= width)) return two;
  // Narrower still: the four entries packed in order, two spaces apart, a new line where the next does not fit.
  const lines: string[] = [];
  for (const item of [...points, ...areas]) {
    const last = lines[lines.length - 1];
    if (last !== undefined && stringWidth(last) + 2 + stringWidth(item) <= width) lines[lines.length - 1] = `${last}  ${item}`;
    else lines.push(item);
  }
  return lines;
}

function drawClasses(grid: Uint8Array, data: Dataset, cols: number, rows: number, color: boolean): string[] {
  const points = new Map<number, number>();
  for (let j = 0; j < data.m; j++) {
    const cell = cellOf(data.x[j]!, data.x[data.m + j]!, cols, rows);
    if (cell) points.set(cell[1] * cols + cell[0], data.y[j]!);
  }
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    // One SGR code per run of cells of the same colours, not one per cell: a map is mostly
    // wide areas of one class, and the escapes were most of what Ink had to measure per frame.
    let style = '';
    for (let c = 0; c < cols; c++) {
      const top = grid[2 * r * cols + c]!;
      const bottom = grid[(2 * r + 1) * cols + c]!;
      const label = points.get(r * cols + c);
      if (!color) {
        if (label !== undefined) line += label === 1 ? 'x' : 'o';
        else line += top + bottom >= 1 ? '·' : ' ';
        continue;
      }
      const want = label !== undefined ? `${label === 1 ? 97 : 30};${BG[top]}` : `${FG[top]};${BG[bottom]}`;
      if (want !== style) {
        line += `\u001B[${want}m`;
        style = want;
      }
      line += label === undefined ? '▀' : label === 1 ? '●' : '○';
    }
    lines.push(color ? `${line}\u001B[0m` : line);
  }
  return lines;
}
