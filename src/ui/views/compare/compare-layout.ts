/**
 * The compare view's layout, pure: which figures it shows, how each reads
 * ("at 0 → now"), how wide the columns are, which columns are visible, and
 * which rows fit the height. CompareView only paints what this returns.
 */
import { wrap, wrapAtMost } from '../../chrome/wrap.js';
import type { Diagnostics, LayerDiagnostics } from '../../../core/diagnostics.js';
import { figure, fit, integer, percent, share } from '../../../results/format.js';
import { resolveScheme } from '../../../core/schemes.js';
import { allDead, beyond, gradientRatio, inputSignal, saturatedOutput, signalRatio, symmetric, verdict } from '../../../results/verdict.js';
import { doneOf, statusOf } from '../../state/runs.js';
import { type SchemeGroup } from '../../state/selectors.js';

/** Words wrapped to a width: the frame's helper, here too for the compare view's tests. */
export { wrap };

/** What one column shows: one scheme (its first seed), at iteration 0 and now. */
export interface CompareColumn {
  readonly scheme: string;
  /** How it initializes: "W = randn · 10". */
  readonly formula: string;
  /** A few words under the name: "done", "running", "seed 3 · done", … */
  readonly status: string;
  /** Diagnostics at iteration 0, once known. */
  readonly start?: Diagnostics | undefined;
  /** The latest diagnostics and the iteration they describe (the end, once the run is done). */
  readonly now?: { readonly at: number; readonly d: Diagnostics } | undefined;
  readonly verdict: string;
}

/**
 * A scheme's column, from its first seed: the start from the result, or else
 * from the run's first live diagnostics (a worker sends iteration 0's first);
 * now from the result's end, or else the latest live diagnostics.
 */
export function compareColumn(group: SchemeGroup, iterations: number, paused: boolean): CompareColumn {
  const run = group.runs[0] ?? group.view;
  const done = doneOf(run);
  const first = run.diag[0];
  const last = run.diag[run.diag.length - 1];
  const status = statusOf(run, paused);
  return {
    scheme: group.scheme,
    formula: resolveScheme(group.scheme)?.formula ?? '',
    status: group.runs.length > 1 ? `seed ${run.seed} · ${status}` : status,
    start: done?.diagnostics.start ?? (first?.at === 0 ? first.d : undefined),
    now: done ? { at: iterations, d: done.diagnostics.end } : last && { at: last.at, d: last.d },
    verdict: verdict(run.result),
  };
}

/**
 * Why a cell is marked, from the signs the verdict reads (results/verdict.ts),
 * whatever the scheme: red, nothing gets through (symmetry unbroken, a layer
 * all dead, a signal or gradient under 1/1000); yellow, too large (a signal or
 * gradient over 1000×, the sigmoid saturated).
 */
export type Mark = 'broken' | 'large';

/** A ratio's mark: vanished is broken, exploded is large. */
function ratioMark(ratio: number): Mark | undefined {
  const b = beyond(ratio);
  return b === 'vanished' ? 'broken' : b === 'exploded' ? 'large' : undefined;
}

/**
 * The figures of a hidden layer, in row order (one table: the rows, the marks
 * and the tests read it). A mark reads the layer `index` of the diagnostics
 * `d`, and `q0`, the input's signal (the mean of x²).
 */
export const LAYER_FIGURES: readonly {
  readonly label: string;
  /** The label without group headings, after "L1 " (the label column is narrow). */
  readonly short: string;
  readonly cell: (l: LayerDiagnostics) => string;
  readonly mark?: (d: Diagnostics, index: number, q0: number) => Mark | undefined;
}[] = [
  {
    label: 'distinct units',
    short: 'distinct',
    cell: (l) => String(l.distinct),
    mark: (d, k) => (symmetric(d.layers[k]!) ? 'broken' : undefined),
  },
  { label: 'dead ReLUs', short: 'dead', cell: (l) => share(l.dead), mark: (d, k) => (allDead(d.layers[k]!) ? 'broken' : undefined) },
  // The signal the theory follows is z's second moment; this row shows the spread of the layer's output.
  { label: 'activation sd', short: 'act. sd', cell: (l) => figure(l.activationSd), mark: (d, k, q0) => ratioMark(signalRatio(d, k, q0)) },
  { label: '|W|', short: '|W|', cell: (l) => figure(l.weightNorm) },
  {
    label: '|∇W|',
    short: '|∇W|',
    cell: (l) => figure(l.gradNorm),
    mark: (d, k) => (d.layers[k]!.gradNorm === 0 ? 'broken' : ratioMark(gradientRatio(d, k))),
  },
];

/** What the figures mean, for the legend under the table: one item per figure. */
export function legendItems(inputSd: number, marks: boolean): string[] {
  return [
    'distinct units: units whose weights differ (1: all alike, symmetry unbroken)',
    'dead ReLUs: units at 0 on every point',
    `activation sd: spread of a layer's outputs over its units and points, the signal (the input's: ${figure(inputSd)})`,
    '|W|, |∇W|: size of the weights and of their gradient',
    'saturated: sigmoid outputs beyond 0.01…0.99 (slope under 4%)',
    ...(marks
      ? [
          'in red: symmetry unbroken, a layer all dead, a signal or gradient under 1/1000',
          'in yellow: a signal or gradient over 1000×, the sigmoid saturated',
        ]
      : []),
  ];
}

/** Items joined by " · " into lines of at most `width`, an item split only when it is longer than a line. */
export function pack(items: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line.length > 0 && line.length + 3 + item.length <= width) line += ` · ${item}`;
    else {
      if (line.length > 0) lines.push(line);
      const parts = wrap(item, width);
      line = parts.pop() ?? '';
      lines.push(...parts);
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/** Each column at least this wide: "8.49e-3 → 1.23e+4" and a gap. */
const MIN_COLUMN = 19;
/** Wider columns only spread the figures apart. */
const MAX_COLUMN = 34;

export interface CompareColumns {
  readonly labelWidth: number;
  readonly columnWidth: number;
  /** The visible columns: first, first + 1, …, first + visible - 1. */
  readonly first: number;
  readonly visible: number;
}

/**
 * Columns side by side: as many as fit at MIN_COLUMN or wider. When they do
 * not all fit, a window of them scrolls to keep the highlighted one in view.
 */
export function compareColumns(width: number, count: number, selected: number): CompareColumns {
  const labelWidth = width >= 100 ? 20 : 17;
  const room = Math.max(MIN_COLUMN, width - labelWidth);
  const visible = Math.max(1, Math.min(count, Math.floor(room / MIN_COLUMN)));
  const columnWidth = Math.min(MAX_COLUMN, Math.floor(room / visible));
  const sel = Math.min(Math.max(0, selected), Math.max(0, count - 1));
  const first = Math.min(Math.max(0, sel - visible + 1), Math.max(0, count - visible));
  return { labelWidth, columnWidth, first, visible };
}

/**
 * A verdict in at most `max` lines of `width`: whole if it fits; else its
 * headline (verdicts read "headline: detail") if that fits; else cut with "…".
 */
export function verdictLines(text: string, width: number, max: number): string[] {
  const whole = wrap(text, width);
  if (whole.length <= max) return whole;
  const colon = text.indexOf(': ');
  const headline = colon > 0 ? wrap(text.slice(0, colon), width) : whole;
  if (headline.length <= max) return headline;
  return wrapAtMost(text, width, max);
}

/** Which rows fit: the richest plan whose line count fits the height. */
export interface ComparePlan {
  /** A heading line over each group of rows (hidden layer k, the output). */
  readonly headings: boolean;
  /** A blank line before each heading and before the verdict. */
  readonly spacing: boolean;
  /** Each scheme's formula under its name. */
  readonly formula: boolean;
  /** How many hidden layers are shown (the first ones); a note says when some are left out. */
  readonly layers: number;
  /** The output layer's |W| and |∇W| rows, beside its saturation. */
  readonly outputNorms: boolean;
  readonly verdictLines: number;
  readonly legend: boolean;
}

/** Lines a plan takes: title, column heads, iteration, the groups, verdict, legend. */
export function planLines(p: ComparePlan, hidden: number, legendLines: number): number {
  const heads = p.headings ? p.layers + 1 : 0;
  const blanks = p.spacing ? heads + 1 : 0;
  const note = p.layers < hidden ? 1 : 0;
  const groups = p.layers * LAYER_FIGURES.length + note + 1 + (p.outputNorms ? 2 : 0) + 2;
  return 3 + (p.formula ? 1 : 0) + groups + heads + blanks + p.verdictLines + (p.legend ? legendLines + 1 : 0);
}

/** The plans from richest to barest; the first that fits wins (the last one regardless). */
export function planRows(height: number, hidden: number, verdict: number, legendLines: number): ComparePlan {
  const v = Math.max(1, verdict);
  const all = { headings: true, spacing: true, formula: true, layers: hidden, outputNorms: true, verdictLines: v, legend: true };
  const lean = { ...all, spacing: false, formula: false, legend: false };
  const plans: ComparePlan[] = [
    all,
    { ...all, verdictLines: Math.min(v, 3) },
    { ...all, legend: false },
    { ...all, legend: false, spacing: false },
    lean,
    { ...lean, outputNorms: false },
    // The verdict is the lesson: short labels (L1 dist.) go before a verdict is cut.
    { ...lean, outputNorms: false, headings: false },
    { ...lean, outputNorms: false, headings: false, verdictLines: Math.min(v, 3) },
    { ...lean, outputNorms: false, verdictLines: Math.min(v, 2) },
    { ...lean, outputNorms: false, verdictLines: 1 },
    { ...lean, outputNorms: false, verdictLines: 1, headings: false },
  ];
  for (let k = hidden - 1; k >= 1; k--) plans.push({ ...lean, headings: false, layers: k, outputNorms: false, verdictLines: 1 });
  return plans.find((p) => planLines(p, hidden, legendLines) <= height) ?? plans[plans.length - 1]!;
}

/** A run of text in a line, marked or not; a line is its parts in order. */
export interface Part {
  readonly text: string;
  readonly mark?: Mark | undefined;
}

/** One line of the table under the column heads. */
export interface CompareLine {
  readonly kind: 'heading' | 'row' | 'formula' | 'note' | 'blank';
  readonly parts: readonly Part[];
}

/** A line's text without its marks. */
export function lineText(l: CompareLine): string {
  return l.parts.map((p) => p.text).join('');
}

export interface CompareTable {
  readonly columns: CompareColumns;
  readonly plan: ComparePlan;
  /** The column heads, one per visible column: the name and the rest, together columnWidth - 2 wide; `index` is the column's. */
  readonly heads: readonly { readonly index: number; readonly name: string; readonly rest: string }[];
  /** For the title, when columns are hidden: "◂ 2 more · 1 more ▸". */
  readonly scroll?: string | undefined;
  readonly lines: readonly CompareLine[];
  readonly legend: readonly string[];
}

/** One side of a cell: its text and its mark. */
interface Side {
  readonly text: string;
  readonly mark?: Mark | undefined;
}
type Pair = readonly [Side | undefined, Side | undefined];

export interface CompareOptions {
  readonly width: number;
  /** Lines the view may use, title included. */
  readonly height: number;
  readonly selected: number;
  /** The network's layer sizes (config.layers). */
  readonly layers: readonly number[];
  /** The activation sd of the input (the training points), the signal before the first layer. */
  readonly inputSd: number;
  /** Whether the marks will be painted (they are explained in the legend then). */
  readonly marks: boolean;
}

/** The whole table as text parts, fitted to the width and the height. */
export function compareTable(cols: readonly CompareColumn[], opts: CompareOptions): CompareTable {
  const columns = compareColumns(opts.width, cols.length, opts.selected);
  const { labelWidth, columnWidth, first, visible } = columns;
  const shown = cols.slice(first, first + visible);
  const inner = columnWidth - 2;
  const hidden = Math.max(0, opts.layers.length - 2);
  const legend = pack(legendItems(opts.inputSd, opts.marks), Math.max(20, opts.width));
  const longest = Math.max(1, ...shown.map((c) => wrap(c.verdict, inner).length));
  const plan = planRows(opts.height, hidden, Math.min(4, longest), legend.length);
  const indent = plan.headings ? '  ' : '';

  // Rows of "a → b" pairs, then aligned on the arrow column by column.
  type Row = { readonly label: string; readonly pairs: readonly Pair[] } | { readonly heading: string } | { readonly note: string };
  const rows: Row[] = [];
  // The input's signal q_0, from the theory the start's diagnostics carry.
  const q0 = shown.map((c) => (c.start ? inputSignal(c.start) : NaN));
  const figureRow = (label: string, get: (d: Diagnostics, k: number) => Side): Row => ({
    label: `${indent}${label}`,
    pairs: shown.map((c, k) => [c.start && get(c.start, k), c.now && get(c.now.d, k)]),
  });
  const heading = (text: string): void => {
    if (!plan.headings) return;
    if (plan.spacing) rows.push({ heading: '' });
    rows.push({ heading: text });
  };
  rows.push({ label: `${indent}iteration`, pairs: shown.map((c) => [c.start && { text: '0' }, c.now && { text: integer(c.now.at) }]) });
  for (let l = 0; l < plan.layers; l++) {
    heading(`hidden layer ${l + 1} · ${opts.layers[l + 1]} ReLU units`);
    for (const f of LAYER_FIGURES) {
      rows.push(
        figureRow(plan.headings ? f.label : `L${l + 1} ${f.short}`, (d, k) => {
          const layer = d.layers[l];
          if (!layer) return { text: '–' };
          return { text: f.cell(layer), mark: f.mark?.(d, l, q0[k]!) };
        }),
      );
    }
  }
  if (plan.layers < hidden) rows.push({ note: `hidden layers ${plan.layers + 1}–${hidden} not shown: enlarge the terminal` });
  const out = (d: Diagnostics) => d.layers[d.layers.length - 1];
  heading('output · 1 sigmoid unit');
  rows.push(figureRow('saturated', (d) => ({ text: share(d.saturated), mark: saturatedOutput(d) ? 'large' : undefined })));
  if (plan.outputNorms) {
    rows.push(figureRow('|W|', (d) => ({ text: figure(out(d)?.weightNorm ?? NaN) })));
    rows.push(figureRow('|∇W|', (d) => ({ text: figure(out(d)?.gradNorm ?? NaN), mark: out(d)?.gradNorm === 0 ? 'broken' : undefined })));
  }
  rows.push(figureRow(plan.headings ? 'train accuracy' : 'train acc.', (d) => ({ text: percent(d.trainAccuracy) })));
  rows.push(figureRow(plan.headings ? 'test accuracy' : 'test acc.', (d) => ({ text: percent(d.testAccuracy) })));

  const leftWidth = shown.map((_, k) => Math.max(1, ...rows.map((r) => ('pairs' in r ? (r.pairs[k]![0]?.text ?? '–').length : 0))));
  /** A cell: "a → b", a right-aligned on the column's arrow, exactly `inner` wide. */
  const cell = ([a, b]: Pair, k: number): Part[] => {
    const pad = ' '.repeat(Math.max(0, leftWidth[k]! - (a?.text ?? '–').length));
    const plain = `${pad}${a?.text ?? '–'}${a || b ? ` → ${b?.text ?? '…'}` : ''}`;
    // Cut to the column, marks and all: a cut figure is not one to point at.
    if (plain.length > inner) return [{ text: fit(plain, inner) }];
    const parts: Part[] = [{ text: pad }, a ? { text: a.text, mark: a.mark } : { text: '–' }];
    if (a || b) parts.push({ text: ' → ' }, b ? { text: b.text, mark: b.mark } : { text: '…' });
    parts.push({ text: ' '.repeat(inner - plain.length) });
    return parts.filter((p) => p.text.length > 0);
  };
  const line = (label: string, cells: readonly (readonly Part[])[]): Part[] => {
    const parts: Part[] = [{ text: `${fit(label, labelWidth - 1)} ` }];
    for (const c of cells) parts.push(...c, { text: '  ' });
    return trimEnd(parts);
  };

  const lines: CompareLine[] = rows.map((r): CompareLine => {
    if ('heading' in r) return { kind: r.heading === '' ? 'blank' : 'heading', parts: [{ text: r.heading }] };
    if ('note' in r) return { kind: 'note', parts: [{ text: r.note }] };
    return { kind: 'row', parts: line(r.label, r.pairs.map(cell)) };
  });
  if (plan.formula)
    lines.unshift({
      kind: 'formula',
      parts: line(
        '',
        shown.map((c) => [{ text: fit(c.formula, inner) }]),
      ),
    });
  if (plan.spacing) lines.push({ kind: 'blank', parts: [{ text: '' }] });
  const verdicts = shown.map((c) => verdictLines(c.verdict, inner, plan.verdictLines));
  for (let v = 0; v < plan.verdictLines; v++) {
    lines.push({
      kind: 'row',
      parts: line(
        v === 0 ? 'verdict' : '',
        verdicts.map((ls) => [{ text: fit(ls[v] ?? '', inner) }]),
      ),
    });
  }

  const heads = shown.map((c, k) => ({
    index: first + k,
    name: c.scheme,
    rest: fit(` · ${c.status}`, Math.max(0, inner - c.scheme.length)),
  }));
  const before = first;
  const after = cols.length - first - visible;
  const scroll =
    visible < cols.length
      ? [before > 0 ? `◂ ${before} more` : '', after > 0 ? `${after} more ▸` : ''].filter((x) => x).join(' · ')
      : undefined;
  return { columns, plan, heads, scroll, lines, legend: plan.legend ? legend : [] };
}

/** Drops the trailing blanks of a line (the last column's padding). */
function trimEnd(parts: Part[]): Part[] {
  const out = parts.slice();
  while (out.length > 0) {
    const last = out[out.length - 1]!;
    const t = last.text.trimEnd();
    if (t.length > 0) {
      out[out.length - 1] = { ...last, text: t };
      break;
    }
    out.pop();
  }
  return out;
}
