/**
 * Connections to the queue's Redis. A first, single attempt with a deadline
 * tells an address that does not answer from one that answers (the one-line
 * "cannot reach" refusal); after it, every connection retries for ever, so that
 * a Redis restarted under a sweep is found again by both sides.
 */
import { Redis } from 'ioredis';
import type { RedisAddress } from './address.js';

/** How long the first connection may take before the address counts as unreachable. */
export const CONNECT_DEADLINE_MS = 3000;
/** Reconnection: 100 ms, 200 ms, … at most this long between two attempts. */
const RETRY_MAX_MS = 1000;

/** ioredis options for BullMQ's connections: commands wait out an outage (maxRetriesPerRequest null, as BullMQ's workers require). */
export function connectionOptions(address: RedisAddress) {
  return {
    host: address.host,
    port: address.port,
    db: address.db,
    ...(address.username !== undefined ? { username: address.username } : {}),
    ...(address.password !== undefined ? { password: address.password } : {}),
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    connectTimeout: CONNECT_DEADLINE_MS,
    retryStrategy: (times: number) => Math.min(times * 100, RETRY_MAX_MS),
  };
}

/** A plain connection of our own (the submitter's look at job hashes, either side's view of the link). */
export function connect(address: RedisAddress): Redis {
  return new Redis(connectionOptions(address));
}

/** Undefined when Redis answers PING at `address` within the deadline; else why not, in a few words. */
export async function unreachable(address: RedisAddress): Promise<string | undefined> {
  const client = new Redis({ ...connectionOptions(address), lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  let last: string | undefined;
  // ioredis reports every failed attempt as an 'error' event too; the first reason is the one to show.
  client.on('error', (e: Error) => (last ??= e.message));
  let timer: NodeJS.Timeout | undefined;
  try {
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CONNECT_DEADLINE_MS / 1000} s`)), CONNECT_DEADLINE_MS);
    });
    await Promise.race([
      (async () => {
        await client.connect();
        const pong = await client.ping();
        if (pong !== 'PONG') throw new Error(`PING answered ${pong}`);
      })(),
      deadline,
    ]);
    return undefined;
  } catch (e) {
    const why = (e as Error).message;
    return last !== undefined && /Connection is closed|connect/i.test(why) ? last : why;
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}
