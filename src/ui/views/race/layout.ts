/**
 * Layout maths, pure: how tall the chart can be, whether the terminal is big
 * enough, how wide things are. The components only read these numbers.
 */

export const MIN_COLUMNS = 60;

/** Rows everything but the chart's plot takes: header, lanes, chart frame, table (once shown), footer. */
function fixedRows(runs: number, table = true): number {
  // header 1 + lanes (runs + 2 borders) + chart frame (2 borders + title + x axis + cursor + 2 notes)
  // + table (runs + header + 2 borders) + footer 1
  return 1 + (runs + 2) + 7 + (table ? runs + 3 : 0) + 1;
}

export const MIN_PLOT_ROWS = 4;
export const MAX_PLOT_ROWS = 18;

export function minRows(runs: number): number {
  return fixedRows(runs) + MIN_PLOT_ROWS;
}

/** A window of lanes shows at least this many. */
const WINDOW_MIN = 3;

/**
 * How many lanes (and table rows) a terminal of `rows` shows: every scheme when
 * they fit, else a window of them that follows the selection, with one more line
 * that says which ones (so 200 schemes still race in 120×40).
 */
export function lanesShown(rows: number, schemes: number): number {
  // A window shows at least WINDOW_MIN lanes; a race of that few schemes shows them all (or is too small).
  if (schemes <= WINDOW_MIN || minRows(schemes) <= rows) return schemes;
  return Math.max(WINDOW_MIN, Math.min(schemes, Math.floor((rows - minRows(0) - 1) / 2)));
}

/** The first of `shown` consecutive items out of `total` that keeps `selected` in view, near the middle. */
export function windowStart(total: number, shown: number, selected: number): number {
  return Math.max(0, Math.min(total - shown, selected - Math.floor(shown / 2)));
}

export interface Layout {
  readonly tooSmall: boolean;
  readonly columns: number;
  readonly rows: number;
  /** Plot rows of the race chart. */
  readonly plotRows: number;
  /** Inner width of a bordered panel. */
  readonly inner: number;
}

/**
 * The race view's layout. The table appears when the race ends; until then the
 * chart may take its rows (a short terminal watches a taller chart).
 */
export function layout(columns: number, rows: number, runs: number, table = true): Layout {
  const tooSmall = columns < MIN_COLUMNS || rows < minRows(runs);
  const plotRows = Math.max(MIN_PLOT_ROWS, Math.min(MAX_PLOT_ROWS, rows - fixedRows(runs, table)));
  return { tooSmall, columns, rows, plotRows, inner: Math.max(10, columns - 2) };
}

/** A progress bar of `width` cells: "█" done, "░" to go. */
export function progressBar(fraction: number, width: number): { done: string; todo: string } {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const n = Math.round(f * width);
  return { done: '█'.repeat(n), todo: '░'.repeat(width - n) };
}
