/**
 * The dashboard's state as a pure reducer: engine events and user intents
 * in, state out. Components only display it; the hooks only forward to it.
 */
import type { ExperimentConfig } from '../core/config.js';
import type { Diagnostics } from '../core/diagnostics.js';
import { makeData, runsOf, type CostPoint, type DoneRun, type FinishedRun, type TrainTest } from '../core/experiment.js';
import { nextPace, perSecond } from '../core/pace.js';
import { gridSize } from '../core/sweep.js';
import type { RunEvent } from '../engine/protocol.js';
import { bySeed, meanCurve } from '../results/summary.js';
import { resultCells, sweepCells, type Cells } from '../results/table.js';
import { deleteChar, formConfig, moveField, openForm, typeText, type SettingsForm } from './settings-form.js';

export interface DiagPoint {
  readonly at: number;
  readonly d: Diagnostics;
}

/** Kept diagnostics per run (sparklines need no more). */
export const DIAG_CAP = 240;

/** Kept trace points per run; beyond this the trace is thinned (every other point goes). */
export const TRACE_CAP = 2000;

export type RunStatus = 'waiting' | 'running' | 'paused' | 'done' | 'failed' | 'diverged';

export interface RunView {
  readonly scheme: string;
  readonly seed: number;
  readonly iteration: number;
  readonly cost: number;
  readonly costAt: number;
  readonly itersPerSec: number;
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
  /** The run's network, where it is not the config's (a depth sweep's cell). */
  readonly layers?: readonly number[];
}

export type View = 'race' | 'detail' | 'why' | 'compare' | 'settings' | 'help' | 'sweep';
export type Panel = 'runs' | 'chart';

export interface DashboardState {
  readonly config: ExperimentConfig;
  /** The data the race trains on: it changes with the config, never apart from it. */
  readonly data: TrainTest;
  /** Every run of the race, scheme-major: scheme k's seeds are runs k·seeds … k·seeds + seeds - 1. */
  readonly runs: readonly RunView[];
  readonly paused: boolean;
  /** Iterations per second per run; 0 = as fast as possible. */
  /** Iterations per second per run; 0 = as fast as possible. */
  readonly pace: number;
  /** The race chart: every scheme overlaid, or one small chart per scheme. */
  readonly chart: 'overlay' | 'multiples';
  /** The settings form, while the settings view is open. */
  readonly form?: SettingsForm;
  readonly logScale: boolean;
  readonly view: View;
  /** The view to go back to when help closes. */
  readonly behindHelp: Exclude<View, 'help'>;
  /** The highlighted run (the list's cursor) and the run the detail view shows. */
  readonly selected: number;
  readonly panel: Panel;
  /** The chart cursor, as a fraction of the iteration axis (0..1). */
  readonly cursor: number;
  /** Bumped on restart: the list re-mounts and events of an old race are ignored. */
  readonly raceId: number;
}

export type Action =
  | { readonly type: 'events'; readonly raceId: number; readonly events: readonly RunEvent[] }
  /** A new race; with a new experiment, its data come with it. */
  | { readonly type: 'restart'; readonly config?: ExperimentConfig; readonly data?: TrainTest }
  /** Pause or resume (nothing to pause once the race is over). */
  | { readonly type: 'togglePause' }
  /** One step faster or slower through PACES. */
  | { readonly type: 'pace'; readonly faster: boolean }
  | { readonly type: 'toggleChart' }
  /** The settings form: another field, typing, Backspace, Enter. */
  | { readonly type: 'formMove'; readonly by: number }
  | { readonly type: 'formType'; readonly text: string }
  | { readonly type: 'formDelete' }
  | { readonly type: 'formApply' }

  | { readonly type: 'toggleLog' }
  | { readonly type: 'toggleHelp' }
  | { readonly type: 'open'; readonly run?: number }
  | { readonly type: 'why'; readonly run?: number }
  /** The schemes side by side, at iteration 0 and now; from the compare view, back to the race. */
  | { readonly type: 'compare' }
  | { readonly type: 'settings' }
  | { readonly type: 'back' }
  | { readonly type: 'select'; readonly run: number }
  /** Move the selection by ±n, wrapping; relative, so keys faster than the redraw all count. */
  | { readonly type: 'move'; readonly by: number }
  | { readonly type: 'nextPanel' }
  | { readonly type: 'moveCursor'; readonly by: number }
  /** Move the sweep map's cursor by rows (depths) and columns (gains), stopping at the edges. */
  | { readonly type: 'moveCell'; readonly rows: number; readonly cols: number };

function freshRuns(config: ExperimentConfig): RunView[] {
  return runsOf(config).map(({ scheme, seed, layers }): RunView => ({
    scheme, seed, iteration: 0, cost: NaN, costAt: -1, itersPerSec: 0, elapsedMs: 0, trace: [], traceStride: 1, diag: [],
    ...(layers ? { layers } : {}),
  }));
}

/** The view a race opens on and goes back to: the sweep's map for a sweep, else the race. */
export function homeView(config: ExperimentConfig): 'race' | 'sweep' {
  return config.sweep ? 'sweep' : 'race';
}

/**
 * The pace a race starts at: the config's. A sweep's `auto` is max: it is many
 * models, watched fill a map, not one curve at a time.
 */
export function paceOf(config: ExperimentConfig): number {
  return config.sweep && config.pace === 'auto' ? 0 : perSecond(config.pace, config.iterations);
}

export function initialState(config: ExperimentConfig, data: TrainTest, paused = false, pace = paceOf(config)): DashboardState {
  return {
    config,
    data,
    runs: freshRuns(config),
    paused,
    pace,
    chart: 'overlay',
    logScale: false,
    view: homeView(config),
    behindHelp: homeView(config),
    selected: 0,
    panel: 'runs',
    cursor: 1,
    raceId: 0,
  };
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

function applyEvent(run: RunView, e: RunEvent, iterations: number): RunView {
  switch (e.type) {
    case 'progress': {
      const { trace, stride } = appendTrace(run.trace, run.traceStride, e.samples);
      let diag = run.diag;
      if (e.diag) {
        diag = [...diag, { at: e.diagAt ?? e.iteration, d: e.diag }];
        if (diag.length > DIAG_CAP) diag = diag.filter((_, k) => k % 2 === 0 || k === diag.length - 1);
      }
      return { ...run, iteration: e.iteration, cost: e.cost, costAt: e.costAt, itersPerSec: e.itersPerSec, elapsedMs: e.elapsedMs, trace, traceStride: stride, diag };
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
  return run.costAt < 0 && run.iteration === 0 ? 'waiting' : 'running';
}

export function raceFinished(state: DashboardState): boolean {
  // Every run, every seed.
  return state.runs.every(isFinished);
}

export function reduce(state: DashboardState, action: Action): DashboardState {
  switch (action.type) {
    case 'events': {
      if (action.raceId !== state.raceId || action.events.length === 0) return state;
      const runs = state.runs.slice();
      for (const e of action.events) {
        const r = runs[e.run];
        if (r) runs[e.run] = applyEvent(r, e, state.config.iterations);
      }
      return { ...state, runs };
    }
    case 'restart': {
      const config = action.config ?? state.config;
      const { form: _closed, ...rest } = state;
      return {
        ...rest,
        config,
        data: action.data ?? state.data,
        // A new experiment comes with its own pace; `r` keeps the one the keys chose.
        pace: action.config ? paceOf(config) : state.pace,
        runs: freshRuns(config),
        selected: 0,
        view: homeView(config),
        behindHelp: homeView(config),
        cursor: 1,
        raceId: state.raceId + 1,
      };
    }
    case 'togglePause':
      return raceFinished(state) ? state : { ...state, paused: !state.paused };
    case 'pace':
      return { ...state, pace: nextPace(state.pace, action.faster) };
    case 'toggleChart':
      return { ...state, chart: state.chart === 'overlay' ? 'multiples' : 'overlay' };
    case 'formMove':
      return state.form ? { ...state, form: moveField(state.form, action.by) } : state;
    case 'formType':
      return state.form ? { ...state, form: typeText(state.form, action.text, state.config) } : state;
    case 'formDelete':
      return state.form ? { ...state, form: deleteChar(state.form, state.config) } : state;
    case 'formApply': {
      if (!state.form) return state;
      const config = formConfig(state.form, state.config);
      if (typeof config === 'string') return { ...state, form: { ...state.form, error: config } };
      // New data only where the data set or its noise changed; your own file stays as it is.
      const same = config.dataset === state.config.dataset && config.noise === state.config.noise;
      const data = same || config.dataset === 'csv' ? state.data : makeData(config.dataset, config.noise);
      return reduce(state, { type: 'restart', config, data });
    }
    case 'toggleLog':
      return { ...state, logScale: !state.logScale };
    case 'toggleHelp':
      return state.view === 'help'
        ? { ...state, view: state.behindHelp }
        : { ...state, view: 'help', behindHelp: state.view };
    case 'open': {
      const run = action.run ?? state.selected;
      if (run < 0 || run >= groupCount(state)) return state;
      return { ...state, view: 'detail', selected: run };
    }
    case 'why': {
      const run = action.run ?? state.selected;
      if (run < 0 || run >= groupCount(state)) return state;
      return { ...state, view: 'why', selected: run };
    }
    case 'compare':
      return { ...state, view: state.view === 'compare' ? 'race' : 'compare' };
    case 'settings':
      // The pace field shows the pace as the keys left it (auto, while they have not moved it).
      return { ...state, view: 'settings', form: openForm(state.config, state.pace === paceOf(state.config) ? undefined : state.pace) };
    case 'back':
      if (state.view === 'help') return { ...state, view: state.behindHelp };
      if (state.view === 'settings') {
        const { form: _closed, ...rest } = state;
        return { ...rest, view: homeView(state.config) };
      }
      if (state.view === 'detail' || state.view === 'why' || state.view === 'compare') return { ...state, view: homeView(state.config) };
      return state.panel === 'chart' ? { ...state, panel: 'runs' } : state;
    case 'select':
      if (action.run < 0 || action.run >= groupCount(state)) return state;
      return { ...state, selected: action.run };
    case 'move': {
      const n = groupCount(state);
      return { ...state, selected: (((state.selected + action.by) % n) + n) % n };
    }
    case 'nextPanel':
      return state.view === 'race' ? { ...state, panel: state.panel === 'runs' ? 'chart' : 'runs' } : state;
    case 'moveCursor':
      return { ...state, cursor: Math.min(1, Math.max(0, state.cursor + action.by)) };
    case 'moveCell': {
      if (!state.config.sweep) return state;
      const { rows, cols } = gridSize(state.config.sweep);
      const clamp = (x: number, n: number) => Math.max(0, Math.min(n - 1, x));
      const row = clamp(Math.floor(state.selected / cols) + action.rows, rows);
      const col = clamp((state.selected % cols) + action.cols, cols);
      return { ...state, selected: row * cols + col };
    }
  }
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
    ? sweepCells(g.scheme, g.runs.flatMap((x) => doneOf(x) ?? []), g.runs.length)
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
