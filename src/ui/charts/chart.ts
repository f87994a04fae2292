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
  /** Which series to draw last (on top), e.g. the selected run (a flat line still goes underneath). */
  readonly front?: number | undefined;
  /** The whole finite range on the linear axis, instead of the default that cuts outliers (robustTop). */
  readonly fullRange?: boolean | undefined;
}

export interface Chart {
  readonly lines: string[];
  /** Plain-words notes about what could not be drawn as is (∞, NaN, clipped values). */
  readonly notes: string[];
  /** The same notes, short ("random: +∞ at 0–260 (top edge)"), for a narrow chart: one per note. */
  readonly short: string[];
  /** For the legend: which curve hides under which, and until when ("zeros hides under he until iteration 1,480"). */
  readonly hidden: string[];
  /** The same, short ("zeros under he to 1,480"), for a title line that the long form would overflow. */
  readonly hiddenShort: string[];
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

/** One value per column, sample-and-hold: a column shows the last sample at or before its end (column 0 its first). */
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
    // Column 0 keeps the run's first sample (iteration 0: random's +∞, He's 0.883), the
    // others their last, so the start and the latest cost are both drawn.
    if (b === 0 && values.length > 0) continue;
    values[b] = c;
    at[b] = i;
  }
  return { values, at };
}

/** The value at quantile q (0..1) of sorted values, interpolated between neighbours (numpy's default). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = q * (sorted.length - 1);
  const i = Math.floor(pos);
  const next = sorted[Math.min(sorted.length - 1, i + 1)]!;
  return sorted[i]! + (pos - i) * (next - sorted[i]!);
}

/**
 * The top of the default linear range: the largest value inside Tukey's upper
 * fence, Q3 + 1.5·IQR, over what the columns show. Random ×10's first
 * iterations (costs of 10 and more, against 0.07–0.9 for everything else) lie
 * far beyond it and are cut, so the informative part of every curve gets the
 * rows. The fence stays at least Q3/2 above Q3: while the curves still sit
 * together (the race's first second, IQR ≈ 0) He's start at 0.88 is not an outlier.
 */
export function robustTop(sorted: readonly number[]): number {
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  const fence = q3 + Math.max(1.5 * (q3 - q1), 0.5 * Math.abs(q3));
  let top = sorted[0]!;
  for (const v of sorted) {
    if (v > fence) break;
    top = v;
  }
  return top;
}

/** Removes float noise from a multiple of a step (0.30000000000000004 → 0.3). */
const clean = (x: number): number => Number(x.toPrecision(12));

/** The round step (1, 2, 2.5 or 5 × 10^k) that puts at most `maxTicks` ticks in [lo, hi], as many as it can. */
export function tickStep(lo: number, hi: number, maxTicks: number): number {
  const span = hi - lo;
  if (!(span > 0)) return 10 ** Math.floor(Math.log10(Math.max(Math.abs(hi), 1e-12)));
  const n = Math.max(2, maxTicks);
  let base = 10 ** Math.floor(Math.log10(span / n));
  for (;;) {
    for (const m of [1, 2, 2.5, 5]) {
      const step = m * base;
      if (Math.floor(hi / step + 1e-9) - Math.ceil(lo / step - 1e-9) + 1 <= n) return step;
    }
    base *= 10;
  }
}

/** Round tick values in [lo, hi]: multiples of tickStep. */
export function linearTicks(lo: number, hi: number, maxTicks: number): number[] {
  const step = tickStep(lo, hi, maxTicks);
  const out: number[] = [];
  for (let j = Math.ceil(lo / step - 1e-9); j <= Math.floor(hi / step + 1e-9); j++) out.push(clean(j * step));
  return out;
}

/**
 * Ticks of a log axis (lo and hi are log10 of costs): the decades inside it;
 * with fewer than two, 1, 2 and 5 × 10^k; with fewer still (less than a factor 2.5
 * of range), round linear values. Returned as costs.
 */
export function logTicks(lo: number, hi: number, maxTicks: number): number[] {
  const inside = (v: number): boolean => Math.log10(v) >= lo - 1e-9 && Math.log10(v) <= hi + 1e-9;
  const thin = (vs: number[]): number[] => {
    const every = Math.ceil(vs.length / Math.max(2, maxTicks));
    return vs.filter((_, k) => k % every === 0);
  };
  const decades: number[] = [];
  for (let k = Math.ceil(lo - 1e-9); k <= Math.floor(hi + 1e-9); k++) decades.push(clean(10 ** k));
  const ones: number[] = [];
  for (let k = Math.floor(lo) - 1; k <= Math.ceil(hi); k++)
    for (const m of [1, 2, 5]) if (inside(m * 10 ** k)) ones.push(clean(m * 10 ** k));
  // Three decades or more, or no room for 2 and 5 between them: decades only.
  if (decades.length >= 3 || (decades.length === 2 && ones.length > maxTicks)) return thin(decades);
  if (ones.length >= 2 && ones.length <= maxTicks) return ones;
  if (decades.length === 2) return decades;
  return linearTicks(10 ** lo, 10 ** hi, maxTicks).filter((v) => v > 0);
}

/** A tick value as short as it reads: 0.25, 2.5, 10, 1e-5. */
export function tickText(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential().replace('e+', 'e');
  return String(clean(v));
}

/** The most ticks an axis of `rows` rows gets: one every three rows or so, and at least two. */
export function maxTicksFor(rows: number): number {
  return Math.max(2, Math.floor((rows - 1) / 3) + 1);
}

/** A cost for the log axis: log10, with 0 (or below) floored so it stays drawable. */
function toAxis(c: number, log: boolean): number {
  if (!log) return c;
  return Math.log10(Math.max(c, 1e-12));
}

/** "iteration 40" or "iterations 0–260": where the samples lie. */
function where(iterations: readonly number[]): string {
  const first = iterations[0] ?? 0;
  const last = iterations[iterations.length - 1] ?? first;
  return first === last ? `iteration ${integer(first)}` : `iterations ${integer(first)}–${integer(last)}`;
}

/** The notes under a chart, as plain sentences: what could not be drawn where it is. */
export function infinityNote(label: string, iterations: readonly number[]): string {
  return iterations[0] === 0
    ? `${label} starts at an infinite cost (+∞) — ${where(iterations)}; drawn on the top edge.`
    : `${label} has an infinite cost (+∞) at ${where(iterations)}; drawn on the top edge.`;
}

/** The short form of an infinity note, for a narrow chart. */
function infinityShort(label: string, iterations: readonly number[]): string {
  return `${label}: +∞ at ${where(iterations).replace(/^iterations? /, '')} (top edge)`;
}

/**
 * What the default range cut of one series: its finite costs above the top. A
 * cut that covers the series' start (random's spike) reads "first N iterations".
 * Short, for a narrow chart: "random: cut above 1 until 300 (f)".
 */
export function cutNote(label: string, points: readonly CostPoint[], top: number, short = false): string | undefined {
  const cut = points.filter(([, c]) => Number.isFinite(c) && c > top).map(([i]) => i);
  if (cut.length === 0) return undefined;
  const last = cut[cut.length - 1]!;
  const prefix = points.every(([i, c]) => i > last || !Number.isFinite(c) || c > top);
  const above = tickText(top);
  if (short)
    return `${label}: cut above ${above} ${prefix ? `until ${integer(last)}` : `at ${where(cut).replace(/^iterations? /, '')}`} (f)`;
  return prefix
    ? `${label}'s first ${integer(last)} iterations, above ${above}, are cut: f shows the full range.`
    : `${label}'s costs above ${above} at ${where(cut)} are cut: f shows the full range.`;
}

/** The index of the point whose iteration is nearest `target` (points in iteration order, not empty). */
export function nearestPoint(points: readonly CostPoint[], target: number): number {
  let lo = 0;
  let hi = points.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]![0] < target) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && target - points[lo - 1]![0] <= points[lo]![0] - target) return lo - 1;
  return lo;
}

/**
 * The chart cursor (a fraction of the iteration axis) as a recorded
 * iteration: the sample of the reference series nearest cursor × (iterations − 1).
 * 0 is iteration 0 itself, 1 the latest sample, and every recorded iteration i
 * is the cursor i / (iterations − 1).
 */
export function cursorIteration(points: readonly CostPoint[], cursor: number, iterations: number): number | undefined {
  if (points.length === 0) return undefined;
  const target = Math.round(Math.min(1, Math.max(0, cursor)) * Math.max(0, iterations - 1));
  return points[nearestPoint(points, target)]![0];
}

/**
 * Which drawn series hide under a later one, column by column, as asciichart
 * draws them: series s at column x occupies the rows from its value at x to its
 * value at x + 1 (a step is drawn in the column it starts from). A column of s
 * is hidden when every one of its cells is covered by later series.
 * `rows[k]` are the rows (0 = bottom) of drawn series k, in drawing order.
 */
export function hiddenColumns(rows: readonly (readonly number[])[]): boolean[][] {
  const span = (r: readonly number[], x: number): [number, number] =>
    x + 1 < r.length ? [Math.min(r[x]!, r[x + 1]!), Math.max(r[x]!, r[x + 1]!)] : [r[x]!, r[x]!];
  return rows.map((r, k) =>
    r.map((_, x) => {
      const [a, b] = span(r, x);
      for (let row = a; row <= b; row++) {
        let covered = false;
        for (let j = k + 1; j < rows.length && !covered; j++) {
          const later = rows[j]!;
          if (x >= later.length) continue;
          const [c, d] = span(later, x);
          covered = c <= row && row <= d;
        }
        if (!covered) return false;
      }
      return true;
    }),
  );
}

/** Draws the series; never throws on non-finite costs, empty series or a constant. */
export function drawChart(series: readonly ChartSeries[], o: ChartOptions): Chart {
  const columns = plotColumns(o.width);
  const fitted = series.map((s) => fitSeries(s.points, columns, o.iterations));
  const finite: number[] = [];
  for (const f of fitted) for (const v of f.values) if (Number.isFinite(v)) finite.push(toAxis(v, o.logScale));
  // Notes about what cannot be drawn come from every sample, not only the ones a column shows.
  const notes: string[] = [];
  const infinite: string[] = [];
  const short: string[] = [];
  const shortInfinite: string[] = [];
  for (const s of series) {
    if (s.label === '') continue; // a sweep's spread lines: their scheme already speaks
    const inf = s.points.filter(([, c]) => c === Infinity).map(([i]) => i);
    const nan = s.points.filter(([, c]) => Number.isNaN(c)).map(([i]) => i);
    if (inf.length > 0) {
      infinite.push(infinityNote(s.label, inf));
      shortInfinite.push(infinityShort(s.label, inf));
    }
    if (nan.length > 0) {
      infinite.push(`${s.label} diverged: its cost is NaN at ${where(nan)}; drawn on the bottom edge.`);
      shortInfinite.push(`${s.label}: NaN at ${where(nan).replace(/^iterations? /, '')} (bottom edge)`);
    }
  }
  if (finite.length === 0) {
    const empty = fitted.every((f) => f.values.length === 0);
    const line = empty ? 'waiting for the first costs…' : 'no finite cost to draw';
    // Full height even when empty, so the layout does not jump when the first costs arrive;
    // the line fits the chart's width (a small chart cuts it rather than wrap).
    const first = `${' '.repeat(PREFIX)}${line}`.slice(0, Math.max(1, o.width));
    return {
      lines: [first, ...Array.from({ length: o.height }, () => ' ')],
      notes: infinite,
      short: shortInfinite,
      hidden: [],
      hiddenShort: [],
    };
  }
  finite.sort((a, b) => a - b);
  const rowsTall = Math.max(2, o.height);
  let lo = finite[0]!;
  // Linear axis, default range: the top at Tukey's fence (robustTop), so a burst of huge
  // costs (×10 at the start) does not flatten every other curve; `f` shows them all.
  // The full range (and the log axis, which needs no cut) reaches the highest recorded
  // cost, also where a column shows a later sample (random's 25.8 at iteration 80).
  let top = finite[finite.length - 1]!;
  if (o.logScale || o.fullRange)
    for (const s of series) for (const [, c] of s.points) if (Number.isFinite(c)) top = Math.max(top, toAxis(c, o.logScale));
  let hi = o.logScale || o.fullRange ? top : robustTop(finite);
  if (hi - lo < 1e-9 * Math.max(1, Math.abs(hi))) {
    // A constant (zeros sits at ln 2): give it a band so it draws mid-height.
    const pad = Math.max(1e-3, Math.abs(hi) * 0.05);
    lo -= pad;
    hi += pad;
  }
  const maxTicks = maxTicksFor(rowsTall);
  if (!o.logScale) {
    // Round ends: the top and bottom rows are ticks themselves (and costs never go below 0).
    const step = tickStep(lo, hi, maxTicks);
    const floor = clean(Math.floor(lo / step + 1e-9) * step);
    lo = finite[0]! >= 0 ? Math.max(0, floor) : floor;
    hi = clean(Math.ceil(hi / step - 1e-9) * step);
  }
  const ratio = (rowsTall - 1) / (hi - lo);
  const rowOf = (y: number): number => Math.round((y - lo) * ratio);

  // Each drawn series as axis values (clamped into the range), and the costs it cuts.
  const axisValues = fitted.map((f) =>
    f.values.map((v) => {
      if (Number.isNaN(v)) return lo;
      if (!Number.isFinite(v)) return v > 0 ? hi : lo;
      return Math.min(hi, Math.max(lo, toAxis(v, o.logScale)));
    }),
  );
  if (!o.logScale && !o.fullRange)
    for (const s of series) {
      const note = s.label === '' ? undefined : cutNote(s.label, s.points, hi);
      if (note) {
        notes.push(note);
        short.push(cutNote(s.label, s.points, hi, true)!);
      }
    }
  notes.push(...infinite);
  short.push(...shortInfinite);

  // Drawing order: the seeds' grey spreads first; then flat lines (zeros at ln 2),
  // selected or not, since on top a flat line would hide a curve that moves (He's
  // first 1,500 iterations run along it) and underneath it shows wherever nothing
  // else passes; then the rest, the selected run last, on top.
  const present = series.map((_, k) => k).filter((k) => fitted[k]!.values.length > 0);
  const flat = (k: number): boolean => axisValues[k]!.every((y) => rowOf(y) === rowOf(axisValues[k]![0]!));
  const spreads = present.filter((k) => series[k]!.label === '');
  const labelled = present.filter((k) => series[k]!.label !== '');
  const flats = labelled.filter(flat);
  const moving = labelled.filter((k) => !flat(k) && k !== o.front);
  const front = o.front !== undefined && labelled.includes(o.front) && !flats.includes(o.front) ? [o.front] : [];
  const order = [...spreads, ...flats, ...moving, ...front];

  // Which labelled curve hides under which, for the legend.
  const hidden: string[] = [];
  const hiddenShort: string[] = [];
  const drawnRows = order.map((k) => axisValues[k]!.map(rowOf));
  const under = hiddenColumns(drawnRows);
  order.forEach((k, n) => {
    const s = series[k]!;
    if (s.label === '') return;
    const cols = under[n]!;
    // The longest run of hidden columns (the first one on a tie).
    let best: [number, number] | undefined;
    for (let x = 0; x < cols.length; x++) {
      if (!cols[x]) continue;
      let end = x;
      while (end + 1 < cols.length && cols[end + 1]) end++;
      if (!best || end - x > best[1] - best[0]) best = [x, end];
      x = end;
    }
    // A crossing takes a column or two; a note is for a curve out of sight for a while.
    if (!best || best[1] - best[0] + 1 < Math.max(3, Math.ceil(0.05 * cols.length))) return;
    // Who covers it: the later labelled series on the same row most often over that run.
    const counts = new Map<number, number>();
    for (let x = best[0]; x <= best[1]; x++)
      for (let j = n + 1; j < order.length; j++)
        if (series[order[j]!]!.label !== '' && drawnRows[j]![x] === drawnRows[n]![x]) counts.set(j, (counts.get(j) ?? 0) + 1);
    const by = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    if (!by) return;
    const f = fitted[k]!;
    const to = f.at[best[1]]!;
    const over = series[order[by[0]]!]!.label;
    hidden.push(
      best[0] === 0
        ? `${s.label} hides under ${over} until iteration ${integer(to)}`
        : `${s.label} hides under ${over} at iterations ${integer(f.at[best[0]]!)}–${integer(to)}`,
    );
    hiddenShort.push(
      best[0] === 0 ? `${s.label} under ${over} to ${integer(to)}` : `${s.label} under ${over} ${integer(f.at[best[0]]!)}–${integer(to)}`,
    );
  });

  // Round tick values, each on the row nearest its value; the other rows unlabelled.
  const tickRows = new Map<number, string>();
  const tickValues = o.logScale ? logTicks(lo, hi, maxTicks) : linearTicks(lo, hi, maxTicks);
  for (const t of tickValues) {
    const row = rowsTall - 1 - rowOf(toAxis(t, o.logScale));
    if (row >= 0 && row < rowsTall && !tickRows.has(row)) tickRows.set(row, tickText(t).padStart(LABEL_WIDTH).slice(-LABEL_WIDTH));
  }
  const blank = ' '.repeat(LABEL_WIDTH);
  // Plotted from 0 to hi − lo over a whole number of rows (asciichart rounds min·ratio and
  // max·ratio apart from the points otherwise), so rows, points and labels agree.
  const text = asciichart.plot(
    order.map((k) => axisValues[k]!.map((y) => y - lo)),
    {
      height: rowsTall - 1,
      min: 0,
      max: hi - lo,
      format: (_: number, row: number) => tickRows.get(row) ?? blank,
      // No '┼' on the bottom row: asciichart marks the row of the value 0, which here is lo.
      symbols: ['┤', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'],
      ...(o.color ? { colors: order.map((k) => chartColor(series[k]!.color)) } : {}),
    },
  );
  const lines = text.split('\n').map(compactColors);

  // The x axis: iteration labels under the plot, and the cursor if there is one.
  lines.push(xAxis(columns, o.iterations));
  let readout: Chart['readout'];
  if (o.cursor !== undefined) {
    // The cursor reads recorded samples: the front series' (else the longest one's) nearest one.
    const ref = front[0] ?? labelled.reduce((a, k) => (series[k]!.points.length > series[a]!.points.length ? k : a), labelled[0] ?? 0);
    const iteration = cursorIteration(series[ref]!.points, o.cursor, o.iterations) ?? 0;
    const col = Math.min(columns - 1, Math.floor((iteration * columns) / Math.max(1, o.iterations)));
    lines.push(`${' '.repeat(PREFIX + col)}${paint('▲', o.color, 'white')}`);
    const slack = o.iterations / columns;
    readout = {
      iteration,
      costs: series.map((s) => {
        if (s.points.length === 0) return undefined;
        const p = s.points[nearestPoint(s.points, iteration)]!;
        return Math.abs(p[0] - iteration) <= slack ? p[1] : undefined;
      }),
    };
  }
  return { lines, notes, short, hidden, hiddenShort, ...(readout ? { readout } : {}) };
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
