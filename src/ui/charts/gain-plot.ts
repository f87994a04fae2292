/**
 * A 1-D sweep's plot as terminal text, pure: one value per gain on a log
 * gain axis — the mean over the seeds as "●" joined by a dotted line, the
 * seeds' spread (lowest to highest) as "│" — with He's and Xavier's gains as
 * dotted verticals, a cursor on the axis, and "×" where a seed diverged.
 */
import { paint, type ColorName } from '../chrome/theme.js';

export interface GainPoint {
  /** Position on the x axis, 0 (first gain) … 1 (last gain): log(gain) scaled. */
  readonly at: number;
  /** Mean over the seeds averaged so far; undefined: none yet (or the point is marked). */
  readonly mean?: number | undefined;
  readonly min?: number | undefined;
  readonly max?: number | undefined;
  /** A seed diverged: drawn as "×" on the edge, not averaged. */
  readonly diverged?: boolean;
}

export interface GainPlotOptions {
  readonly points: readonly GainPoint[];
  /** Columns available, y labels included. */
  readonly width: number;
  /** Rows of the plot area. */
  readonly height: number;
  /** The y range, bottom to top (on the log axis when `log`). */
  readonly range: readonly [number, number];
  readonly log?: boolean;
  /** A y label, at most 8 characters. */
  readonly format: (y: number) => string;
  /** Labels under the axis at these positions (0…1). */
  readonly ticks: readonly { readonly at: number; readonly label: string }[];
  /** Dotted verticals (He, Xavier), and a row with their labels under the tick labels when `markLabels`. */
  readonly marks: readonly { readonly at: number; readonly label: string }[];
  readonly markLabels?: boolean;
  /** The cursor's position (0…1) on the axis, if any: "▲" under it, and its point drawn "◆". */
  readonly cursor?: number | undefined;
  /** Where a diverged point's "×" goes: the top edge (an infinite cost) or the bottom (no accuracy). */
  readonly divergedAt: 'top' | 'bottom';
  readonly color: boolean;
  readonly lineColor: ColorName;
}

const LABEL = 8;

/** Plot columns for a total width: the y labels and the axis take LABEL + 2, and one column stays free on the right. */
export function plotWidth(width: number): number {
  return Math.max(2, width - LABEL - 3);
}

interface Glyph {
  ch: string;
  color?: ColorName | undefined;
}

/** The plot: `height` rows, the axis, the tick labels, the mark labels. */
export function drawGainPlot(o: GainPlotOptions): string[] {
  const w = plotWidth(o.width);
  const h = Math.max(2, o.height);
  const grid: Glyph[][] = Array.from({ length: h }, () => Array.from({ length: w }, () => ({ ch: ' ' })));
  const colOf = (at: number) => Math.max(0, Math.min(w - 1, Math.round(at * (w - 1))));
  const [lo, hi] = o.range;
  const axis = (y: number) => (o.log ? Math.log10(Math.max(y, 1e-300)) : y);
  const [alo, ahi] = [axis(lo), axis(hi)];
  const rowOf = (y: number) => {
    const f = ahi > alo ? (axis(y) - alo) / (ahi - alo) : 0.5;
    return Math.max(0, Math.min(h - 1, Math.round((1 - f) * (h - 1))));
  };
  const put = (r: number, c: number, ch: string, color?: ColorName) => {
    grid[r]![c] = { ch, color };
  };

  for (const m of o.marks) for (let r = 0; r < h; r++) put(r, colOf(m.at), '┊', 'yellow');
  // The mean line, dotted, between consecutive points that have a mean.
  const withMean = o.points.filter((p) => p.mean !== undefined && Number.isFinite(p.mean) && !p.diverged);
  for (let k = 1; k < withMean.length; k++) {
    const [a, b] = [withMean[k - 1]!, withMean[k]!];
    const [ca, cb] = [colOf(a.at), colOf(b.at)];
    for (let c = ca + 1; c < cb; c++) {
      const t = (c - ca) / (cb - ca);
      put(rowOf(a.mean! + t * (b.mean! - a.mean!)), c, '·', o.lineColor);
    }
  }
  for (const p of o.points) {
    const c = colOf(p.at);
    if (p.diverged) {
      put(o.divergedAt === 'top' ? 0 : h - 1, c, '×', 'red');
      continue;
    }
    if (p.min !== undefined && p.max !== undefined && Number.isFinite(p.min) && Number.isFinite(p.max)) {
      for (let r = rowOf(p.max); r <= rowOf(p.min); r++) put(r, c, '│', 'gray');
    }
    if (p.mean !== undefined && Number.isFinite(p.mean)) put(rowOf(p.mean), c, '●', o.lineColor);
  }
  if (o.cursor !== undefined) {
    const c = colOf(o.cursor);
    for (let r = 0; r < h; r++) if (grid[r]![c]!.ch === '●') put(r, c, '◆', 'white');
  }

  const lines: string[] = [];
  const labelRows = new Map<number, string>([
    [0, o.format(hi)],
    [h - 1, o.format(lo)],
  ]);
  if (h >= 5) labelRows.set(Math.floor((h - 1) / 2), o.format(o.log ? 10 ** ((alo + ahi) / 2) : (lo + hi) / 2));
  for (let r = 0; r < h; r++) {
    const label = labelRows.get(r);
    let line = `${(label ?? '').padStart(LABEL).slice(-LABEL)} ${label !== undefined ? '┤' : '│'}`;
    for (const g of grid[r]!) line += g.color ? paint(g.ch, o.color, g.color) : g.ch;
    lines.push(line.trimEnd());
  }
  // The axis, with a tick under every labelled position and the cursor.
  const axisRow = Array.from({ length: w }, () => '─');
  for (const t of o.ticks) axisRow[colOf(t.at)] = '┬';
  let axisLine = `${' '.repeat(LABEL)} └${axisRow.join('')}`;
  if (o.cursor !== undefined) {
    const c = colOf(o.cursor);
    axisLine = `${' '.repeat(LABEL)} └${axisRow.slice(0, c).join('')}${paint('▲', o.color, 'white')}${axisRow.slice(c + 1).join('')}`;
  }
  lines.push(axisLine);
  lines.push(
    labelLine(
      o.ticks.map((t) => ({ col: colOf(t.at), label: t.label })),
      w,
    ),
  );
  if (o.markLabels && o.marks.length > 0)
    lines.push(
      paint(
        markLine(
          o.marks.map((m) => ({ col: colOf(m.at), label: m.label })),
          w,
        ),
        o.color,
        'yellow',
      ),
    );
  return lines;
}

/** Labels centred under their columns, each left out if it would touch one placed before; ends first. */
function labelLine(labels: readonly { col: number; label: string }[], w: number): string {
  const row = Array.from({ length: LABEL + 2 + w }, () => ' ');
  const taken = row.map(() => false);
  const order = labels.length > 2 ? [labels[0]!, labels[labels.length - 1]!, ...labels.slice(1, -1)] : labels;
  for (const { col, label } of order) {
    const centre = LABEL + 2 + col;
    const start = Math.max(0, Math.min(row.length - label.length, centre - Math.floor((label.length - 1) / 2)));
    let free = true;
    for (let k = Math.max(0, start - 1); k < Math.min(row.length, start + label.length + 1); k++) if (taken[k]) free = false;
    if (!free) continue;
    for (let k = 0; k < label.length; k++) {
      row[start + k] = label[k]!;
      taken[start + k] = true;
    }
  }
  return row.join('').trimEnd();
}

/** The marks' labels, left to right, each centred under its column or pushed right of the one before (never left out). */
function markLine(labels: readonly { col: number; label: string }[], w: number): string {
  let line = '';
  for (const { col, label } of [...labels].sort((a, b) => a.col - b.col)) {
    const want = LABEL + 2 + col - Math.floor((label.length - 1) / 2);
    line += ' '.repeat(Math.max(line.length === 0 ? 0 : 1, want - line.length)) + label;
  }
  return line.slice(0, LABEL + 2 + w);
}

/** Where a gain sits on a log axis from `first` to `last` (0…1); the middle when the two are equal. */
export function logPosition(gain: number, first: number, last: number): number {
  if (!(last > first)) return 0.5;
  return (Math.log(gain) - Math.log(first)) / (Math.log(last) - Math.log(first));
}

/** Tick gains for a log axis: every gain when they are few, else the decades between the ends, and the ends. */
export function tickGains(gains: readonly number[], room: number): number[] {
  if (gains.length <= room) return [...gains];
  const first = gains[0]!;
  const last = gains[gains.length - 1]!;
  const out = [first];
  for (let e = Math.ceil(Math.log10(first)); 10 ** e < last; e++) if (10 ** e > first) out.push(10 ** e);
  out.push(last);
  return out;
}
