/**
 * What a gain sweep's finished runs become, cell by cell: which seeds are in,
 * which diverged, and the statistics over the rest; and the grid as text (the
 * plain mode's table, the table printed after the dashboard). Pure.
 */
import type { ExperimentConfig } from '../core/config.js';
import type { DoneRun, FinishedRun } from '../core/experiment.js';
import type { Dataset } from '../core/datasets.js';
import { resolveScheme } from '../core/schemes.js';
import { gainScheme, gainValues, gridCells, type SweepCell } from '../core/sweep.js';
import { theoryOf, type NetworkTheory } from '../core/theory.js';
import { fit } from './format.js';
import { summarise, type SweepSummary } from './summary.js';

/** A model diverged when its final cost is not finite: the weights overflowed (NaN), or the output saturated for good (+∞). */
export function diverged(run: DoneRun): boolean {
  return !Number.isFinite(run.finalCost);
}

export interface CellResult {
  readonly cell: SweepCell;
  /** The cell's seeds in order: finished (trained or failed), or undefined while training. */
  readonly runs: readonly (FinishedRun | undefined)[];
  /** Seeds that have ended, trained or failed. */
  readonly ended: number;
  /** Seeds whose training diverged: the cell is marked, and they are left out of `summary`. */
  readonly diverged: number;
  readonly failed: number;
  /** The seeds in `summary`: trained to a finite cost. */
  readonly averaged: readonly DoneRun[];
  /** Mean, sample sd, min, max over `averaged` (all NaN when it is empty). */
  readonly summary: SweepSummary;
}

/**
 * Every cell of the config's sweep, row-major (cell k = row · cols + col), from
 * the runs in race order (run cell · seeds + s), finished or not (undefined).
 */
export function cellResults(config: ExperimentConfig, runs: readonly (FinishedRun | undefined)[]): CellResult[] {
  const seeds = config.seeds;
  return gridCells(config).map((cell, k) => {
    const mine = Array.from({ length: seeds }, (_, s) => runs[k * seeds + s]);
    const done = mine.filter((r): r is DoneRun => r?.status === 'done');
    const averaged = done.filter((r) => !diverged(r));
    return {
      cell,
      runs: mine,
      ended: mine.filter((r) => r !== undefined).length,
      diverged: done.length - averaged.length,
      failed: mine.filter((r) => r?.status === 'failed').length,
      averaged,
      summary: summarise(averaged),
    };
  });
}

/**
 * What the mean-field theory predicts for every cell at initialization
 * (core/theory.ts): from the cell's network, gain and the data alone, before
 * any model of it has trained.
 */
export function cellTheories(config: ExperimentConfig, train: Dataset): NetworkTheory[] {
  return gridCells(config).map((cell) => theoryOf(cell.layers, config.activation, resolveScheme(gainScheme(cell.gain))!, train));
}

/** A prediction in a word or two, for readouts: "vanishing signal", "propagates". */
export function predictionText(t: NetworkTheory): string {
  return t.prediction.replace('-', ' ');
}

/** A gain as a column label: three significant digits, no trailing zeros (0.178, 1, 1.41, 10). */
export function gainLabel(gain: number): string {
  return String(Number(gain.toPrecision(3)));
}

/** What a cell of the table or the map says: its mean test accuracy in %, × diverged, ! failed, … still training. */
export function cellText(c: CellResult): string {
  if (c.diverged > 0) return '×';
  if (c.averaged.length > 0) return (c.summary.testAccuracy.mean * 100).toFixed(1);
  if (c.failed > 0 && c.ended === c.runs.length) return '!';
  return '…';
}

/**
 * The grid as text: rows depth, columns gain, each cell the mean test accuracy
 * in %, "×" where a seed diverged (not averaged), "!" where every seed failed.
 * Wide sweeps are cut into blocks of columns that fit `width`.
 */
export function sweepTable(config: ExperimentConfig, cells: readonly CellResult[], width = 100): string[] {
  const sweep = config.sweep;
  if (!sweep) return [];
  const gains = gainValues(sweep.gain);
  const rows = cells.length / gains.length;
  const head = 'depth \\ gain';
  const col = Math.max(6, ...gains.map((g) => gainLabel(g).length + 1));
  const perBlock = Math.max(1, Math.floor((width - head.length) / col));
  const seeds = config.seeds > 1 ? ` over seeds ${config.seed}…${config.seed + config.seeds - 1}` : '';
  const lines = [`mean test accuracy (%)${seeds}; × diverged (not averaged), ! failed`];
  for (let from = 0; from < gains.length; from += perBlock) {
    const to = Math.min(gains.length, from + perBlock);
    lines.push(
      head +
        gains
          .slice(from, to)
          .map((g) => fit(gainLabel(g), col, 'right'))
          .join(''),
    );
    for (let r = 0; r < rows; r++) {
      const row = cells.slice(r * gains.length, (r + 1) * gains.length);
      const label = fit(String(row[0]?.cell.depth ?? ''), head.length - 2, 'right');
      lines.push(
        `${label}  ${row
          .slice(from, to)
          .map((c) => fit(cellText(c), col, 'right'))
          .join('')}`,
      );
    }
  }
  return lines;
}
