/**
 * Layout maths, pure: how tall the chart can be, whether the terminal is big
 * enough, how wide things are. The components only read these numbers.
 */

export const MIN_COLUMNS = 60;

/** Rows everything but the chart's plot takes: header, lanes, chart frame, table, footer. */
function fixedRows(runs: number): number {
  // header 1 + lanes (runs + 2 borders) + chart frame (2 borders + title + x axis + cursor + 2 notes)
  // + table (runs + header + 2 borders) + footer 1
  return 1 + (runs + 2) + 7 + (runs + 3) + 1;
}

export const MIN_PLOT_ROWS = 4;
export const MAX_PLOT_ROWS = 18;

export function minRows(runs: number): number {
  return fixedRows(runs) + MIN_PLOT_ROWS;
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

export function layout(columns: number, rows: number, runs: number): Layout {
  const tooSmall = columns < MIN_COLUMNS || rows < minRows(runs);
  const plotRows = Math.max(MIN_PLOT_ROWS, Math.min(MAX_PLOT_ROWS, rows - fixedRows(runs)));
  return { tooSmall, columns, rows, plotRows, inner: Math.max(10, columns - 2) };
}

/** A progress bar of `width` cells: "█" done, "░" to go. */
export function progressBar(fraction: number, width: number): { done: string; todo: string } {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const n = Math.round(f * width);
  return { done: '█'.repeat(n), todo: '░'.repeat(width - n) };
}
