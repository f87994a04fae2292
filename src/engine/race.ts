/**
 * The race: one piscina task per scheme, all at once, each streaming events
 * over its own MessagePort. The main thread owns every decision: pause,
 * single step, pace and cancel go to the workers through a shared control
 * block; results come back as RunEvents.
 */
import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { checkConfig, type ExperimentConfig } from '../core/config.js';
import { makeData, runsOf, type FinishedRun, type RunSpec, type TrainTest } from '../core/experiment.js';
import { CANCELLED, CONTROL, PAUSED, RUNNING, type Fault, type RunEvent, type TrainTask } from './protocol.js';

/** How a race runs, beside what it trains (the config): none of these changes a number. */
export interface RaceOptions {
  /** Prepared data (default: the config's generated data set, made here). */
  readonly data?: TrainTest;
  /** Interval of the live cost samples (default: config.every). */
  readonly traceEvery?: number;
  /** Start paused (a dashboard may want to show the starting line). */
  readonly paused?: boolean;
  /** Iterations per second per run; 0 or absent = unthrottled. */
  readonly pace?: number;
  readonly fault?: Fault;
  /** Lower the workers' priority below the main thread's (for a dashboard). */
  readonly yieldToMain?: boolean;
  /** Stream the "why" diagnostics with the progress events. */
  readonly diagnostics?: boolean;
}

/** Without --threads, a sweep does not start more threads than this (they would only wait for the cores). */
export const MAX_DEFAULT_THREADS = 8;

/**
 * Without --threads, a gain sweep takes one thread per core (at most one per
 * model): its models are many and alike, and more threads than cores would
 * only make each wait for a core.
 */
export function sweepThreads(models: number): number {
  return Math.max(1, Math.min(models, availableParallelism()));
}

export interface Race {
  /** Resolves when every run is done or failed (or the race was cancelled), with outcomes in scheme order. */
  readonly finished: Promise<readonly FinishedRun[]>;
  pause(): void;
  resume(): void;
  /** One iteration for every run (only while paused). */
  step(): void;
  /** Iterations per second per run; 0 = unthrottled. */
  setPace(itersPerSec: number): void;
  readonly paused: boolean;
  readonly pace: number;
  /** Stops every worker at once and frees the pool; resolves when no thread is left. */
  cancel(): Promise<void>;
}

/** The worker entry beside this file: `.ts` under tsx (tests), `.js` once built. */
function workerFile(): string {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./worker${ext}`, import.meta.url).href;
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

export function startRace(config: ExperimentConfig, rc: RaceOptions, onEvent: (e: RunEvent) => void): Race {
  checkConfig(config);
  const runs = runsOf(config);
  const threads = config.threads ?? (config.sweep ? sweepThreads(runs.length) : Math.max(1, Math.min(runs.length, Math.max(config.schemes.length, MAX_DEFAULT_THREADS))));
  const pool = new Piscina({
    filename: workerFile(),
    minThreads: Math.min(threads, availableParallelism() * 4),
    maxThreads: threads,
    idleTimeout: 1000,
    // A worker holds a few small arrays and posts small messages: a small young
    // generation keeps each thread's memory low (RSS is counted for the whole process).
    resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 },
  });
  const control = new SharedArrayBuffer(CONTROL.LENGTH * Int32Array.BYTES_PER_ELEMENT);
  const ctrl = new Int32Array(control);
  ctrl[CONTROL.STATE] = rc.paused ? PAUSED : RUNNING;
  ctrl[CONTROL.PACE] = Math.max(0, Math.round(rc.pace ?? 0));
  const abort = new AbortController();
  // One abort listener per task: a sweep has many (node warns past 10).
  setMaxListeners(runs.length + 10, abort.signal);
  const data = rc.data ?? makeData(config.dataset, config.noise);
  let cancelled = false;

  const signal = (): void => {
    Atomics.add(ctrl, CONTROL.GEN, 1);
    Atomics.notify(ctrl, CONTROL.GEN);
  };

  const runOne = (spec: RunSpec, index: number): Promise<FinishedRun> => {
    const { port1, port2 } = new MessageChannel();
    let resolveDone!: (e: FinishedRun) => void;
    // The worker's last message is 'finished'; messages on a port keep their order,
    // so when it arrives every progress event before it has arrived too.
    const doneMessage = new Promise<FinishedRun>((resolve) => (resolveDone = resolve));
    port1.on('message', (e: RunEvent) => {
      if (cancelled) return;
      if (e.type === 'finished') resolveDone(e.result);
      else onEvent(e);
    });
    const task: TrainTask = {
      run: index,
      spec,
      config,
      traceEvery: rc.traceEvery ?? config.every,
      data,
      control,
      port: port2,
      ...(rc.fault ? { fault: rc.fault } : {}),
      ...(rc.yieldToMain ? { yieldToMain: true } : {}),
      ...(rc.diagnostics ? { diagnostics: true } : {}),
    };
    return pool
      .run(task, { transferList: [port2], signal: abort.signal })
      .then(
        () => doneMessage,
        (err: unknown): FinishedRun => ({
          status: 'failed',
          scheme: spec.scheme,
          seed: spec.seed,
          error: cancelled ? 'cancelled' : messageOf(err),
        }),
      )
      .then((result: FinishedRun) => {
        port1.close();
        if (!cancelled) onEvent({ type: 'finished', run: index, result });
        return result;
      });
  };

  const outcomes = Promise.all(runs.map(runOne));
  const finished = outcomes.then(async (o) => {
    await pool.destroy();
    return o;
  });

  return {
    finished,
    get paused() {
      return Atomics.load(ctrl, CONTROL.STATE) === PAUSED;
    },
    get pace() {
      return Atomics.load(ctrl, CONTROL.PACE);
    },
    pause() {
      if (Atomics.compareExchange(ctrl, CONTROL.STATE, RUNNING, PAUSED) === RUNNING) signal();
    },
    resume() {
      if (Atomics.compareExchange(ctrl, CONTROL.STATE, PAUSED, RUNNING) === PAUSED) signal();
    },
    step() {
      if (Atomics.load(ctrl, CONTROL.STATE) !== PAUSED) return;
      Atomics.add(ctrl, CONTROL.STEP_SEQ, 1);
      signal();
    },
    setPace(itersPerSec: number) {
      Atomics.store(ctrl, CONTROL.PACE, Math.max(0, Math.min(2 ** 31 - 1, Math.round(itersPerSec))));
      signal();
    },
    async cancel() {
      if (!cancelled) {
        cancelled = true;
        Atomics.store(ctrl, CONTROL.STATE, CANCELLED);
        signal();
        abort.abort();
      }
      await finished.catch(() => undefined);
    },
  };
}
