import type { MessagePort } from 'node:worker_threads';
import type { Boundary } from './boundary.js';
import type { Diagnostics } from '../core/diagnostics.js';
import type { ExperimentConfig } from '../core/config.js';
import type { CostPoint, DoneRun, FinishedRun, RunSpec } from '../core/experiment.js';

/**
 * Everything a worker says, tagged with its run (the index in the race's
 * scheme list). A non-finite cost is a value, not a failure.
 */
export type RunEvent =
  | {
      readonly type: 'progress';
      readonly run: number;
      /** Iterations done so far. */
      readonly iteration: number;
      /** The latest computed cost and the iteration it belongs to. */
      readonly cost: number;
      readonly costAt: number;
      /** Trace samples [iteration, cost] since the previous progress event. */
      readonly samples: readonly CostPoint[];
      /** Training speed over the interval since the previous event (0 while paused). */
      readonly itersPerSec: number;
      /** Wall time since the run started, pauses left out (for its average speed). */
      readonly elapsedMs: number;
      /**
       * The "why" numbers, when the race asked for them (the dashboard does), at most ~10 a second.
       * A run's first are its start (iteration 0), sent before its first step.
       */
      readonly diag?: Diagnostics;
      /** The iteration the diagnostics describe: the network after that many updates, and that iteration's gradient. */
      readonly diagAt?: number;
      /**
       * With diagnostics, a snapshot of the decision boundary now and then (BOUNDARY_MS
       * apart at the most, further for a network whose forward pass is slow): the
       * detail view draws it while the run trains. The run's start is the first.
       */
      readonly boundary?: Boundary;
    }
  /** The run's last event: trained (or diverged), or failed with a message. */
  | { readonly type: 'finished'; readonly run: number; readonly result: FinishedRun };

export type RunEventType = RunEvent['type'];

/**
 * What a worker posts on its port: progress events as they are, and a last
 * message whose recorded costs travel compactly (a Float64Array, transferred:
 * value k is the cost of iteration k·every). The race turns it into the
 * 'finished' RunEvent with the result's [iteration, cost] list.
 */
export type WorkerMessage =
  | Extract<RunEvent, { readonly type: 'progress' }>
  | { readonly type: 'finished'; readonly run: number; readonly result: Omit<DoneRun, 'costs'>; readonly costs: Float64Array };

/** A fault to inject on purpose (tests, and `INIT_TUI_FAULT`): throw or kill the thread at an iteration. */
export interface Fault {
  readonly kind: 'throw' | 'exit';
  readonly scheme: string;
  readonly at: number;
}

/** What the main thread hands a worker: one run of the experiment, the config as it is. */
export interface TrainTask {
  readonly run: number;
  readonly spec: RunSpec;
  readonly config: ExperimentConfig;
  readonly traceEvery: number;
  readonly data: {
    readonly train: { m: number; x: Float64Array; y: Float64Array };
    readonly test: { m: number; x: Float64Array; y: Float64Array };
  };
  /** The race's shared control block (see CONTROL below). */
  readonly control: SharedArrayBuffer;
  readonly port: MessagePort;
  readonly fault?: Fault;
  /**
   * Lower this thread's CPU priority (nice +10) so that a dashboard on the
   * main thread stays responsive when the runs outnumber the cores.
   */
  readonly yieldToMain?: boolean;
  /**
   * Stream Diagnostics: the run's start at once, then now and then (one normal
   * step is bracketed by snapshots). The result carries start and end either way.
   */
  readonly diagnostics?: boolean;
  /** Train the one model on two threads (engine/layer-helper.ts twoThreadsFor): the same numbers, sooner. */
  readonly twoThreads?: boolean;
}

/** What every thread of a race's pool is given as it starts (piscina's workerData). */
export interface WorkerData {
  /** V8 flags to set before anything else: the thread's start reset the main thread's (heap.ts). */
  readonly heapFlags: readonly string[];
}

/**
 * Layout of the control block, an Int32Array over a SharedArrayBuffer shared
 * by the main thread and every worker of a race. Workers never wait on the
 * event loop: they read these words between batches and sleep with
 * Atomics.wait on GEN, which the main thread bumps and notifies on each change.
 */
export const CONTROL = {
  /** RUNNING, PAUSED or CANCELLED. */
  STATE: 0,
  /** Incremented once per single-step request. */
  STEP_SEQ: 1,
  /** Iterations per second; 0 = as fast as possible. */
  PACE: 2,
  /** Bumped on every change, so sleepers wake. */
  GEN: 3,
  LENGTH: 4,
} as const;

export const RUNNING = 0;
export const PAUSED = 1;
export const CANCELLED = 2;

/** At most this many progress events a second per run (the redraw rate). */
export const MAX_EVENTS_PER_SECOND = 30;

/** Boundary snapshots at most this often per run: four a second watch it form without costing the training. */
export const BOUNDARY_MS = 250;
/**
 * A snapshot takes at most this share of a run's time: a wide network's (a
 * forward pass over 64² points) is spaced further apart than BOUNDARY_MS.
 */
export const BOUNDARY_SHARE = 0.1;
