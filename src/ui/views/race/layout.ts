/**
 * Layout maths, pure: how tall the chart can be, whether the terminal is big
 * enough, how wide things are. The components only read these numbers.
 */

export const MIN_COLUMNS = 60;

/** Rows of the chart's frame beside its plot: 2 borders, the title, the x axis. */
const CHART_FRAME = 4;
/** Rows of the lanes' panel beside its lanes: 2 borders. */
const LANES_FRAME = 2;
/** Rows of the framed table beside its rows: 2 borders and the header row. */
const TABLE_FRAME = 3;

/**
 * Rows everything but the chart's plot takes between the header and the footer,
 * with every part shown: lanes, the chart's frame with the cursor's readout and
 * two notes, the framed table (once shown).
 */
function fixedRows(runs: number, table = true): number {
  return runs + LANES_FRAME + CHART_FRAME + 1 + 2 + (table ? runs + TABLE_FRAME : 0);
}

export const MIN_PLOT_ROWS = 4;
export const MAX_PLOT_ROWS = 18;
/** A finished race keeps a chart of at least this many rows: below it, the compact layout. */
export const FINISHED_PLOT_ROWS = 10;

/**
 * Rows the race needs between the header and the footer: running with its lanes,
 * or finished in the compact layout (no lanes, the table frameless, a verdict on
 * two lines), each with the smallest chart.
 */
export function minBodyRows(runs: number): number {
  const running = fixedRows(runs, false) + MIN_PLOT_ROWS;
  const finished = CHART_FRAME + 1 + MIN_PLOT_ROWS + 1 + runs + 2;
  return Math.max(running, finished);
}

/** A window of lanes shows at least this many. */
const WINDOW_MIN = 3;

/**
 * How many lanes (and table rows) a body of `rows` shows: every scheme when
 * they fit, else a window of them that follows the selection, with one more line
 * that says which ones (so 200 schemes still race in 120×40).
 */
export function lanesShown(rows: number, schemes: number): number {
  // A window shows at least WINDOW_MIN lanes; a race of that few schemes shows them all (or is too small).
  if (schemes <= WINDOW_MIN || fixedRows(schemes) + MIN_PLOT_ROWS <= rows) return schemes;
  return Math.max(WINDOW_MIN, Math.min(schemes, Math.floor((rows - fixedRows(0) - MIN_PLOT_ROWS - 1) / 2)));
}

/** The first of `shown` consecutive items out of `total` that keeps `selected` in view, near the middle. */
export function windowStart(total: number, shown: number, selected: number): number {
  return Math.max(0, Math.min(total - shown, selected - Math.floor(shown / 2)));
}

export interface RaceLayout {
  /** Whether the lanes show (a short terminal hides them once the race is over: the table says it all). */
  readonly lanes: boolean;
  /** The results table, once the race is over: framed, or compact (frameless, each verdict's first words and the selected one whole under it). */
  readonly table: 'none' | 'framed' | 'compact';
  /** Plot rows of the race chart. */
  readonly plotRows: number;
  /** Note lines under the chart (what it cut, where +∞ lies). */
  readonly notes: number;
  /** Whether a row is kept for the chart cursor's readout. */
  readonly readout: boolean;
}

/**
 * The race view's layout in a body of `rows`. The table appears when the race
 * ends; until then the chart may take its rows (a short terminal watches a
 * taller chart). Finished, where the lanes and a framed table would leave the
 * chart fewer than FINISHED_PLOT_ROWS, the lanes go (the table has their numbers)
 * and the table loses its frame; `verdictRows` is what the selected verdict
 * takes, wrapped, under the compact table, and `readout` whether the chart's
 * cursor readout shows (the chart panel has the focus).
 */
export function raceLayout(
  rows: number,
  runs: number,
  finished: boolean,
  compactRows: { verdict: number; readout: boolean } = { verdict: 2, readout: true },
): RaceLayout {
  const clamp = (n: number) => Math.max(MIN_PLOT_ROWS, Math.min(MAX_PLOT_ROWS, n));
  const full = rows - fixedRows(runs, finished);
  if (!finished || full >= FINISHED_PLOT_ROWS)
    return { lanes: true, table: finished ? 'framed' : 'none', plotRows: clamp(full), notes: 2, readout: true };
  // Compact: the chart's frame, the readout's row, its notes; the table's header row, its rows, the verdict.
  const compact = (notes: number) => rows - (CHART_FRAME + (compactRows.readout ? 1 : 0) + notes) - (1 + runs + compactRows.verdict);
  const notes = compact(2) >= FINISHED_PLOT_ROWS ? 2 : 1;
  return { lanes: false, table: 'compact', plotRows: clamp(compact(notes)), notes, readout: compactRows.readout };
}

/** A progress bar of `width` cells: "█" done, "░" to go. */
export function progressBar(fraction: number, width: number): { done: string; todo: string } {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const n = Math.round(f * width);
  return { done: '█'.repeat(n), todo: '░'.repeat(width - n) };
}
