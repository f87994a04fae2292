/**
 * The depth × gain map as terminal text, pure: a cell per (depth, gain),
 * coloured by its mean test accuracy (a 256-colour ramp from chance to
 * perfect), or, without colour, a symbol ramp with the number written in.
 * Diverged cells show "×", failed ones "!", cells still training a dim "·".
 * Also the column labels with He's and Xavier's gains marked, the legend,
 * and which columns fit when there are more gains than the width holds.
 */
import { paint } from '../chrome/theme.js';

/** Ten levels of 5 points of test accuracy each, from chance (50%) up: ' ' is 50–55%, '@' 95–100%. */
export const RAMP = ' .:-=+*#%@';
export const LEVEL_FLOOR = 0.5;
const STEP = 0.05;

/**
 * Background colours of the ten levels, xterm-256 (a viridis-like ramp: dark
 * purple at chance through blue and green to yellow at 100%). Dark ones get
 * white text, light ones black.
 */
const BG = [53, 54, 60, 24, 30, 36, 35, 71, 149, 226] as const;
const DARK_TEXT_FROM = 7;
/** Diverged and failed cells: white on dark red. */
const BAD_BG = 124;

/** The level (0–9) of an accuracy; below chance counts as the lowest. */
export function levelOf(accuracy: number): number {
  if (!Number.isFinite(accuracy)) return 0;
  return Math.max(0, Math.min(RAMP.length - 1, Math.floor((accuracy - LEVEL_FLOOR) / STEP + 1e-9)));
}

/** What one cell shows: its mean, or a mark when it has none to show. */
export interface HeatCell {
  /** Mean test accuracy (0–1) of the seeds averaged so far; undefined: none yet. */
  readonly value: number | undefined;
  /** "×" a seed diverged (not averaged), "!" every seed failed; undefined: show the value. */
  readonly mark?: '×' | '!' | undefined;
  /** The theory's prediction at initialization, in the cell's first column: ↓ vanishing, ↑ exploding, nothing: propagates. */
  readonly theory?: '↓' | '↑' | undefined;
}

export interface HeatmapOptions {
  readonly rowLabels: readonly string[];
  readonly colLabels: readonly string[];
  /** Row-major: cell (r, c) is cells[r · cols + c]. */
  readonly cells: readonly HeatCell[];
  readonly cursor: { readonly row: number; readonly col: number };
  /** Columns available, row labels included. */
  readonly width: number;
  /** Text rows per grid row (1–3). */
  readonly cellHeight: number;
  /** Labels under some columns (He's and Xavier's gains). */
  readonly marks: readonly { readonly col: number; readonly label: string }[];
  readonly color: boolean;
}

export interface Heatmap {
  /** The column labels, the marks, then the grid rows. */
  readonly lines: string[];
  /** The columns shown: first … last (inclusive); fewer than all when the width is short. */
  readonly first: number;
  readonly last: number;
}

/** Widest row label, and the row-label column's width. */
function labelWidth(rowLabels: readonly string[]): number {
  return Math.max(...rowLabels.map((l) => l.length), 5) + 1;
}

/**
 * Inner width of a cell (between its two bracket columns): as wide as the
 * labels want, at most 12, at least 1.
 */
export function cellWidth(width: number, rowLabels: readonly string[], cols: number): number {
  const avail = width - labelWidth(rowLabels);
  return Math.max(1, Math.min(12, Math.floor(avail / Math.max(1, cols)) - 2));
}

/** The window of columns that fits, keeping `cursor` inside and centred when it can. */
export function visibleColumns(cols: number, fits: number, cursor: number): { first: number; last: number } {
  if (fits >= cols) return { first: 0, last: cols - 1 };
  const n = Math.max(1, fits);
  const first = Math.max(0, Math.min(cols - n, cursor - Math.floor(n / 2)));
  return { first, last: first + n - 1 };
}

/** Writes `text` centred at `centre` into `row` if it fits and overlaps nothing written before. */
function place(row: string[], text: string, centre: number, taken: boolean[]): void {
  const start = Math.max(0, Math.min(row.length - text.length, centre - Math.floor((text.length - 1) / 2)));
  for (let k = Math.max(0, start - 1); k < Math.min(row.length, start + text.length + 1); k++) if (taken[k]) return;
  for (let k = 0; k < text.length; k++) {
    row[start + k] = text[k]!;
    taken[start + k] = true;
  }
}

function sgr(text: string, color: boolean, fg: number, bg: number): string {
  return color ? `\u001B[38;5;${fg};48;5;${bg}m${text}\u001B[0m` : text;
}

/** One text row of a cell: `inner` columns. `middle`: the row that carries the number or the mark. */
function cellRow(cell: HeatCell, inner: number, middle: boolean, color: boolean): string {
  // The theory's arrow stands in the cell's first column, in colour and without, apart from the accuracy it is beside.
  if (!middle || cell.theory === undefined || inner < 3) return cellBody(cell, inner, middle, color);
  return arrow(cell, color) + cellBody(cell, inner - 1, middle, color);
}

/** The theory's arrow on the cell's own background. */
function arrow(cell: HeatCell, color: boolean): string {
  const a = cell.theory ?? ' ';
  if (!color) return a;
  if (cell.mark !== undefined) return sgr(a, true, 15, BAD_BG);
  if (cell.value === undefined) return paint(a, true, 'gray');
  const level = levelOf(cell.value);
  return sgr(a, true, level >= DARK_TEXT_FROM ? 16 : 15, BG[level]!);
}

function cellBody(cell: HeatCell, inner: number, middle: boolean, color: boolean): string {
  if (cell.mark !== undefined) {
    const text = middle ? centre(cell.mark, inner) : ' '.repeat(inner);
    return color ? sgr(text, true, 15, BAD_BG) : middle ? text : ' '.repeat(inner);
  }
  if (cell.value === undefined) return paint(middle ? centre('·', inner) : ' '.repeat(inner), color, 'gray');
  const level = levelOf(cell.value);
  const pct = String(Math.round(cell.value * 100));
  if (color) {
    const text = middle && inner >= pct.length ? centre(pct, inner) : ' '.repeat(inner);
    return sgr(text, true, level >= DARK_TEXT_FROM ? 16 : 15, BG[level]!);
  }
  const sym = RAMP[level]!;
  // Without colour: the symbol fills the cell, and the number is written in where it fits.
  if (middle && inner >= pct.length + 2) return sym.repeat(inner - pct.length - 1) + ' ' + pct;
  return sym.repeat(inner);
}

function centre(text: string, width: number): string {
  if (text.length >= width) return text.slice(0, width);
  const left = Math.floor((width - text.length) / 2);
  return ' '.repeat(left) + text + ' '.repeat(width - text.length - left);
}

/** The map: column labels, marks, then `rows × cellHeight` text rows. */
export function drawHeatmap(o: HeatmapOptions): Heatmap {
  const rows = o.rowLabels.length;
  const cols = o.colLabels.length;
  const lw = labelWidth(o.rowLabels);
  const inner = cellWidth(o.width, o.rowLabels, cols);
  const cw = inner + 2;
  const { first, last } = visibleColumns(cols, Math.floor((o.width - lw) / cw), o.cursor.col);
  const shown = last - first + 1;
  const lineWidth = lw + shown * cw;

  // Column labels, centred on their cells; a label that would touch the previous one is left out.
  const head = Array.from({ length: lineWidth }, () => ' ');
  const headTaken = head.map(() => false);
  const centreOf = (c: number) => lw + (c - first) * cw + 1 + Math.floor((inner - 1) / 2);
  const order = [o.cursor.col, first, last, ...Array.from({ length: shown }, (_, k) => first + k)];
  for (const c of order) if (c >= first && c <= last) place(head, o.colLabels[c]!, centreOf(c), headTaken);
  if (first > 0) head[lw - 2] = '◀';
  if (last < cols - 1) head[lineWidth - 1] = '▶';
  const title = 'gain →';
  for (let k = 0; k < Math.min(title.length, lw - 1); k++) head[k] = title[k]!;

  const markRow = Array.from({ length: lineWidth }, () => ' ');
  const markTaken = markRow.map(() => false);
  for (const m of o.marks) if (m.col >= first && m.col <= last) place(markRow, m.label, centreOf(m.col), markTaken);

  const lines = [head.join('').trimEnd(), paint(markRow.join('').trimEnd(), o.color, 'yellow')];
  const mid = Math.floor((o.cellHeight - 1) / 2);
  for (let r = 0; r < rows; r++) {
    for (let h = 0; h < o.cellHeight; h++) {
      let line = h === mid ? o.rowLabels[r]!.padStart(lw - 1) + ' ' : ' '.repeat(lw);
      for (let c = first; c <= last; c++) {
        const at = o.cursor.row === r && o.cursor.col === c;
        const cell = o.cells[r * cols + c] ?? { value: undefined };
        line += (at ? '[' : ' ') + cellRow(cell, inner, h === mid, o.color) + (at ? ']' : ' ');
      }
      lines.push(line.trimEnd());
    }
  }
  return { lines, first, last };
}

/**
 * The legend, two rows: each level's swatch (or symbol) over the accuracy it
 * starts at, then what × and · mean.
 */
export function heatLegend(color: boolean): string[] {
  const swatches = Array.from(RAMP, (sym, k) => (color ? sgr('   ', true, 15, BG[k]!) : ` ${sym} `)).join('');
  const bounds = Array.from(RAMP, (_, k) => String(Math.round((LEVEL_FLOOR + k * STEP) * 100)).padStart(3)).join('');
  const bad = color ? sgr(' × ', true, 15, BAD_BG) : ' × ';
  return [
    `mean test accuracy ${swatches}   ${bad} a seed diverged`,
    `         from (%)  ${bounds}   ${paint('·', color, 'gray')} training   ! failed`,
    `theory at the start (1st column): ↓ signal or gradient vanishes, ↑ explodes`,
  ];
}
