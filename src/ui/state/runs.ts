/**
 * The run model of the dashboard: what it keeps of one run (its latest
 * progress, a thinned cost trace, a thinned diagnostics history, its result),
 * how an engine event updates it, and what a lane says of it.
 */
import type { Diagnostics } from '../../core/diagnostics.js';
import type { ExperimentConfig } from '../../core/config.js';
import { runsOf, type CostPoint, type DoneRun, type FinishedRun } from '../../core/experiment.js';
import type { Boundary } from '../../engine/boundary.js';
import type { RunEvent } from '../../engine/protocol.js';

export interface DiagPoint {
  readonly at: number;
  readonly d: Diagnostics;
}

/** Kept diagnostics per run (sparklines need no more). */
export const DIAG_CAP = 240;

/** Kept trace points per run; beyond this the trace is thinned (every other point goes). */
export const TRACE_CAP = 2000;

export type RunStatus = 'waiting' | 'running' | 'paused' | 'done' | 'failed' | 'diverged';

/** Where a scheme's runs stand when it has several seeds (a lane over them; selectors.ts's groupView). */
export interface SeedProgress {
  readonly runs: number;
  /** Ended: trained, diverged or failed. */
  readonly done: number;
  /** On a thread now. */
  readonly running: number;
  /** Not started: more runs than threads, they wait their turn. */
  readonly waiting: number;
  /** Iterations done over every seed (of runs × iterations). */
  readonly iterations: number;
}

/** The time constant of a run's smoothed speed (RunView.rate), in ms of its training. */
export const RATE_SMOOTHING_MS = 1000;

export interface RunView {
  readonly scheme: string;
  readonly seed: number;
  readonly iteration: number;
  readonly cost: number;
  readonly costAt: number;
  readonly itersPerSec: number;
  /**
   * The speed smoothed over about RATE_SMOOTHING_MS (the lane's "on pace" or "behind
   * pace" reads it, not one interval's jitter); undefined until the run's first
   * speed, and again after the pace changes or a pause.
   */
  readonly rate?: number;
  /** A lane over several seeds: how many are done, running and waiting. */
  readonly seeds?: SeedProgress;
  /** Wall time the run has trained, pauses left out (from its latest progress). */
  readonly elapsedMs: number;
  /** Cost samples for the charts, thinned to at most TRACE_CAP points. */
  readonly trace: readonly CostPoint[];
  /** Minimum spacing, in iterations, between kept trace points (doubles on each thinning). */
  readonly traceStride: number;
  /** The "why" history: diagnostics over time, thinned to at most DIAG_CAP entries. */
  readonly diag: readonly DiagPoint[];
  /** Set when the run ends: trained, or failed. */
  readonly result?: FinishedRun;
  /** The latest snapshot of the decision boundary while the run trains (the detail view draws it). */
  readonly boundary?: Boundary;
  /** The run's network, where it is not the config's (a depth sweep's cell). */
  readonly layers?: readonly number[];
}

export function freshRuns(config: ExperimentConfig): RunView[] {
  return runsOf(config).map(({ scheme, seed, layers }): RunView => ({
    scheme,
    seed,
    iteration: 0,
    cost: NaN,
    costAt: -1,
    itersPerSec: 0,
    elapsedMs: 0,
    trace: [],
    traceStride: 1,
    diag: [],
    ...(layers ? { layers } : {}),
  }));
}

/** Appends samples, keeping at most TRACE_CAP points evenly spread over the iterations seen. */
export function appendTrace(
  trace: readonly CostPoint[],
  stride: number,
  samples: readonly CostPoint[],
): { trace: CostPoint[]; stride: number } {
  let out = trace as CostPoint[];
  let copied = false;
  let s = stride;
  for (const p of samples) {
    const last = out[out.length - 1];
    if (last !== undefined && p[0] - last[0] < s) continue;
    if (!copied) {
      out = out.slice();
      copied = true;
    }
    out.push(p);
    if (out.length > TRACE_CAP) {
      // Thin: keep every other point and double the spacing required from now on.
      out = out.filter((_, k) => k % 2 === 0);
      s *= 2;
    }
  }
  return { trace: out, stride: s };
}

export function applyEvent(run: RunView, e: RunEvent, iterations: number): RunView {
  switch (e.type) {
    case 'progress': {
      const { trace, stride } = appendTrace(run.trace, run.traceStride, e.samples);
      let diag = run.diag;
      if (e.diag) {
        diag = [...diag, { at: e.diagAt ?? e.iteration, d: e.diag }];
        if (diag.length > DIAG_CAP) diag = diag.filter((_, k) => k % 2 === 0 || k === diag.length - 1);
      }
      return {
        ...run,
        ...smoothRate(run, e),
        iteration: e.iteration,
        cost: e.cost,
        costAt: e.costAt,
        itersPerSec: e.itersPerSec,
        elapsedMs: e.elapsedMs,
        trace,
        traceStride: stride,
        diag,
        ...(e.boundary ? { boundary: e.boundary } : {}),
      };
    }
    case 'finished': {
      if (e.result.status !== 'done') return { ...run, itersPerSec: 0, result: e.result };
      // The why view's history ends on the trained network itself (its diagnostics at the end).
      const last = run.diag[run.diag.length - 1];
      const diag = last && last.at >= iterations ? run.diag : [...run.diag, { at: iterations, d: e.result.diagnostics.end }];
      return { ...run, iteration: iterations, cost: e.result.finalCost, costAt: iterations - 1, itersPerSec: 0, result: e.result, diag };
    }
  }
}

/**
 * An exponential average of the run's speed over its own training time (pauses
 * left out): weight 1 − e^(−dt/τ) for an interval of dt ms. An interval with
 * no iterations and no time (a paused flush) leaves it as it was.
 */
function smoothRate(run: RunView, e: Extract<RunEvent, { type: 'progress' }>): { rate?: number } {
  const dt = e.elapsedMs - run.elapsedMs;
  if (run.rate === undefined) return e.itersPerSec > 0 ? { rate: e.itersPerSec } : {};
  if (!(dt > 0)) return { rate: run.rate };
  const w = 1 - Math.exp(-dt / RATE_SMOOTHING_MS);
  return { rate: run.rate + w * (e.itersPerSec - run.rate) };
}

/** The run with its smoothed speed forgotten: after the pace changes or a pause, it is measured again. */
export function forgetRate(run: RunView): RunView {
  if (run.rate === undefined) return run;
  const { rate: _forgotten, ...rest } = run;
  return rest;
}

/** Whether the run has ended, trained or failed. */
export function isFinished(run: RunView): boolean {
  return run.result !== undefined;
}

/** The failure message of a failed run. */
export function failureOf(run: RunView): string | undefined {
  return run.result?.status === 'failed' ? run.result.error : undefined;
}

/** The trained result of a run, once it has one. */
export function doneOf(run: RunView): DoneRun | undefined {
  return run.result?.status === 'done' ? run.result : undefined;
}

/**
 * What a lane says. "diverged": the cost became NaN (the weights overflowed),
 * or the run ended on a non-finite cost. The ×10 scheme's +∞ at the start is
 * not divergence: it is where that lesson begins.
 */
export function statusOf(run: RunView, paused: boolean): RunStatus {
  if (run.result?.status === 'failed') return 'failed';
  if (Number.isNaN(run.cost) && run.costAt >= 0) return 'diverged';
  if (run.result) return Number.isFinite(run.cost) ? 'done' : 'diverged';
  if (paused) return 'paused';
  // A lane over several seeds runs while any of them does, even with others still waiting for a thread.
  if (run.seeds) return run.seeds.running + run.seeds.done > 0 ? 'running' : 'waiting';
  return run.costAt < 0 && run.iteration === 0 ? 'waiting' : 'running';
}
