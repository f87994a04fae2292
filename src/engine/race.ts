/**
 * The race: one piscina task per run, each streaming events over its own
 * MessagePort; a pool that lives exactly as long as the race. The main thread owns every decision: pause,
 * single step, pace and cancel go to the workers through a shared control
 * block; results come back as RunEvents.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { Piscina as PiscinaPool } from 'piscina';
import { checkConfig, recordEvery, type ExperimentConfig } from '../core/config.js';
import {
  costPoints,
  makeData,
  runsOf,
  SHOWN_COSTS,
  thinCosts,
  type FinishedRun,
  type RunSpec,
  type TrainTest,
} from '../core/experiment.js';
import { Control, raceHandle } from './control.js';
import { heapFlagsForWorkers } from './heap.js';
import { startInline } from './inline.js';
import { twoThreadsFor } from './layer-helper.js';
import type { Fault, RunEvent, TrainTask, WorkerData, WorkerMessage } from './protocol.js';

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
  /**
   * A race of one run (one scheme, one seed) trains on the calling thread, with
   * no pool (inline.ts): for the headless modes, where nothing else needs the
   * thread. Not with a fault to inject, which is a worker's.
   */
  readonly inline?: boolean;
  /**
   * Keep a long record compact (a dashboard): a run that recorded more than
   * SHOWN_COSTS costs finishes with them thinned for drawing in `costs` and
   * whole in `recorded`, the Float64Array its worker transferred, instead of
   * millions of [iteration, cost] pairs built on the thread that draws.
   */
  readonly compactCosts?: boolean;
}

/**
 * piscina's pool class, loaded with the first pool (its CommonJS entry, by
 * require(), so that startRace stays synchronous): a run trained inline never
 * pays for loading it (~25 ms, ~8 MB).
 */
let piscina: typeof PiscinaPool | undefined;
export function poolClass(): typeof PiscinaPool {
  piscina ??= (createRequire(import.meta.url)('piscina') as { Piscina: typeof PiscinaPool }).Piscina;
  return piscina;
}

/** Without --threads, a race of up to this many schemes gives each scheme its own thread, whatever the cores. */
export const MAX_DEFAULT_THREADS = 8;

/**
 * Threads when --threads is not given: one per run, but no more than the
 * cores, except that a race of a few schemes (up to MAX_DEFAULT_THREADS) still
 * runs them side by side so that it looks like a race: 3 schemes on 2 cores get
 * 3 threads; 200 schemes get 8 (not 200); a 1000-seed sweep of 3 schemes gets
 * max(cores, 3).
 */
export function defaultThreads(runs: number, schemes: number, cores: number = availableParallelism()): number {
  return Math.max(1, Math.min(runs, Math.max(cores, Math.min(schemes, MAX_DEFAULT_THREADS))));
}

/** cancel() waits at most this long for the threads to be gone, then returns anyway (they are unreferenced). */
export const CANCEL_DEADLINE_MS = 1000;

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
  /**
   * Stops every run at once: `finished` resolves (every unfinished run
   * "cancelled"), no event follows, and the pool is destroyed. Resolves when no
   * thread is left, or after CANCEL_DEADLINE_MS at the latest.
   */
  cancel(): Promise<void>;
}

/** The worker entry beside this file: worker-entry.cjs once built (see there why), worker.ts under tsx (tests). */
export function workerFile(): string {
  const file = import.meta.url.endsWith('.ts') ? './worker.ts' : './worker-entry.cjs';
  return new URL(file, import.meta.url).href;
}

/** A promise that resolves after `ms` without keeping the process alive. */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** What starts a race: on local threads (startRace), or on a queue's workers (engine/queue/submit.ts). */
export type RaceStarter = (config: ExperimentConfig, rc: RaceOptions, onEvent: (e: RunEvent) => void) => Race;

export function startRace(config: ExperimentConfig, rc: RaceOptions, onEvent: (e: RunEvent) => void): Race {
  checkConfig(config);
  const runs = runsOf(config);
  if (rc.inline && runs.length === 1 && !rc.fault) return startInline(config, runs[0]!, rc, onEvent);
  const twoThreads = twoThreadsFor(config, runs.length);
  const threads = config.threads ?? (config.sweep ? sweepThreads(runs.length) : defaultThreads(runs.length, config.schemes.length));
  const pool = new (poolClass())({
    filename: workerFile(),
    // Threads start as runs need them and end with the race: none is started
    // ahead (64 at once froze the screen), none kept waiting.
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: 1000,
    // A worker holds a few small arrays and posts small messages: a small young
    // generation keeps each thread's memory low (RSS is counted for the whole process).
    resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 },
    workerData: { heapFlags: [...heapFlagsForWorkers()] } satisfies WorkerData,
  });
  const control = new Control(rc.paused ?? false, rc.pace ?? 0);
  const data = rc.data ?? makeData(config.dataset, config.noise);
  let cancelled = false;
  let onCancel!: () => void;
  const cancelledSignal = new Promise<void>((resolve) => (onCancel = resolve));
  const openPorts = new Set<MessagePort>();

  const cancelledRun = (spec: RunSpec): FinishedRun => ({ status: 'failed', scheme: spec.scheme, seed: spec.seed, error: 'cancelled' });

  /** One run on the pool. Settles exactly once: with its result, its failure, or "cancelled" at the moment of cancel. */
  const runOne = (spec: RunSpec, index: number): Promise<FinishedRun> => {
    const { port1, port2 } = new MessageChannel();
    openPorts.add(port1);
    let resolveDone!: (e: FinishedRun) => void;
    // The worker's last message is 'finished'; messages on a port keep their order,
    // so when it arrives every progress event before it has arrived too.
    const doneMessage = new Promise<FinishedRun>((resolve) => (resolveDone = resolve));
    port1.on('message', (m: WorkerMessage) => {
      if (cancelled) return;
      if (m.type !== 'finished') onEvent(m);
      else if (rc.compactCosts && m.costs.length > SHOWN_COSTS)
        resolveDone({ ...m.result, costs: thinCosts(m.costs, recordEvery(config)), recorded: m.costs });
      else resolveDone({ ...m.result, costs: costPoints(m.costs, recordEvery(config)) });
    });
    const task: TrainTask = {
      run: index,
      spec,
      config,
      traceEvery: rc.traceEvery ?? config.every,
      data,
      control: control.buffer,
      port: port2,
      ...(rc.fault ? { fault: rc.fault } : {}),
      ...(rc.yieldToMain ? { yieldToMain: true } : {}),
      ...(rc.diagnostics ? { diagnostics: true } : {}),
      ...(twoThreads ? { twoThreads } : {}),
    };
    const work = pool.run(task, { transferList: [port2] }).then(
      // A task that ends without its 'finished' message (it saw CANCELLED) waits here for cancel.
      () => doneMessage,
      (err: unknown): FinishedRun =>
        cancelled ? cancelledRun(spec) : { status: 'failed', scheme: spec.scheme, seed: spec.seed, error: messageOf(err) },
    );
    return Promise.race([work, cancelledSignal.then(() => cancelledRun(spec))]).then((result) => {
      port1.close();
      openPorts.delete(port1);
      if (!cancelled) onEvent({ type: 'finished', run: index, result });
      return result;
    });
  };

  // At most `threads` runs are handed to the pool at a time, in order; the next
  // starts when one ends. A sweep's other runs wait here as plain specs, not as
  // 1000 queued tasks with a message channel each.
  const outcomes: Promise<FinishedRun>[] = [];
  const starters: ((r: FinishedRun) => void)[] = [];
  for (let k = 0; k < runs.length; k++) outcomes.push(new Promise<FinishedRun>((resolve) => (starters[k] = resolve)));
  let next = 0;
  let inFlight = 0;
  const launch = (): void => {
    let grew = false;
    while (!cancelled && inFlight < threads && next < runs.length) {
      // Creating a thread blocks this one for 10–20 ms (64 at once froze the screen
      // for seconds): the pool grows by one thread per turn of the event loop.
      const needsThread = inFlight >= pool.threads.length;
      if (needsThread && grew) {
        setImmediate(launch);
        return;
      }
      grew ||= needsThread;
      const k = next++;
      inFlight++;
      void runOne(runs[k]!, k).then((result) => {
        inFlight--;
        starters[k]!(result);
        launch();
      });
    }
  };
  launch();

  let destroying: Promise<void> | undefined;
  const destroyPool = (): Promise<void> => (destroying ??= pool.destroy().catch(() => undefined));
  const finished = Promise.all(outcomes).then(async (o) => {
    await Promise.race([destroyPool(), delay(CANCEL_DEADLINE_MS)]);
    return o;
  });

  return raceHandle(control, finished, async () => {
    if (!cancelled) {
      cancelled = true;
      // Workers between two batches see this and stop; the rest are terminated with the pool.
      control.cancel();
      // Every run not yet settled settles now, as "cancelled", and every run not yet started never starts.
      onCancel();
      for (let k = next; k < runs.length; k++) starters[k]!(cancelledRun(runs[k]!));
      next = runs.length;
      for (const port of openPorts) port.close();
      openPorts.clear();
      void destroyPool();
    }
    await Promise.race([destroyPool(), delay(CANCEL_DEADLINE_MS)]);
  });
}
