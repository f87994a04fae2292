/**
 * Chart fitting as pure functions: down-sample cost traces to the columns a
 * terminal has, keep infinite and NaN costs from breaking asciichart (it
 * throws on them), choose a readable range, and draw. Tested without Ink.
 */
import asciichart from 'asciichart';
import type { CostPoint } from '../../core/experiment.js';
import { integer } from '../../results/format.js';
import { chartColor, paint, type ColorName } from '../chrome/theme.js';

export interface ChartSeries {
  readonly label: string;
  readonly color: ColorName;
  readonly points: readonly CostPoint[];
}

export interface ChartOptions {
  /** Columns available, labels included. */
  readonly width: number;
  /** Rows of the plot area (axis labels excluded). */
  readonly height: number;
  /** The x extent: the run's iteration count. */
  readonly iterations: number;
  readonly logScale: boolean;
  readonly color: boolean;
  /** A column cursor, as a fraction 0..1 of the x axis, or undefined for none. */
  readonly cursor?: number | undefined;
  /** Which series to draw last (on top), e.g. the selected run. */
  readonly front?: number | undefined;
}

export interface Chart {
  readonly lines: string[];
  /** Plain-words notes about what could not be drawn as is (∞, NaN, clipped values). */
  readonly notes: string[];
  /** At the cursor: the iteration and each series' cost there. */
  readonly readout?: { readonly iteration: number; readonly costs: readonly (number | undefined)[] };
}

/** Width of the y labels; asciichart adds a space and the axis after them. */
const LABEL_WIDTH = 9;
const PREFIX = LABEL_WIDTH + 2;

/** Plot columns for a total width. */
export function plotColumns(width: number): number {
  return Math.max(1, width - PREFIX - 1);
}

/** One value per column, sample-and-hold: a column shows the last sample at or before its end. */
export interface Fitted {
  readonly values: number[];
  /** The iteration whose cost each column shows. */
  readonly at: number[];
}

/**
 * Down-samples `points` (iteration order) to `columns` buckets over
 * [0, iterations). The result stops at the last bucket the run has reached;
 * buckets it skipped (a sparse trace) repeat the previous value.
 */
export function fitSeries(points: readonly CostPoint[], columns: number, iterations: number): Fitted {
  const values: number[] = [];
  const at: number[] = [];
  if (points.length === 0 || columns < 1) return { values, at };
  const bucketOf = (i: number): number => Math.min(columns - 1, Math.floor((i * columns) / Math.max(1, iterations)));
  for (const [i, c] of points) {
    const b = bucketOf(i);
    while (values.length < b) {
      values.push(values.length > 0 ? values[values.length - 1]! : c);
      at.push(at.length > 0 ? at[at.length - 1]! : i);
    }
    values[b] = c;
    at[b] = i;
  }
  return { values, at };
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))]!;
}

/** A cost for the log axis: log10, with 0 (or below) floored so it stays drawable. */
function toAxis(c: number, log: boolean): number {
  if (!log) return c;
  return Math.log10(Math.max(c, 1e-12));
}

function fromAxis(y: number, log: boolean): number {
  return log ? 10 ** y : y;
}

function label(y: number, log: boolean): string {
  const v = fromAxis(y, log);
  const text = Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(1) : v.toFixed(v >= 100 ? 1 : 3);
  return text.padStart(LABEL_WIDTH).slice(-LABEL_WIDTH);
}

/** "iteration 40" or "iterations 0–260": where the samples lie. */
function where(iterations: readonly number[]): string {
  const first = iterations[0] ?? 0;
  const last = iterations[iterations.length - 1] ?? first;
  return first === last ? `iteration ${first}` : `iterations ${first}–${last}`;
}

/** The notes under a chart, as plain sentences: what could not be drawn where it is. */
export function infinityNote(label: string, iterations: readonly number[]): string {
  return iterations[0] === 0
    ? `${label} starts at an infinite cost (+∞) — ${where(iterations)}; drawn on the top edge.`
    : `${label} has an infinite cost (+∞) at ${where(iterations)}; drawn on the top edge.`;
}

/** Draws the series; never throws on non-finite costs, empty series or a constant. */
export function drawChart(series: readonly ChartSeries[], o: ChartOptions): Chart {
  const columns = plotColumns(o.width);
  const fitted = series.map((s) => fitSeries(s.points, columns, o.iterations));
  const finite: number[] = [];
  for (const f of fitted) for (const v of f.values) if (Number.isFinite(v)) finite.push(toAxis(v, o.logScale));
  // Notes about what cannot be drawn come from every sample, not only the ones a column shows.
  const notes: string[] = [];
  for (const s of series) {
    if (s.label === '') continue; // a sweep's spread lines: their scheme already speaks
    const inf = s.points.filter(([, c]) => c === Infinity).map(([i]) => i);
    const nan = s.points.filter(([, c]) => Number.isNaN(c)).map(([i]) => i);
    if (inf.length > 0) notes.push(infinityNote(s.label, inf));
    if (nan.length > 0) notes.push(`${s.label} diverged: its cost is NaN at ${where(nan)}; drawn on the bottom edge.`);
  }
  if (finite.length === 0) {
    const empty = fitted.every((f) => f.values.length === 0);
    const line = empty ? 'waiting for the first costs…' : 'no finite cost to draw';
    // Full height even when empty, so the layout does not jump when the first costs arrive;
    // the line fits the chart's width (a small chart cuts it rather than wrap).
    const first = `${' '.repeat(PREFIX)}${line}`.slice(0, Math.max(1, o.width));
    return { lines: [first, ...Array.from({ length: o.height }, () => ' ')], notes };
  }
  finite.sort((a, b) => a - b);
  let lo = finite[0]!;
  let hi = finite[finite.length - 1]!;
  // Linear axis: a burst of huge costs (×10 at the start) would flatten every
  // other curve, so the top is clipped near the bulk of the values.
  if (!o.logScale) {
    const cap = Math.max(1, 1.5 * percentile(finite, 0.9));
    if (hi > cap) hi = cap;
    lo = Math.min(lo, hi);
  }
  if (hi - lo < 1e-9 * Math.max(1, Math.abs(hi))) {
    // A constant (zeros sits at ln 2): give it a band so it draws mid-height.
    const pad = Math.max(1e-3, Math.abs(hi) * 0.05);
    lo -= pad;
    hi += pad;
  }

  const drawn: number[][] = [];
  const colors: string[] = [];
  const order = series.map((_, k) => k).filter((k) => fitted[k]!.values.length > 0);
  if (o.front !== undefined && order.includes(o.front)) {
    order.splice(order.indexOf(o.front), 1);
    order.push(o.front);
  }
  for (const k of order) {
    const f = fitted[k]!;
    const s = series[k]!;
    let clipped = 0;
    const ys = f.values.map((v) => {
      if (Number.isNaN(v)) return lo;
      if (!Number.isFinite(v)) return v > 0 ? hi : lo;
      const y = toAxis(v, o.logScale);
      if (y > hi) {
        clipped++;
        return hi;
      }
      return Math.max(lo, y);
    });
    if (clipped > 0 && s.label !== '')
      notes.push(`${s.label}'s costs above ${fromAxis(hi, o.logScale).toFixed(3)} are cut at the top edge (y: the log scale shows them).`);
    drawn.push(ys);
    colors.push(chartColor(s.color));
  }

  // asciichart rounds min·ratio and max·ratio apart from the points, so a point can land a
  // row away from its label. Plotted from 0 to hi − lo over a whole number of rows, the
  // rows and the labels agree: each point sits on the row whose label is nearest its value.
  const text = asciichart.plot(
    drawn.map((ys) => ys.map((y) => y - lo)),
    {
      height: Math.max(1, o.height - 1),
      min: 0,
      max: hi - lo,
      format: (y: number) => label(y + lo, o.logScale),
      // No '┼' on the bottom row: asciichart marks the row of the value 0, which here is lo.
      symbols: ['┤', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'],
      ...(o.color ? { colors } : {}),
    },
  );
  const lines = text.split('\n').map(compactColors);

  // The x axis: iteration labels under the plot, and the cursor if there is one.
  const axis = xAxis(columns, o.iterations);
  lines.push(axis);
  let readout: Chart['readout'];
  if (o.cursor !== undefined) {
    const col = Math.min(columns - 1, Math.max(0, Math.round(o.cursor * (columns - 1))));
    lines.push(`${' '.repeat(PREFIX + col)}${paint('▲', o.color, 'white')}`);
    // The iteration whose cost the column shows (its last sample), not the column's first iteration.
    const shown = fitted.find((f) => col < f.at.length)?.at[col];
    const iteration = shown ?? Math.min(o.iterations - 1, Math.floor((col * o.iterations) / columns));
    readout = { iteration, costs: fitted.map((f) => (col < f.values.length ? f.values[col] : undefined)) };
  }
  return { lines, notes, ...(readout ? { readout } : {}) };
}

/** "0", the middle and the last iteration, placed under their columns. */
export function xAxis(columns: number, iterations: number): string {
  const row = Array.from({ length: PREFIX + columns }, () => ' ');
  const put = (col: number, text: string, align: 'left' | 'center' | 'right'): void => {
    let start = PREFIX + col - (align === 'right' ? text.length - 1 : align === 'center' ? Math.floor(text.length / 2) : 0);
    start = Math.max(PREFIX, Math.min(start, row.length - text.length));
    for (let k = 0; k < text.length; k++) row[start + k] = text[k]!;
  };
  put(0, '0', 'left');
  if (columns >= 24) put(Math.floor(columns / 2), integer(iterations / 2), 'center');
  if (columns >= 8) put(columns - 1, integer(iterations), 'right');
  return row.join('').trimEnd();
}

const SGR = /\u001B\[([\d;]*)m/g;

/**
 * asciichart colours every glyph on its own (colour, glyph, reset). Ink's cost
 * per frame grows with the escape codes, so runs of one colour are merged:
 * a code is written only where the colour of a visible glyph changes
 * (spaces take any colour, having no foreground to show).
 */
export function compactColors(line: string): string {
  if (!line.includes('\u001B')) return line;
  let out = '';
  let want = ''; // the colour in force in the input
  let have = ''; // the colour in force in the output
  let last = 0;
  const emitText = (text: string): void => {
    for (const ch of text) {
      if (ch !== ' ' && want !== have) {
        out += want === '' ? '\u001B[0m' : `\u001B[${want}m`;
        have = want;
      }
      out += ch;
    }
  };
  for (const m of line.matchAll(SGR)) {
    emitText(line.slice(last, m.index));
    want = m[1] === '0' || m[1] === '' ? '' : m[1]!;
    last = m.index! + m[0].length;
  }
  emitText(line.slice(last));
  if (have !== '') out += '\u001B[0m';
  return out;
}
