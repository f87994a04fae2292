/**
 * Seed sweeps: the runs of one scheme over several initialization seeds,
 * summarised. Pure.
 */
import type { CostPoint, DoneRun } from '../core/experiment.js';

/**
 * A race's runs, scheme-major (scheme k's seeds are runs k·seeds … k·seeds + seeds - 1),
 * cut into one group per scheme.
 */
export function bySeed<T>(runs: readonly T[], seeds: number): T[][] {
  const groups: T[][] = [];
  for (let k = 0; k < runs.length; k += seeds) groups.push(runs.slice(k, k + seeds));
  return groups;
}

export interface Stats {
  readonly mean: number;
  /** Sample standard deviation (n - 1 in the denominator); 0 for a single value. */
  readonly sd: number;
  readonly min: number;
  readonly max: number;
}

/** Mean, sample sd, min and max; all NaN for no values. */
export function stats(values: readonly number[]): Stats {
  const n = values.length;
  if (n === 0) return { mean: NaN, sd: NaN, min: NaN, max: NaN };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  let sq = 0;
  for (const v of values) sq += (v - mean) * (v - mean);
  return { mean, sd: n > 1 ? Math.sqrt(sq / (n - 1)) : 0, min: Math.min(...values), max: Math.max(...values) };
}

export interface SweepSummary {
  readonly trainAccuracy: Stats;
  readonly testAccuracy: Stats;
  readonly finalCost: Stats;
}

/** The summary over the seeds that finished; a non-finite final cost makes its stats NaN (null in JSON). */
export function summarise(runs: readonly DoneRun[]): SweepSummary {
  return {
    trainAccuracy: stats(runs.map((r) => r.trainAccuracy)),
    testAccuracy: stats(runs.map((r) => r.testAccuracy)),
    finalCost: stats(runs.map((r) => r.finalCost)),
  };
}

/**
 * The mean curve of several traces and its spread (min and max), at the
 * iterations every trace has. Traces are sampled at the same iterations when
 * they come from one race; where one is shorter (still training), the curve
 * stops where the shortest does.
 */
export function meanCurve(traces: readonly (readonly CostPoint[])[]): { mean: CostPoint[]; min: CostPoint[]; max: CostPoint[] } {
  const mean: CostPoint[] = [];
  const min: CostPoint[] = [];
  const max: CostPoint[] = [];
  if (traces.length === 0) return { mean, min, max };
  const maps = traces.map((t) => new Map(t.map(([i, c]) => [i, c])));
  for (const [i] of traces[0]!) {
    const cs = maps.map((m) => m.get(i));
    if (cs.some((c) => c === undefined)) continue;
    const vals = cs as number[];
    mean.push([i, vals.reduce((a, b) => a + b, 0) / vals.length]);
    min.push([i, Math.min(...vals)]);
    max.push([i, Math.max(...vals)]);
  }
  return { mean, min, max };
}
