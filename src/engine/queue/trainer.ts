/**
 * A queue worker's threads: one long-lived piscina pool that trains one model
 * at a time per thread with the race's own worker (worker.ts, the training
 * loop), so the numbers are the race's to the bit. The process's event loop
 * stays free for BullMQ's lock renewals. A model that fails (a throw, a thread
 * that exits) is a result, as in a race: `{ status: 'failed', error }`.
 */
import { MessageChannel } from 'node:worker_threads';
import { recordEvery, type ExperimentConfig } from '../../core/config.js';
import { costPoints, type FinishedRun, type RunSpec, type TrainTest } from '../../core/experiment.js';
import { Control } from '../control.js';
import { heapFlagsForWorkers } from '../heap.js';
import type { Fault, TrainTask, WorkerData, WorkerMessage } from '../protocol.js';
import { poolClass, workerFile } from '../race.js';

export interface Trainer {
  /** Trains `spec` to the end; rejects only with an AbortError when `signal` aborts (the thread is ended). */
  train(config: ExperimentConfig, spec: RunSpec, data: TrainTest, signal: AbortSignal): Promise<FinishedRun>;
  destroy(): Promise<void>;
}

export function startTrainer(threads: number, fault?: Fault): Trainer {
  const pool = new (poolClass())({
    filename: workerFile(),
    // Every thread starts at once and stays: a job never waits for one to start.
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 2 ** 31 - 1,
    resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 },
    workerData: { heapFlags: [...heapFlagsForWorkers()] } satisfies WorkerData,
  });
  // Never paused, never paced: a job runs flat out. Cancelling one model ends its thread (the signal).
  const control = new Control(false, 0);
  return {
    async train(config, spec, data, signal) {
      const { port1, port2 } = new MessageChannel();
      let resolveDone!: (r: FinishedRun) => void;
      // The thread's last message is 'finished', after every other on the same port.
      const doneMessage = new Promise<FinishedRun>((resolve) => (resolveDone = resolve));
      port1.on('message', (m: WorkerMessage) => {
        if (m.type === 'finished') resolveDone({ ...m.result, costs: costPoints(m.costs, recordEvery(config)) });
      });
      const task: TrainTask = {
        run: 0,
        spec,
        config,
        // No live samples: nobody watches a queued model's curve.
        traceEvery: config.iterations,
        data,
        control: control.buffer,
        port: port2,
        ...(fault ? { fault } : {}),
      };
      try {
        await pool.run(task, { transferList: [port2], signal });
        return await doneMessage;
      } catch (err) {
        if (signal.aborted) throw err;
        return { status: 'failed', scheme: spec.scheme, seed: spec.seed, error: err instanceof Error ? err.message : String(err) };
      } finally {
        port1.close();
      }
    },
    async destroy() {
      await pool.destroy().catch(() => undefined);
    },
  };
}
