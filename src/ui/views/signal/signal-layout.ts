/**
 * The signal view as pure data: for each scheme the signal's second moment
 * layer after layer (input → output) and the gradient's (output → input), on
 * a log axis, measured at iteration 0 and now against the mean-field theory's
 * prediction (core/theory.ts), and for the selected scheme each layer's
 * outputs as a histogram at iteration 0 and now. The lecture on vanishing and
 * exploding signals, on one screen.
 */
import type { Diagnostics, Histogram } from '../../../core/diagnostics.js';
import { figure, fit, integer } from '../../../results/format.js';
import { doneOf, type RunView } from '../../state/runs.js';
import type { SchemeGroup } from '../../state/selectors.js';

/** What one scheme shows: its diagnostics at iteration 0 (with the theory) and now. */
export interface SignalRun {
  readonly scheme: string;
  readonly index: number;
  readonly start: Diagnostics | undefined;
  readonly now: { readonly at: number; readonly d: Diagnostics } | undefined;
}

/** The marks of a plot: the theory's line, the measurement at iteration 0, and now. */
export const MARKS = { theory: '·', start: '○', now: '●' } as const;

/** A scheme's first seed's diagnostics at 0 and at the latest point (the trained network once done). */
export function signalRun(group: SchemeGroup, index: number, iterations: number): SignalRun {
  const run: RunView | undefined = group.runs[0];
  const done = run && doneOf(run);
  const first = run?.diag[0];
  const last = run?.diag[run.diag.length - 1];
  return {
    scheme: group.scheme,
    index,
    start: done?.diagnostics.start ?? (first?.at === 0 ? first.d : undefined),
    now: done ? { at: iterations, d: done.diagnostics.end } : last && { at: last.at, d: last.d },
  };
}

/** One series over the x positions 0..n-1: a value per position (undefined: nothing to draw there). */
export interface Series {
  readonly values: readonly (number | undefined)[];
  readonly mark: string;
}

/** "1e+3" → the decade's label: 1e-3, 0.01, 0.1, 1, 10, 100, 1e3. */
function decade(k: number): string {
  if (k >= -2 && k <= 2) return String(10 ** k).replace(/^0\./, '.');
  return `1e${k}`;
}

export interface Plot {
  readonly lines: string[];
  /** Values the log axis cannot show: 0 or below (drawn on the bottom edge) and not finite (on the top). */
  readonly zeros: number;
  readonly infinite: number;
}

const LABEL = 5;

/**
 * A log-scale plot of `series` in `width` × `height` characters (axis labels
 * included): y runs over whole decades from the smallest to the largest
 * positive finite value; positions spread evenly over the columns; later
 * series are drawn over earlier ones. Between two positions the theory (the
 * first series) is drawn as a line of its mark, so a falling or rising signal
 * reads as a slope.
 */
export function logPlot(series: readonly Series[], width: number, height: number): Plot {
  const cols = Math.max(2, width - LABEL - 1);
  const rows = Math.max(2, height);
  const all = series.flatMap((s) => s.values).filter((v): v is number => v !== undefined && Number.isFinite(v) && v > 0);
  let lo = all.length > 0 ? Math.floor(Math.log10(Math.min(...all))) : -1;
  let hi = all.length > 0 ? Math.ceil(Math.log10(Math.max(...all))) : 1;
  if (hi - lo < 2) {
    lo -= 1;
    hi = lo + 2 + Math.max(0, hi - lo - 2);
  }
  const n = Math.max(...series.map((s) => s.values.length), 1);
  const colOf = (i: number): number => (n === 1 ? 0 : Math.round((i * (cols - 1)) / (n - 1)));
  const rowOf = (v: number): number => Math.round(((hi - Math.log10(v)) / (hi - lo)) * (rows - 1));
  const grid = Array.from({ length: rows }, () => new Array<string>(cols).fill(' '));
  let zeros = 0;
  let infinite = 0;
  const put = (r: number, c: number, mark: string) => {
    const row = grid[Math.max(0, Math.min(rows - 1, r))];
    if (row && c >= 0 && c < cols) row[c] = mark;
  };
  series.forEach((s, k) => {
    let prev: { c: number; r: number } | undefined;
    s.values.forEach((v, i) => {
      if (v === undefined || Number.isNaN(v)) {
        prev = undefined;
        return;
      }
      const c = colOf(i);
      if (!Number.isFinite(v)) {
        infinite++;
        put(0, c, '↑');
        prev = undefined;
        return;
      }
      if (v <= 0) {
        zeros++;
        put(rows - 1, c, '_');
        prev = undefined;
        return;
      }
      const r = rowOf(v);
      if (k === 0 && prev)
        for (let x = prev.c + 1; x < c; x++) put(Math.round(prev.r + ((r - prev.r) * (x - prev.c)) / (c - prev.c)), x, s.mark);
      put(r, c, s.mark);
      prev = { c, r };
    });
  });
  const lines = grid.map((row, r) => {
    // A label on the rows that fall on a whole decade.
    const level = hi - (r * (hi - lo)) / (rows - 1);
    const label = Math.abs(level - Math.round(level)) < 1e-9 || r === 0 || r === rows - 1 ? decade(Math.round(level)) : '';
    return `${label.padStart(LABEL)}┤${row.join('')}`;
  });
  return { lines, zeros, infinite };
}

/** The x axis under a plot of n positions: their names where they fit (in, 1, 2, …, out). */
export function layerAxis(names: readonly string[], width: number): string {
  const cols = Math.max(2, width - LABEL - 1);
  const n = names.length;
  const line = new Array<string>(cols).fill(' ');
  // The last name (out) always shows, at the right edge; the others where they fit before it, never touching.
  const lastName = names[n - 1] ?? '';
  const end = n > 1 ? cols - lastName.length - 1 : cols;
  let free = 0;
  names.forEach((name, i) => {
    const c = n === 1 ? 0 : Math.round((i * (cols - 1)) / (n - 1));
    const at = i === n - 1 && n > 1 ? cols - name.length : Math.max(free, c - Math.floor(name.length / 2));
    if (i !== n - 1 && (at < free || at + name.length > end)) return;
    for (let k = 0; k < name.length; k++) line[at + k] = name[k]!;
    free = at + name.length + 1;
  });
  return `${' '.repeat(LABEL + 1)}${line.join('')}`;
}

/** The two plots of one scheme, side by side: the signal forward, the gradient backward. */
export interface SchemeBlock {
  readonly title: string;
  readonly lines: string[];
}

/**
 * The signal of one run: q_0 (the input's mean x², the theory's start) then
 * each layer's mean z², measured at 0 and now, beside the theory's q_l; and
 * the gradient: each hidden layer's mean (m·dz)² relative to the last hidden
 * layer's (as the theory predicts it), at 0 and now, beside r_l.
 */
export function schemeBlock(run: SignalRun, width: number, plotRows: number): SchemeBlock {
  const start = run.start;
  const now = run.now?.d;
  const layers = (start ?? now)?.layers.length ?? 0;
  const q0 = start?.theory?.inputSignal;
  const signal = (d: Diagnostics | undefined, pick: (l: Diagnostics['layers'][number]) => number): (number | undefined)[] =>
    d ? [q0, ...d.layers.map(pick)] : [];
  const hidden = Math.max(0, layers - 1);
  const lastHidden = (d: Diagnostics | undefined): number => d?.layers[hidden - 1]?.gradSignal ?? NaN;
  const grad = (d: Diagnostics | undefined): (number | undefined)[] =>
    d ? d.layers.slice(0, hidden).map((l) => l.gradSignal / lastHidden(d)) : [];
  const half = Math.floor((width - 2) / 2);
  const left = logPlot(
    [
      { values: signal(start, (l) => l.signalTheory), mark: MARKS.theory },
      { values: signal(start, (l) => l.signal), mark: MARKS.start },
      { values: signal(now, (l) => l.signal), mark: MARKS.now },
    ],
    half,
    plotRows,
  );
  const right = logPlot(
    [
      { values: start ? start.layers.slice(0, hidden).map((l) => l.gradSignalTheory) : [], mark: MARKS.theory },
      { values: grad(start), mark: MARKS.start },
      { values: grad(now), mark: MARKS.now },
    ],
    half,
    plotRows,
  );
  const names = ['in', ...Array.from({ length: layers }, (_, l) => (l === layers - 1 ? 'out' : String(l + 1)))];
  const gradNames = Array.from({ length: hidden }, (_, l) => String(l + 1));
  // Each heading whole, or its short form where half the screen is too narrow (80 columns).
  const head = (long: string, short: string): string => fit(long.length <= half ? long : short, half);
  const heads = [
    head('signal  mean z², input → output', 'signal  mean z², in → out'),
    hidden > 1
      ? head('gradient  mean (m·dz)² ÷ the last hidden layer’s', 'gradient  (m·dz)² ÷ last hidden')
      : head('gradient  (one hidden layer: nothing to compare)', 'gradient  (one hidden layer)'),
  ];
  const lines = [
    heads.join('  '),
    ...left.lines.map((l, k) => `${fit(l, half)}  ${fit(right.lines[k] ?? '', half)}`),
    `${fit(layerAxis(names, half), half)}  ${fit(layerAxis(gradNames, half), half)}`,
  ];
  const theory = start?.theory;
  const edges = [left, right].reduce((a, p) => ({ zeros: a.zeros + p.zeros, infinite: a.infinite + p.infinite }), {
    zeros: 0,
    infinite: 0,
  });
  const notes = [edges.zeros > 0 ? '_ = 0' : '', edges.infinite > 0 ? '↑ = ∞' : ''].filter((s) => s !== '');
  const predicted = (long: boolean): string =>
    theory
      ? long
        ? ` · theory: ${theory.prediction} (signal ×${figure(theory.signalRatio)} in → out, gradient ×${figure(theory.gradientRatio)} back to layer 1)`
        : ` · theory: ${theory.prediction} (signal ×${figure(theory.signalRatio)}, gradient ×${figure(theory.gradientRatio)})`
      : ' · (the theory comes with iteration 0)';
  const titled = (long: boolean): string => `${run.scheme}${predicted(long)}${notes.length > 0 ? ` · ${notes.join(' · ')}` : ''}`;
  return { title: titled(true).length <= width ? titled(true) : titled(false), lines };
}

/** Block characters by height, for histogram bins. */
const BARS = ' ▁▂▃▄▅▆▇█';

/** A histogram in `bins` characters (its bins merged evenly), each bin's height relative to the tallest. */
export function histogramBar(h: Histogram | undefined, bins: number): string {
  if (!h || Number.isNaN(h.lo)) return fit(h ? 'not finite' : '', bins);
  const per = Math.max(1, Math.ceil(h.counts.length / bins));
  const merged: number[] = [];
  for (let i = 0; i < h.counts.length; i += per) merged.push(h.counts.slice(i, i + per).reduce((a, b) => a + b, 0));
  const top = Math.max(...merged, 1);
  // Any count above 0 shows at least the lowest block: an occupied bin never reads as empty.
  return fit(merged.map((c) => BARS[c === 0 ? 0 : Math.max(1, Math.round((c / top) * (BARS.length - 1)))]).join(''), bins);
}

/** "[-0.91, 1.2]" */
function rangeText(h: Histogram | undefined): string {
  if (!h || Number.isNaN(h.lo)) return '';
  return `[${figure(h.lo)}, ${figure(h.hi)}]${h.nonFinite > 0 ? ` +${h.nonFinite} ∞/NaN` : ''}`;
}

/**
 * Each layer's outputs a_l at iteration 0 and now, one row per layer; with
 * more layers than `rows`, the first and the last show and one line says how
 * many are folded between them.
 */
export function histogramLines(run: SignalRun, width: number, rows: number): string[] {
  const start = run.start;
  const now = run.now?.d;
  const layers = (start ?? now)?.layers.length ?? 0;
  const name = (l: number) => (l === layers - 1 ? 'out' : `a${l + 1}`);
  const side = Math.floor((width - 6 - 3) / 2);
  const range = Math.min(22, Math.max(0, side - 12));
  const bins = Math.max(4, Math.min(24, side - range - 1));
  const row = (l: number) => {
    const a = start?.layers[l]?.histogram;
    const b = now?.layers[l]?.histogram;
    return `${name(l).padEnd(5)} ${histogramBar(a, bins)} ${fit(rangeText(a), range)} │ ${histogramBar(b, bins)} ${fit(rangeText(b), range)}`;
  };
  const head = `${''.padEnd(5)} ${fit('iteration 0', bins + range + 1)} │ ${run.now ? `iteration ${integer(run.now.at)}` : 'now'}`;
  const all = Array.from({ length: layers }, (_, l) => l);
  if (layers <= rows) return [head, ...all.map(row)];
  const keep = Math.max(1, rows - 1);
  const first = Math.ceil(keep / 2);
  const last = keep - first;
  return [
    head,
    ...all.slice(0, first).map(row),
    `${''.padEnd(5)} … ${layers - first - last} layers folded here (a taller terminal shows them)`,
    ...all.slice(layers - last).map(row),
  ];
}

/** The view's lines for `height` rows: as many schemes as fit (a window around the selected one), then its histograms. */
export function signalScreen(
  runs: readonly SignalRun[],
  selected: number,
  width: number,
  height: number,
): { blocks: { run: SignalRun; block: SchemeBlock }[]; histogram: string[]; hidden: number; legend: string } {
  const layers = runs[0] ? ((runs[0].start ?? runs[0].now?.d)?.layers.length ?? 0) : 0;
  const histRows = Math.min(layers + 1, Math.max(3, Math.floor(height / 4))) + 1;
  // The view's title and the histograms' heading take a row each.
  const room = height - histRows - 2;
  // A block: its title, the plots' heading, the plot rows (3 to 12), the axis. Up to three blocks
  // share the room; where fewer fit, those take the rows the others would have had.
  const wanted = Math.max(1, Math.min(runs.length, 3));
  const fits = Math.max(1, Math.min(runs.length, Math.floor(room / (Math.max(3, Math.floor(room / wanted) - 3) + 3))));
  const plotRows = Math.max(3, Math.min(12, Math.floor(room / fits) - 3));
  const from = Math.max(0, Math.min(selected - Math.floor((fits - 1) / 2), runs.length - fits));
  const shown = runs.slice(from, from + fits);
  const chosen = runs[selected] ?? runs[0];
  // What the blocks leave (their plots stop at 12 rows) goes to the histograms: fewer layers folded.
  const spare = Math.max(0, room - shown.length * (plotRows + 3));
  return {
    blocks: shown.map((run) => ({ run, block: schemeBlock(run, width, plotRows) })),
    histogram: chosen ? histogramLines(chosen, width, histRows - 2 + spare) : [],
    hidden: runs.length - shown.length,
    legend: `${MARKS.now} now  ${MARKS.start} iteration 0  ${MARKS.theory} theory${width >= 100 ? ' (mean field)' : ''}`,
  };
}

/** Every group as the view shows it. */
export function signalRuns(groups: readonly SchemeGroup[], iterations: number): SignalRun[] {
  return groups.map((g, k) => signalRun(g, k, iterations));
}
