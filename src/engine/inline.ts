/**
 * A race of one run trained on the calling thread: no pool, no worker thread
 * to start (~80 ms) or to stop. For the headless modes, where nothing else
 * needs the main thread (startRace picks it with `inline`). The run goes
 * through the workers' own training loop (training-loop.ts), one piece of work
 * (a batch of ~4 ms) per turn of the event loop, so a signal, a closed pipe or
 * cancel() is heard within milliseconds; the events, the FinishedRun and the
 * numbers are the pool's.
 */
import { recordEvery, type ExperimentConfig } from '../core/config.js';
import { costPoints, makeData, type FinishedRun, type RunSpec } from '../core/experiment.js';
import { Control, raceHandle } from './control.js';
import { twoThreadsFor } from './layer-helper.js';
import { CONTROL, type RunEvent, type WorkerMessage } from './protocol.js';
import type { Race, RaceOptions } from './race.js';
import { TrainingLoop, type LoopTask, type Next } from './training-loop.js';

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Trains `spec` (run 0 of the race) here; `rc.fault` is not honoured (a fault is a worker's: startRace sends those to the pool). */
export function startInline(config: ExperimentConfig, spec: RunSpec, rc: RaceOptions, onEvent: (e: RunEvent) => void): Race {
  const task: LoopTask = {
    run: 0,
    spec,
    config,
    traceEvery: rc.traceEvery ?? config.every,
    data: rc.data ?? makeData(config.dataset, config.noise),
    ...(rc.diagnostics ? { diagnostics: true } : {}),
    ...(twoThreadsFor(config, 1) ? { twoThreads: true } : {}),
  };
  let cancelled = false;
  let ended = false;
  let result: FinishedRun | undefined;
  let settle!: (outcomes: readonly FinishedRun[]) => void;
  const finished = new Promise<readonly FinishedRun[]>((resolve) => (settle = resolve));
  let loop: TrainingLoop | undefined;
  /** Clears whatever is scheduled next (an immediate or a sleep's timer). */
  let unschedule: (() => void) | undefined;
  let sleeping: { readonly next: Extract<Next, { kind: 'sleep' }>; readonly from: number } | undefined;

  /** Events of the piece of work in progress: handed on after it, so that a listener's error is not the run's. */
  let outbox: RunEvent[] = [];
  const post = (m: WorkerMessage): void => {
    if (m.type === 'finished') result = { ...m.result, costs: costPoints(m.costs, recordEvery(config)) };
    else outbox.push(m);
  };

  const soon = (): void => {
    const h = setImmediate(turn);
    unschedule = () => clearImmediate(h);
  };

  const wakeUp = (): void => {
    const s = sleeping;
    if (!s) return;
    sleeping = undefined;
    unschedule?.();
    loop?.woke(s.next, performance.now() - s.from);
    soon();
  };

  function turn(): void {
    unschedule = undefined;
    if (cancelled || ended) return;
    let outcome: FinishedRun | undefined;
    try {
      // The run is built here, not in startRace: the caller has its handle first, and a failure is the run's.
      loop ??= new TrainingLoop(task, control.words, post);
      const next = loop.next();
      if (next.kind === 'end') {
        outcome = result ?? { status: 'failed', scheme: spec.scheme, seed: spec.seed, error: 'the run ended without a result' };
      } else if (next.kind === 'sleep' && Atomics.load(control.words, CONTROL.GEN) === next.gen) {
        sleeping = { next, from: performance.now() };
        const h = setTimeout(wakeUp, next.ms);
        unschedule = () => clearTimeout(h);
      } else {
        // A sleep whose control block already changed while that piece ran is no sleep.
        if (next.kind === 'sleep') loop.woke(next, 0);
        soon();
      }
    } catch (err) {
      outcome = { status: 'failed', scheme: spec.scheme, seed: spec.seed, error: messageOf(err) };
      loop?.close();
    }
    const events = outbox;
    outbox = [];
    // A listener may cancel the race: nothing is handed on after that.
    for (const e of events) if (!cancelled) onEvent(e);
    if (outcome && !cancelled) {
      ended = true;
      onEvent({ type: 'finished', run: 0, result: outcome });
      settle([outcome]);
    }
  }

  // A change of pause, step or pace wakes a sleeping loop, as Atomics.notify wakes a worker.
  const control = new Control(rc.paused ?? false, rc.pace ?? 0, wakeUp);
  soon();

  return raceHandle(control, finished, () => {
    if (!cancelled && !ended) {
      cancelled = true;
      sleeping = undefined;
      unschedule?.();
      loop?.close();
      control.cancel();
      settle([{ status: 'failed', scheme: spec.scheme, seed: spec.seed, error: 'cancelled' }]);
    }
    return Promise.resolve();
  });
}
