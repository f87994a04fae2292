/**
 * The working side: takes the queue's jobs and trains each on a thread of its
 * own (trainer.ts), `threads` at a time, so the event loop is free for BullMQ's
 * lock renewals however long a model takes. A model that fails is a result
 * (its cell carries the error, as in a local race), not a failed job. Loaded
 * only with --worker.
 *
 * Stopping releases: the models being trained are abandoned (their threads
 * ended) and their jobs put back in the waiting list at once, for this or
 * another worker to take from the start — a model is a pure function of its
 * job, so nothing is lost but the time spent on it.
 */
import { hostname } from 'node:os';
import { WaitingError, Worker, type Job } from 'bullmq';
import { checkConfig } from '../../core/config.js';
import { makeData, runsOf, type FinishedRun, type RunSpec, type TrainTest } from '../../core/experiment.js';
import type { Fault } from '../protocol.js';
import type { RedisAddress } from './address.js';
import { connect, connectionOptions } from './connection.js';
import { encodeResult, JOB_FORMAT, LOCK_MS, MAX_STALLS, QUEUE_NAME, STALLED_CHECK_MS, type JobData } from './job.js';
import { startTrainer } from './trainer.js';

/** What the worker tells its user, one line each (the cli words them). */
export type WorkerNote =
  | { readonly kind: 'trained'; readonly id: string; readonly spec: RunSpec; readonly result: FinishedRun }
  | { readonly kind: 'refused'; readonly id: string; readonly reason: string }
  | { readonly kind: 'lost'; readonly reason: string }
  | { readonly kind: 'reconnected' }
  | { readonly kind: 'error'; readonly reason: string };

export interface QueueWorker {
  /** Stops taking jobs, releases the ones in training (back to waiting); resolves with how many were released. */
  stop(): Promise<number>;
}

/** The data a config trains on, made once per data set (a worker sees the same few again and again). */
function dataCache(): (config: JobData['config']) => TrainTest {
  const made = new Map<string, TrainTest>();
  return (config) => {
    const key = `${config.dataset}/${config.noise ?? ''}`;
    let data = made.get(key);
    if (!data) {
      data = makeData(config.dataset, config.noise);
      made.set(key, data);
    }
    return data;
  };
}

/** A job this worker cannot train (another format, a config it refuses): why, or its spec. */
function specOf(data: JobData): RunSpec | string {
  if (data.format !== JOB_FORMAT) return `job format ${String(data.format)}, this worker reads format ${JOB_FORMAT}`;
  if (data.config.dataset === 'csv') return 'a job on --data files (a worker has only generated data sets)';
  try {
    checkConfig(data.config);
  } catch (e) {
    return `its config is refused: ${(e as Error).message}`;
  }
  return runsOf(data.config)[data.index] ?? `model ${data.index} does not exist in its experiment`;
}

export async function startQueueWorker(
  address: RedisAddress,
  threads: number,
  note: (n: WorkerNote) => void,
  fault?: Fault,
): Promise<QueueWorker> {
  const trainer = startTrainer(threads, fault);
  const dataFor = dataCache();
  const training = new Map<string, { readonly abort: AbortController; readonly job: Job; readonly token: string | undefined }>();
  let stopping = false;
  let released = 0;

  const processJob = async (job: Job, token?: string): Promise<string> => {
    const id = job.id ?? '?';
    const data = job.data as JobData;
    const spec = specOf(data);
    if (typeof spec === 'string') {
      note({ kind: 'refused', id, reason: spec });
      // Another worker would refuse it too: no retry.
      throw new Error(spec);
    }
    const abort = new AbortController();
    training.set(id, { abort, job, token });
    try {
      const result = await trainer.train(data.config, spec, dataFor(data.config), abort.signal);
      note({ kind: 'trained', id, spec, result });
      return encodeResult(result);
    } catch (e) {
      if (!abort.signal.aborted) throw e;
      // Released by stop(): back to the waiting list, and BullMQ told that the job moved.
      await job.moveToWait(token);
      released++;
      throw new WaitingError();
    } finally {
      training.delete(id);
    }
  };

  const worker = new Worker(QUEUE_NAME, processJob, {
    connection: connectionOptions(address),
    concurrency: threads,
    name: `${hostname()}-${process.pid}`,
    lockDuration: LOCK_MS,
    stalledInterval: STALLED_CHECK_MS,
    maxStalledCount: MAX_STALLS,
    autorun: false,
  });
  let down = false;
  worker.on('error', (e: Error) => {
    if (stopping) return;
    if (/ECONNREFUSED|ECONNRESET|Connection is closed|EPIPE|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH/.test(e.message)) {
      if (!down) note({ kind: 'lost', reason: e.message });
      down = true;
    } else note({ kind: 'error', reason: e.message });
  });
  await worker.waitUntilReady();
  // The link as our own connection sees it: the worker's 'error' says it broke, this says it is back.
  const watch = connect(address);
  watch.on('error', () => undefined);
  watch.on('ready', () => {
    if (!down || stopping) return;
    down = false;
    note({ kind: 'reconnected' });
  });
  void worker.run().catch((e: unknown) => note({ kind: 'error', reason: e instanceof Error ? e.message : String(e) }));

  return {
    async stop() {
      stopping = true;
      // close() stops taking jobs and waits for the ones in hand, which the aborts end at once.
      const closing = worker.close();
      for (const t of training.values()) t.abort.abort();
      await closing.catch(() => undefined);
      watch.disconnect();
      await trainer.destroy();
      return released;
    },
  };
}
