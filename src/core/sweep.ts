/**
 * Gain sweeps: the grid a `sweep` config stands for. Pure: the values of each
 * axis, the cells in their one order, and the network each cell trains. A
 * cell's model is `gain:G` at seed s on the cell's layers — a pure function of
 * (config, cell, seed, data), like every other run.
 */
import type { ExperimentConfig, SweepSpec } from './config.js';

/** One cell of the grid: row `row` (a depth), column `col` (a gain). */
export interface SweepCell {
  readonly row: number;
  readonly col: number;
  readonly gain: number;
  /** Hidden ReLU layers of the cell's network. */
  readonly depth: number;
  readonly layers: readonly number[];
}

/**
 * N log-spaced gains from A to B, the ends exactly A and B: A · (B/A)^(k/(N−1)).
 * A gain within 4 ulps of a 12-digit decimal is that decimal, so that
 * 1..1000:4 gives 10 and 100, not 9.999999999999998 and 99.99999999999997 (pow's
 * rounding). With A = 0.5, B = 4, N = 3 the middle one is 0.5 · fl(√8) =
 * 1.4142135623730951, √2 to the last bit (no 12-digit decimal is that close).
 * oracle/oracle.py computes the same way.
 */
export function gainValues(g: SweepSpec['gain']): number[] {
  const { from, to, count } = g;
  const ratio = to / from;
  return Array.from({ length: count }, (_, k) => {
    if (k === 0) return from;
    if (k === count - 1) return to;
    const raw = from * ratio ** (k / (count - 1));
    const short = Number(raw.toPrecision(12));
    return Math.abs(short - raw) <= 4 * Number.EPSILON * raw ? short : raw;
  });
}

/** The depths of the rows: D1..D2, or (no depth axis) the hidden-layer count of `layers`. */
export function depthValues(sweep: SweepSpec, layers: readonly number[]): number[] {
  if (!sweep.depth) return [layers.length - 2];
  const { from, to } = sweep.depth;
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
}

/**
 * The network of a row: with a depth axis, D hidden layers as wide as the first
 * hidden layer of `layers`; without, `layers` itself.
 */
export function layersAt(sweep: SweepSpec, layers: readonly number[], depth: number): readonly number[] {
  if (!sweep.depth) return layers;
  const width = layers[1] ?? 1;
  return [2, ...Array.from({ length: depth }, () => width), 1];
}

/** How many models the grid trains: gains × depths × seeds. */
export function modelCount(sweep: SweepSpec, seeds: number): number {
  const depths = sweep.depth ? sweep.depth.to - sweep.depth.from + 1 : 1;
  return sweep.gain.count * depths * seeds;
}

/** The grid's dimensions. */
export function gridSize(sweep: SweepSpec): { rows: number; cols: number } {
  return { rows: sweep.depth ? sweep.depth.to - sweep.depth.from + 1 : 1, cols: sweep.gain.count };
}

/** The cells, row-major: depth by depth, each row's gains in increasing order. Cell k = row · cols + col. */
export function gridCells(config: ExperimentConfig): SweepCell[] {
  const sweep = config.sweep;
  if (!sweep) return [];
  const gains = gainValues(sweep.gain);
  return depthValues(sweep, config.layers).flatMap((depth, row) => {
    const layers = layersAt(sweep, config.layers, depth);
    return gains.map((gain, col) => ({ row, col, gain, depth, layers }));
  });
}

/**
 * The scheme name of a gain: `gain:` and the shortest decimal that reads back as
 * the same double (JavaScript's own), so resolveScheme gets the very number.
 */
export function gainScheme(gain: number): string {
  return `gain:${String(gain)}`;
}

/** The sweep as the command line spells it: "gain=0.1..10:9,depth=1..6". */
export function sweepText(sweep: SweepSpec): string {
  const g = `gain=${sweep.gain.from}..${sweep.gain.to}:${sweep.gain.count}`;
  return sweep.depth ? `${g},depth=${sweep.depth.from}..${sweep.depth.to}` : g;
}
