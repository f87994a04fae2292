/**
 * Where the queue lives: a Redis address from `--queue` / `--worker`, parsed
 * without loading BullMQ or ioredis (the parser runs on every command line).
 */
import { quote } from '../../core/quote.js';

export interface RedisAddress {
  readonly host: string;
  readonly port: number;
  /** The Redis database number (SELECT). */
  readonly db: number;
  readonly username?: string;
  readonly password?: string;
  /** The address as the user typed it, password hidden: what every message names. */
  readonly text: string;
}

export const REDIS_URL_ACCEPTS = 'a Redis URL redis://HOST:PORT[/DB] (e.g. redis://127.0.0.1:6379; redis://:PASSWORD@HOST:PORT/1)';

/** `redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]`; the port defaults to 6379, the database to 0. A string is the refusal's reason. */
export function parseRedisUrl(raw: string): RedisAddress | string {
  const bad = (why: string): string => `expects ${REDIS_URL_ACCEPTS}, got ${quote(raw)}${why ? ` (${why})` : ''}`;
  if (!/^redis:\/\//i.test(raw)) return bad('it must start with redis://');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return bad('not a URL');
  }
  if (url.hostname === '') return bad('no host');
  if (url.search !== '' || url.hash !== '') return bad('no ?query or #fragment');
  const port = url.port === '' ? 6379 : Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return bad('the port must be from 1 to 65535');
  const path = url.pathname.replace(/^\//, '');
  if (path !== '' && !/^\d{1,5}$/.test(path)) return bad('the database must be a number, as in /0');
  const db = path === '' ? 0 : Number(path);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const shown = url.password !== '' ? raw.replace(`:${url.password}@`, ':***@') : raw;
  return {
    host,
    port,
    db,
    ...(url.username !== '' ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password !== '' ? { password: decodeURIComponent(url.password) } : {}),
    text: shown,
  };
}
