/**
 * `--queue URL` (submit a sweep's models to a Redis queue and follow them) and
 * `--worker URL` (train the queue's jobs): their values and the rules that tie
 * them to the other options. Pure; the parser (argv.ts) turns a refusal into
 * its one line, exit 2. Nothing here loads BullMQ.
 */
import type { ExperimentConfig } from '../core/config.js';
import { parseRedisUrl, REDIS_URL_ACCEPTS, type RedisAddress } from '../engine/queue/address.js';

export { REDIS_URL_ACCEPTS };

export interface QueueOptions {
  /** --queue: where to submit the models (the run is then headless: plain text or --json). */
  readonly queue?: RedisAddress;
  /** --worker: the queue whose jobs this process trains (and does nothing else). */
  readonly worker?: RedisAddress;
}

/**
 * The queue options of a command line: `values` as parsed, `given` the names of
 * every option typed (canonical: `learning-rate` for `--lr`). A string is the
 * one-line refusal.
 */
export function queueOptions(
  values: { queue?: string; worker?: string },
  given: readonly string[],
  config: ExperimentConfig,
): QueueOptions | string {
  const { queue, worker } = values;
  if (queue === undefined && worker === undefined) return {};
  if (queue !== undefined && worker !== undefined)
    return '--queue and --worker exclude each other: a process either submits a sweep or trains its jobs';
  if (worker !== undefined) {
    const address = parseRedisUrl(worker);
    if (typeof address === 'string') return `--worker ${address}`;
    const other = given.find((name) => name !== 'worker' && name !== 'threads');
    if (other !== undefined) return `--worker takes only --threads (each job carries its own settings), not --${other}`;
    return { worker: address };
  }
  const address = parseRedisUrl(queue!);
  if (typeof address === 'string') return `--queue ${address}`;
  if (!config.sweep && config.seeds < 2)
    return '--queue needs --sweep or --seeds N (N ≥ 2): it hands each model of a sweep or a seed race to the workers';
  if (config.data) return '--queue trains generated data sets only: the workers have no --data file';
  if (given.includes('threads')) return "--threads sets this machine's threads; with --queue, each worker's own --threads decides";
  return { queue: address };
}
