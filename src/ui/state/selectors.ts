/**
 * What the views read from the dashboard's state, derived, never stored:
 * the schemes as groups of seeds, the results table's rows, the time left.
 */
import type { CostPoint } from '../../core/experiment.js';
import { bySeed, meanCurve } from '../../results/summary.js';
import { resultCells, sweepCells, type Cells } from '../../results/table.js';
import type { DashboardState } from './reducer.js';
import { doneOf, isFinished, type RunView } from './runs.js';

export function raceFinished(state: DashboardState): boolean {
  // Every run, every seed.
  return state.runs.every(isFinished);
}

/** How many schemes race (the lanes, the list, the table rows); in a sweep, how many cells. */
export function groupCount(state: DashboardState): number {
  return state.runs.length / state.config.seeds;
}

/** One scheme of the race: its runs (one per seed) and what a lane shows for them together. */
export interface SchemeGroup {
  readonly scheme: string;
  readonly runs: readonly RunView[];
  /** With one seed, the run itself; with several, their mean (see groupView). */
  readonly view: RunView;
  /** With several seeds, the lowest and highest cost at each trace point. */
  readonly spread?: { readonly min: readonly CostPoint[]; readonly max: readonly CostPoint[] };
}

/**
 * Several seeds as one lane: the slowest run's iteration, the mean of the
 * latest costs, the summed speed, the mean cost curve. Finished when every
 * seed is; failed when every seed failed.
 */
function groupView(first: RunView, runs: readonly RunView[], curve: readonly CostPoint[]): RunView {
  const withCost = runs.filter((r) => r.costAt >= 0);
  const failed = runs.map((r) => r.result).filter((r) => r?.status === 'failed');
  const allFailed = failed.length === runs.length ? failed[0] : undefined;
  // The group's result: set once every seed has ended (the first failure when every seed failed).
  const result = runs.every(isFinished) ? (allFailed ?? runs.find((r) => doneOf(r))?.result) : undefined;
  const { result: _firstResult, ...rest } = first;
  return {
    ...rest,
    iteration: Math.min(...runs.map((r) => r.iteration)),
    cost: withCost.length > 0 ? withCost.reduce((a, r) => a + r.cost, 0) / withCost.length : NaN,
    costAt: Math.min(...runs.map((r) => r.costAt)),
    itersPerSec: runs.reduce((a, r) => a + r.itersPerSec, 0),
    trace: curve,
    ...(result ? { result } : {}),
  };
}

export function schemeGroups(state: DashboardState): SchemeGroup[] {
  return bySeed(state.runs, state.config.seeds).flatMap((runs): SchemeGroup[] => {
    const first = runs[0];
    if (!first) return [];
    if (runs.length === 1) return [{ scheme: first.scheme, runs, view: first }];
    const curve = meanCurve(runs.map((r) => r.trace));
    return [{ scheme: first.scheme, runs, view: groupView(first, runs, curve.mean), spread: { min: curve.min, max: curve.max } }];
  });
}

/** A scheme's row of the results table: its run, or mean ± sd over its seeds. */
export function groupCells(g: SchemeGroup): Cells {
  return g.runs.length > 1
    ? sweepCells(
        g.scheme,
        g.runs.flatMap((x) => x.result ?? []),
        g.runs.length,
      )
    : resultCells(g.scheme, g.runs[0]?.result);
}

/**
 * Seconds until the slowest run ends, at the pace (or, at max pace, at the
 * speed each run reports); undefined while paused, before any speed is known,
 * or once the race is over.
 */
export function secondsLeft(state: DashboardState): number | undefined {
  if (state.paused || raceFinished(state)) return undefined;
  let worst = 0;
  for (const r of state.runs) {
    if (isFinished(r)) continue;
    // At a pace, that pace — or the speed the run really reaches, when it cannot keep up.
    const rate = state.pace > 0 ? (r.itersPerSec > 0 ? Math.min(state.pace, r.itersPerSec) : state.pace) : r.itersPerSec;
    if (!(rate > 0)) return undefined;
    worst = Math.max(worst, (state.config.iterations - r.iteration) / rate);
  }
  return worst;
}
