/**
 * The sweep view's numbers, pure: how tall its parts are, where He's and
 * Xavier's gains fall, what the progress line and the cursor's line say.
 * SweepView only draws what these return.
 */
import type { ExperimentConfig } from '../../../core/config.js';
import { gainValues, gridSize, type SweepCell } from '../../../core/sweep.js';
import { activationOf } from '../../../core/activations.js';
import { cost, figure, percent, seconds } from '../../../results/format.js';
import { gainLabel, type CellResult } from '../../../results/sweep.js';
import type { RunView } from '../../state/runs.js';

/** He's gain for ReLU (√2) and Xavier's (1), on the gain:G scale. */
export const REFERENCE_GAINS = [
  { name: 'Xavier', gain: 1, label: '1' },
  { name: 'He', gain: Math.SQRT2, label: '√2' },
] as const;

/**
 * The gains worth marking on a sweep's axis: Xavier's, He's, and the
 * activation's recommended gain (PyTorch's calculate_gain) where it is
 * neither (tanh 5/3, selu 3/4, a leaky relu's √(2/(1+A²))).
 */
export function referenceGains(activation: string): { name: string; gain: number; label: string }[] {
  const gain = activationOf(activation).gain;
  const known = REFERENCE_GAINS.some((r) => r.gain === gain);
  return [...REFERENCE_GAINS, ...(known ? [] : [{ name: activation, gain, label: figure(gain) }])];
}

/** Rows the sweep view takes besides its map or plots: the App's header and footer, the frame, titles, legend, progress, readout. */
const MAP_FIXED = 13;
const PLOT_FIXED = 15;
const MIN_PLOT = 3;

/** The smallest terminal that shows the sweep view whole. */
export function sweepMinRows(config: ExperimentConfig): number {
  const { rows } = gridSize(config.sweep ?? { gain: { from: 1, to: 1, count: 1 } });
  return config.sweep?.depth ? MAP_FIXED + rows : PLOT_FIXED + 2 * MIN_PLOT;
}

/**
 * Rows for the cursor's readout: two where the map or the plots leave a row free (the readout of
 * a cell runs past 80 columns: its place, its theory, its accuracies and its cost), else one.
 */
export function readoutRows(config: ExperimentConfig, rows: number): number {
  if (config.sweep?.depth) {
    const { rows: grid } = gridSize(config.sweep);
    return rows - MAP_FIXED - grid * mapCellHeight(rows, grid) >= 1 ? 2 : 1;
  }
  // The plots' fixed rows (PLOT_FIXED) hold two more than the view draws around them: one is the readout's second.
  return 2;
}

/** Text rows per map row (1–3), filling the height the terminal gives. */
export function mapCellHeight(rows: number, gridRows: number): number {
  return Math.max(1, Math.min(3, Math.floor((rows - MAP_FIXED) / Math.max(1, gridRows))));
}

/** The 1-D view's two plot heights (accuracy, cost), sharing the rows the terminal gives. */
export function plotHeights(rows: number): { accuracy: number; cost: number } {
  const free = Math.max(2 * MIN_PLOT, rows - PLOT_FIXED);
  const accuracy = Math.min(14, Math.ceil(free / 2));
  return { accuracy, cost: Math.min(12, Math.max(MIN_PLOT, free - accuracy)) };
}

/**
 * Where He's and Xavier's gains fall among the columns: the nearest column in
 * log distance, when the gain lies within the sweep. The label says "≈" when
 * the column is not exactly that gain; two on one column share it.
 */
export function referenceMarks(gains: readonly number[], activation = 'relu'): { col: number; label: string }[] {
  const first = gains[0];
  const last = gains[gains.length - 1];
  if (first === undefined || last === undefined) return [];
  const byCol = new Map<number, string[]>();
  for (const { name, gain } of referenceGains(activation)) {
    if (gain < first || gain > last) continue;
    let best = 0;
    gains.forEach((g, k) => {
      if (Math.abs(Math.log(g / gain)) < Math.abs(Math.log(gains[best]! / gain))) best = k;
    });
    byCol.set(best, [...(byCol.get(best) ?? []), gains[best] === gain ? name : `≈${name}`]);
  }
  return [...byCol].map(([col, names]) => ({ col, label: names.join('/') }));
}

/** The cell under the cursor: `selected` counts cells row-major. */
export function cursorOf(selected: number, config: ExperimentConfig): { row: number; col: number } {
  const { cols } = gridSize(config.sweep ?? { gain: { from: 1, to: 1, count: 1 } });
  return { row: Math.floor(selected / cols), col: selected % cols };
}

/** Work done so far as a fraction: iterations weighted by each model's weight count (deeper models cost more). */
export function workDone(runs: readonly RunView[], iterations: number, layersOf: (k: number) => readonly number[]): number {
  let done = 0;
  let total = 0;
  runs.forEach((r, k) => {
    const layers = layersOf(k);
    let weights = 0;
    for (let l = 1; l < layers.length; l++) weights += layers[l]! * (layers[l - 1]! + 1);
    done += weights * (r.result ? iterations : Math.min(iterations, r.iteration));
    total += weights * iterations;
  });
  return total > 0 ? done / total : 0;
}

/** "23/54 models · 12.3 s · about 15 s left", or "… · done in 27.1 s". */
export function progressText(ended: number, total: number, fraction: number, elapsed: number): string {
  const head = `${ended}/${total} models`;
  if (ended >= total) return `${head} · done in ${seconds(elapsed)}`;
  if (fraction < 0.02 || elapsed < 0.5) return `${head} · ${seconds(elapsed)} · estimating the time left…`;
  const left = (elapsed * (1 - fraction)) / fraction;
  return `${head} · ${seconds(elapsed)} · about ${seconds(left)} left`;
}

function meanSd(values: { mean: number; sd: number }, n: number): string {
  return n > 1 ? `${percent(values.mean)} ± ${(values.sd * 100).toFixed(1)}` : percent(values.mean);
}

/**
 * A cell's place: "depth 3 · gain 1.78 (1.778279410038923)", the exact gain where
 * the label rounds it; without a depth axis only the gain.
 */
export function cellName(cell: SweepCell, withDepth = true): string {
  const label = gainLabel(cell.gain);
  return `${withDepth ? `depth ${cell.depth} · ` : ''}gain ${label}${cell.gain !== Number(label) ? ` (${cell.gain})` : ''}`;
}

/** What the cursor's line says about a cell: its place, then its numbers or why it has none. */
export function cellReadout(c: CellResult, withDepth = true, theory?: string): string {
  // The theory's prediction right after the cell's name: it is known before any model trains.
  const where = `${cellName(c.cell, withDepth)}${theory !== undefined ? ` · theory: ${theory}` : ''}`;
  const total = c.runs.length;
  const n = c.averaged.length;
  const numbers =
    n > 0
      ? `test ${meanSd(c.summary.testAccuracy, n)} · train ${meanSd(c.summary.trainAccuracy, n)} · final cost ${cost(c.summary.finalCost.mean)}`
      : '';
  if (c.diverged > 0) {
    const rest = n > 0 ? `; the other ${n}: ${numbers}` : '';
    return `${where} · × ${c.diverged} of ${total} seed${total === 1 ? '' : 's'} diverged (final cost not finite)${rest}`;
  }
  if (c.failed > 0 && n === 0 && c.ended === total) return `${where} · every seed failed`;
  if (n === 0) return `${where} · training (${c.ended} of ${total} seeds done)`;
  const more = c.ended < total ? ` · ${c.ended} of ${total} seeds done` : total > 1 ? ` · ${total} seeds` : '';
  return `${where} · ${numbers}${more}${c.failed > 0 ? ` · ${c.failed} failed` : ''}`;
}

/** The gains of the config's sweep (the columns). */
export function sweepGains(config: ExperimentConfig): number[] {
  return config.sweep ? gainValues(config.sweep.gain) : [];
}
