/**
 * What the views read from the dashboard's state, derived, never stored:
 * the schemes as groups of seeds, the results table's rows, the time left.
 */
import type { CostPoint } from '../../core/experiment.js';
import { bySeed, meanCurve } from '../../results/summary.js';
import { resultCells, sweepCells, type Cells } from '../../results/table.js';
import type { DashboardState } from './reducer.js';
import { defaultThreads, sweepThreads } from '../../engine/race.js';
import { doneOf, isFinished, type RunView, type SeedProgress } from './runs.js';

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
  const { result: _firstResult, rate: _firstRate, ...rest } = first;
  const done = runs.filter(isFinished).length;
  // Started and not ended: a cost already, or iterations done (the same test as a lane's "waiting").
  const running = runs.filter((r) => !isFinished(r) && (r.costAt >= 0 || r.iteration > 0));
  const rates = running.flatMap((r) => (r.rate === undefined ? [] : [r.rate]));
  const seeds: SeedProgress = {
    runs: runs.length,
    done,
    running: running.length,
    waiting: runs.length - done - running.length,
    iterations: runs.reduce((a, r) => a + r.iteration, 0),
  };
  return {
    ...rest,
    seeds,
    // Each running seed's own speed, on average: what the pace is per run.
    ...(rates.length > 0 ? { rate: rates.reduce((a, r) => a + r, 0) / rates.length } : {}),
    iteration: Math.min(...runs.map((r) => r.iteration)),
    cost: withCost.length > 0 ? withCost.reduce((a, r) => a + r.cost, 0) / withCost.length : NaN,
    // The cost is the mean of the seeds that have one: the earliest iteration among them.
    costAt: withCost.length > 0 ? Math.min(...withCost.map((r) => r.costAt)) : -1,
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

/** The threads a race trains on (engine/race.ts's rule), for the time left before any throughput is measured. */
function threadsOf(state: DashboardState): number {
  const { config, runs } = state;
  return config.threads ?? (config.sweep ? sweepThreads(runs.length) : defaultThreads(runs.length, config.schemes.length));
}

/** Iterations still to train over every run of the race (a run that ended, trained or failed, has none). */
export function workLeft(state: DashboardState): number {
  let left = 0;
  for (const r of state.runs) if (!isFinished(r)) left += Math.max(0, state.config.iterations - r.iteration);
  return left;
}

/**
 * Seconds until the race ends: the work left over the race's throughput in
 * iterations a second — `throughput` as measured (timeLeft below), else what
 * the pace gives on the race's threads (runs beyond them wait their turn) —
 * and never less than the slowest running run needs at its own speed. At max
 * pace, before every running run has a speed, unknown. Undefined while paused
 * or once the race is over.
 */
export function secondsLeft(state: DashboardState, throughput?: number): number | undefined {
  if (state.paused || raceFinished(state)) return undefined;
  const { pace } = state;
  let slowest = 0;
  let unfinished = 0;
  let measured = 0;
  for (const r of state.runs) {
    if (isFinished(r)) continue;
    unfinished++;
    if (r.costAt < 0 && r.iteration === 0) continue; // waiting for a thread
    const speed = r.rate ?? r.itersPerSec;
    measured += speed;
    // At a pace, that pace — or the speed the run really reaches, when it cannot keep up.
    const rate = pace > 0 ? (speed > 0 ? Math.min(pace, speed) : pace) : speed;
    if (!(rate > 0)) return undefined;
    slowest = Math.max(slowest, (state.config.iterations - r.iteration) / rate);
  }
  const rate =
    throughput !== undefined && throughput > 0 ? throughput : pace > 0 ? pace * Math.min(threadsOf(state), unfinished) : measured;
  if (!(rate > 0)) return undefined;
  return Math.max(slowest, workLeft(state) / rate);
}

/** The race's throughput is measured over about this much of the latest wall time. */
export const THROUGHPUT_WINDOW_MS = 5000;
/** ... and only once it spans at least this much (before, the pace's estimate stands). */
export const THROUGHPUT_MIN_MS = 1000;

/**
 * What the header's "time left" remembers between frames: the latest work
 * left at a few moments (the measured throughput), and what it last showed.
 * Its key is what the user controls — the race, its pace, a pause — and a new
 * key starts it afresh.
 */
export interface LeftClock {
  readonly key: string;
  readonly samples: readonly { readonly t: number; readonly left: number }[];
  readonly shown: number | undefined;
}

/**
 * The time left at `now` (ms, any monotonic clock): secondsLeft with the
 * throughput measured over the latest THROUGHPUT_WINDOW_MS, and monotone —
 * it never grows while the key stays the same: a run that ends, a seed that
 * waits for its thread or a busy core only hold it where it is, until the
 * estimate comes down to it. Only the user (a new pace, a pause, new
 * settings) lets it grow.
 */
export function timeLeft(clock: LeftClock | undefined, state: DashboardState, now: number): LeftClock {
  const key = `${state.raceId}:${state.pace}:${state.paused}`;
  const left = workLeft(state);
  const kept = clock && clock.key === key ? clock.samples.filter((x) => now - x.t <= THROUGHPUT_WINDOW_MS) : [];
  const last = kept[kept.length - 1];
  const samples = last && last.left === left ? kept : [...kept, { t: now, left }];
  const first = samples[0]!;
  const span = now - first.t;
  const throughput = span >= THROUGHPUT_MIN_MS && first.left > left ? ((first.left - left) * 1000) / span : undefined;
  const estimate = secondsLeft(state, throughput);
  if (state.paused || raceFinished(state)) return { key, samples, shown: undefined };
  const before = clock && clock.key === key ? clock.shown : undefined;
  const shown = estimate === undefined ? before : before === undefined ? estimate : Math.min(before, estimate);
  return { key, samples, shown };
}
