/**
 * `--worker redis://…`: trains the queue's jobs until stopped, on `--threads`
 * threads (default one per core). One line per job on stderr. Exit status:
 * 1 when Redis does not answer at the start (one line naming --worker and the
 * address), 130 / 143 / 129 when stopped by Ctrl-C / SIGTERM / SIGHUP — after
 * releasing its jobs: the models in training are abandoned and their jobs put
 * back in the queue, for another worker to take at once. A second signal exits
 * at once (a released job is then found by the stall check, within seconds).
 * Loaded only with --worker.
 */
import { availableParallelism } from 'node:os';
import { unreachable } from '../engine/queue/connection.js';
import type { RedisAddress } from '../engine/queue/address.js';
import { LOCK_MS, STALLED_CHECK_MS } from '../engine/queue/job.js';
import { startQueueWorker, type QueueWorker, type WorkerNote } from '../engine/queue/worker.js';
import type { Fault } from '../engine/protocol.js';
import { cost, percent } from '../results/format.js';
import { SIGNAL_STATUS } from './stop.js';

/** A stop that takes longer than this (Redis gone, a thread that will not end) exits anyway. */
const STOP_DEADLINE_MS = 5000;

function say(line: string): void {
  try {
    process.stderr.write(`init-tui worker: ${line}\n`);
  } catch {
    // stderr is gone: the worker still works
  }
}

function describe(n: WorkerNote): string {
  switch (n.kind) {
    case 'trained': {
      const { spec, result: r } = n;
      const what = `${spec.scheme} · seed ${spec.seed}${spec.layers ? ` · layers ${spec.layers.join('-')}` : ''}`;
      const how =
        r.status === 'failed'
          ? `failed: ${r.error}`
          : `train ${percent(r.trainAccuracy)} · test ${percent(r.testAccuracy)} · final cost ${cost(r.finalCost)} · ${r.seconds.toFixed(2)} s`;
      return `job ${n.id} (${what}): ${how}`;
    }
    case 'refused':
      return `job ${n.id} refused: ${n.reason}`;
    case 'lost':
      return `lost the connection to Redis (${n.reason}); reconnecting`;
    case 'reconnected':
      return 'reconnected to Redis';
    case 'error':
      return `queue error: ${n.reason}`;
  }
}

export async function runWorker(address: RedisAddress, threads: number | undefined, fault: Fault | undefined): Promise<never> {
  const n = threads ?? availableParallelism();
  // A signal before the worker is up ends the process as a local run's would.
  const the: { worker?: QueueWorker; stopping?: true } = {};
  for (const [signal, status] of Object.entries(SIGNAL_STATUS)) {
    process.on(signal, () => {
      if (the.stopping || !the.worker) process.exit(status);
      the.stopping = true;
      setTimeout(() => process.exit(status), STOP_DEADLINE_MS).unref();
      void the.worker.stop().then(
        (released) => {
          say(`stopped by ${signal}${released > 0 ? `: ${released} job${released === 1 ? '' : 's'} released to the queue` : ''}`);
          process.exit(status);
        },
        () => process.exit(status),
      );
    });
  }
  const why = await unreachable(address);
  if (why !== undefined) {
    process.stderr.write(`init-tui: --worker ${address.text}: cannot reach Redis: ${why}\n`);
    process.exit(1);
  }
  the.worker = await startQueueWorker(address, n, (note) => say(describe(note)), fault);
  say(
    `taking jobs from ${address.text} on ${n} thread${n === 1 ? '' : 's'} (pid ${process.pid}; ` +
      `a job whose worker dies is taken again after ${(LOCK_MS + STALLED_CHECK_MS) / 1000} s at most)`,
  );
  // The worker works until a signal: the process stays alive on its connections and threads.
  return new Promise<never>(() => undefined);
}
