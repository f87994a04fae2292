/**
 * The submitting side of a queued sweep (or seed race): one job per model,
 * then the results followed until every model is in, as a Race whose events
 * and FinishedRuns are the local race's, so the document built from them is
 * the local one. Loaded only with --queue: BullMQ and ioredis are imported here.
 *
 * One job per model: a round trip (add, take, complete, hear of it) costs about
 * 1–1.5 ms of this machine's time, against ~50–100 ms for the smallest model a
 * sweep trains (the notebook network at 2,000 iterations), so grouping models
 * would save under 3 % and cost the spread of a sweep's last models over the workers.
 *
 * Following is twofold: BullMQ's completion events for speed, and a look at
 * every unfinished job's hash once a second for what events cannot say — a job
 * that Redis lost (restarted without persistence) or that someone removed is
 * added again, and whether any worker is connected at all.
 */
import { Queue, QueueEvents } from 'bullmq';
import type { ExperimentConfig } from '../../core/config.js';
import { runsOf, type FinishedRun } from '../../core/experiment.js';
import { raceHandle, Control } from '../control.js';
import type { RunEvent } from '../protocol.js';
import type { Race } from '../race.js';
import type { RedisAddress } from './address.js';
import { connect, connectionOptions } from './connection.js';
import type { Redis } from 'ioredis';
import { decodeResult, experimentKey, jobData, jobId, QUEUE_NAME } from './job.js';

/** What the submitter tells its user (the cli words it, on stderr). */
export type QueueNote =
  | { readonly kind: 'submitted'; readonly total: number; readonly reused: number; readonly added: number }
  | { readonly kind: 'progress'; readonly done: number; readonly total: number }
  | { readonly kind: 'workers'; readonly count: number }
  | { readonly kind: 'lost'; readonly reason: string }
  | { readonly kind: 'reconnected' }
  | { readonly kind: 'resubmitted'; readonly count: number };

/** How often every unfinished job is looked at, and the workers counted. */
export const SYNC_MS = 1000;
/** Results stay in Redis this long (a later submission of the same sweep reuses them), at most this many. */
const KEEP = { age: 7 * 24 * 3600, count: 100_000 };
/** cancel() and the end wait at most this long for Redis (it may be the thing that is gone). */
const CLOSE_DEADLINE_MS = 800;

export interface Submitter {
  readonly address: RedisAddress;
  readonly queue: Queue;
  readonly events: QueueEvents;
  /** Our own connection: job hashes read in one pipeline, and the link's state (lost, ready again). */
  readonly redis: Redis;
  close(): Promise<void>;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** The queue and its event stream, both connected (the address answered a PING just before). */
export async function openSubmitter(address: RedisAddress): Promise<Submitter> {
  const connection = connectionOptions(address);
  const queue = new Queue(QUEUE_NAME, { connection });
  const events = new QueueEvents(QUEUE_NAME, { connection });
  // Without a listener an 'error' would be thrown; connection errors are reported by the race (lost / reconnected).
  queue.on('error', () => undefined);
  events.on('error', () => undefined);
  const redis = connect(address);
  redis.on('error', () => undefined);
  await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
  let closing: Promise<void> | undefined;
  return {
    address,
    queue,
    events,
    redis,
    close: () =>
      (closing ??= Promise.race([
        Promise.all([queue.close(), events.close(), redis.quit().catch(() => redis.disconnect())]).then(() => undefined),
        delay(CLOSE_DEADLINE_MS),
      ]).catch(() => undefined)),
  };
}

/** Distinct workers connected to the queue (BullMQ names each worker's connections after it). */
async function workerCount(queue: Queue): Promise<number> {
  const clients = await queue.getWorkers();
  return new Set(clients.map((c) => c['name'] ?? '')).size;
}

/**
 * Submits every model of `config` and follows them. `finished` resolves with
 * every model's FinishedRun in race order once all are in (or "cancelled" ones
 * after cancel()); each arrives as a 'finished' event, a trained one preceded
 * by one 'progress' event carrying its recorded costs (what a local run's plain
 * mode prints). Pause, step and pace mean nothing to a queue and do nothing.
 */
export function startQueueRace(
  sub: Submitter,
  config: ExperimentConfig,
  onEvent: (e: RunEvent) => void,
  note: (n: QueueNote) => void,
): Race {
  const { queue, events } = sub;
  const runs = runsOf(config);
  const key = experimentKey(config);
  const ids = runs.map((_, k) => jobId(key, k));
  const byId = new Map(ids.map((id, k) => [id, k]));
  const results: (FinishedRun | undefined)[] = new Array<FinishedRun | undefined>(runs.length).fill(undefined);
  let left = runs.length;
  let cancelled = false;
  let settle!: (o: readonly FinishedRun[]) => void;
  const outcomes = new Promise<readonly FinishedRun[]>((resolve) => (settle = resolve));
  const opts = (k: number) => ({ jobId: ids[k]!, removeOnComplete: KEEP, removeOnFail: KEEP, attempts: 1 });
  const add = (ks: readonly number[]) => queue.addBulk(ks.map((k) => ({ name: 'model', data: jobData(config, k), opts: opts(k) })));

  let timer: NodeJS.Timeout | undefined;
  const end = (): void => {
    clearInterval(timer);
    events.off('completed', onCompleted);
    events.off('failed', onFailed);
  };

  const finish = (k: number, result: FinishedRun): void => {
    if (cancelled || results[k] !== undefined) return;
    results[k] = result;
    left--;
    if (result.status === 'done') {
      onEvent({
        type: 'progress',
        run: k,
        iteration: config.iterations,
        cost: result.finalCost,
        costAt: config.iterations - 1,
        samples: result.costs,
        itersPerSec: 0,
        elapsedMs: result.seconds * 1000,
      });
    }
    onEvent({ type: 'finished', run: k, result });
    note({ kind: 'progress', done: runs.length - left, total: runs.length });
    if (left === 0) {
      end();
      settle(results as FinishedRun[]);
    }
  };
  const failedJob = (k: number, reason: string): FinishedRun => ({
    status: 'failed',
    scheme: runs[k]!.scheme,
    seed: runs[k]!.seed,
    error: `the queue gave up on this model: ${reason}`,
  });
  const decoded = (k: number, text: string): FinishedRun => {
    try {
      return decodeResult(text);
    } catch (e) {
      return failedJob(k, `its result could not be read (${(e as Error).message})`);
    }
  };

  function onCompleted({ jobId: id, returnvalue }: { jobId: string; returnvalue: unknown }): void {
    const k = byId.get(id);
    if (k !== undefined && typeof returnvalue === 'string') finish(k, decoded(k, returnvalue));
  }
  function onFailed({ jobId: id, failedReason }: { jobId: string; failedReason: string }): void {
    const k = byId.get(id);
    if (k !== undefined) finish(k, failedJob(k, failedReason));
  }
  events.on('completed', onCompleted);
  events.on('failed', onFailed);

  /**
   * Every unfinished job's state, from its hash: completed (take the result),
   * failed (an earlier submission's failure is tried again; this one's is the
   * model's), or absent (add it). The first look decides what is reused.
   */
  let first = true;
  let syncing = false;
  let workers = -1;
  const sync = async (): Promise<void> => {
    if (syncing || cancelled || left === 0) return;
    syncing = true;
    try {
      const pending = results.flatMap((r, k) => (r === undefined ? [k] : []));
      const pipe = sub.redis.pipeline();
      for (const k of pending) pipe.hmget(queue.toKey(ids[k]!), 'timestamp', 'finishedOn', 'returnvalue', 'failedReason');
      const replies = (await pipe.exec()) ?? [];
      const missing: number[] = [];
      const stale: number[] = [];
      const ended: [number, FinishedRun][] = [];
      pending.forEach((k, n) => {
        const [err, fields] = replies[n] ?? [null, null];
        if (err || !Array.isArray(fields)) return;
        // Every job has a timestamp (when it was added): none, no job.
        const [timestamp, finishedOn, returnvalue, failedReason] = fields as (string | null)[];
        if (timestamp === null || timestamp === undefined) missing.push(k);
        else if (finishedOn != null && typeof returnvalue === 'string') ended.push([k, decoded(k, JSON.parse(returnvalue) as string)]);
        else if (finishedOn != null && typeof failedReason === 'string') {
          if (first) stale.push(k);
          else ended.push([k, failedJob(k, failedReason)]);
        }
      });
      if (cancelled) return;
      if (stale.length > 0) await Promise.all(stale.map((k) => queue.remove(ids[k]!)));
      const toAdd = [...missing, ...stale].sort((a, b) => a - b);
      if (toAdd.length > 0) await add(toAdd);
      if (first) note({ kind: 'submitted', total: runs.length, reused: ended.length, added: toAdd.length });
      else if (toAdd.length > 0) note({ kind: 'resubmitted', count: toAdd.length });
      first = false;
      for (const [k, result] of ended) finish(k, result);
      if (left > 0) {
        const count = await workerCount(queue);
        if (count !== workers) note({ kind: 'workers', count });
        workers = count;
      }
    } finally {
      syncing = false;
    }
  };
  const syncSafely = (): void => {
    sync().catch((e: unknown) => lost(e));
  };

  let down = false;
  const lost = (e: unknown): void => {
    if (down || cancelled) return;
    down = true;
    note({ kind: 'lost', reason: e instanceof Error ? e.message : String(e) });
  };
  const onReady = (): void => {
    if (!down || cancelled) return;
    down = false;
    note({ kind: 'reconnected' });
    syncSafely();
  };
  sub.redis.on('error', lost);
  sub.redis.on('ready', onReady);

  if (runs.length === 0) settle([]);
  else {
    syncSafely();
    timer = setInterval(syncSafely, SYNC_MS);
  }

  // The results are handed over at once; the connections close behind them (a process that
  // exits next does not wait for Redis to say goodbye).
  const finished = outcomes.then((o) => {
    sub.redis.off('error', lost);
    sub.redis.off('ready', onReady);
    void sub.close();
    return o;
  });

  let cancelling: Promise<void> | undefined;
  const cancel = (): Promise<void> => {
    if (!cancelling) {
      cancelled = true;
      end();
      // Waiting jobs go; a job a worker is training is locked and stays: it finishes, and its
      // result is kept for a later submission of the same sweep.
      const unfinished = results.flatMap((r, k) => (r === undefined ? [ids[k]!] : []));
      const removal = Promise.all(unfinished.map((id) => queue.remove(id).catch(() => 0)));
      settle(results.map((r, k) => r ?? { status: 'failed', scheme: runs[k]!.scheme, seed: runs[k]!.seed, error: 'cancelled' }));
      cancelling = Promise.race([removal.then(() => sub.close()), delay(CLOSE_DEADLINE_MS)]).catch(() => undefined);
    }
    return cancelling;
  };
  return raceHandle(new Control(false, 0), finished, cancel);
}
