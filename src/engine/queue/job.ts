/**
 * One job of the queue: a model of a sweep or of a seed race, named by the
 * experiment and the model's index. Every model is a pure function of (config,
 * its RunSpec, the data the config generates), so a job carries only the config
 * and the index; the worker lists runsOf(config) itself and trains run `index`.
 * Neither BullMQ nor ioredis is imported here.
 */
import { createHash } from 'node:crypto';
import type { ExperimentConfig } from '../../core/config.js';
import type { FinishedRun } from '../../core/experiment.js';

/** The queue every init-tui submitter and worker uses (BullMQ keys: bull:init-tui:…). */
export const QUEUE_NAME = 'init-tui';

/**
 * The job format: part of every job id, so that a submitter never reuses a
 * result a worker of another format computed. Bump it when a job's data or
 * result changes shape, or when the numbers a config gives change.
 */
export const JOB_FORMAT = 1;

/**
 * Stall detection. A worker renews the locks of its jobs every LOCK_MS / 2 (its
 * event loop is free: the models train on threads); a worker that died stops
 * renewing, and within STALLED_CHECK_MS after LOCK_MS has passed another worker
 * moves the job back to the waiting list: a SIGKILLed worker's models start again
 * elsewhere within LOCK_MS + STALLED_CHECK_MS (~6 s), not BullMQ's 30 s + 30 s.
 * A job that stalls more than MAX_STALLS times (the model brings down every
 * worker that takes it) fails, and its cell carries that error.
 */
export const LOCK_MS = 4000;
export const STALLED_CHECK_MS = 2000;
export const MAX_STALLS = 5;

/** What a job carries: the experiment (without threads and pace, which are each side's own) and the model's index in runsOf(config). */
export interface JobData {
  readonly format: number;
  readonly config: ExperimentConfig;
  readonly index: number;
}

/** The experiment as far as its numbers go: no threads, no kernel, no pace (none changes a number). */
function numbersOnly(config: ExperimentConfig): Omit<ExperimentConfig, 'threads' | 'kernel' | 'pace'> {
  const { threads: _threads, kernel: _kernel, pace: _pace, ...rest } = config;
  return rest;
}

/** JSON with every object's keys sorted: one text per value, whatever order the fields were built in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The experiment's key: the same sweep (or seed race) gets the same key, whatever threads, kernel or pace ran it. */
export function experimentKey(config: ExperimentConfig): string {
  return createHash('sha256')
    .update(canonical({ format: JOB_FORMAT, config: numbersOnly(config) }))
    .digest('hex')
    .slice(0, 32);
}

/** A model's job id: the experiment's key and the model's index (no ':', which BullMQ keeps for its own ids). */
export function jobId(key: string, index: number): string {
  return `${key}-${index}`;
}

export function jobData(config: ExperimentConfig, index: number): JobData {
  const { threads: _threads, pace: _pace, ...rest } = config;
  // The pace is not a number-defining field, but the type wants one: a job always runs flat out.
  return { format: JOB_FORMAT, config: { ...rest, pace: 'max' }, index };
}

/**
 * A FinishedRun as text and back, exactly: JSON alone would turn ∞ and NaN into
 * null and -0 into 0, and print a Float64Array as an object of digits. Numbers
 * that JSON cannot hold are tagged; typed arrays travel as their bytes (base64).
 */
export function encodeResult(run: FinishedRun): string {
  return JSON.stringify(run, function (this: unknown, _key, value: unknown) {
    if (value instanceof Float64Array) return { $f64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
    if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0)))
      return { $num: Object.is(value, -0) ? '-0' : String(value) };
    return value;
  });
}

export function decodeResult(text: string): FinishedRun {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const v = value as { $f64?: unknown; $num?: unknown };
      if (typeof v.$f64 === 'string') {
        const bytes = Buffer.from(v.$f64, 'base64');
        // A copy into its own buffer: Buffer.from may share a pool whose offset is not 8-aligned.
        const out = new Float64Array(bytes.byteLength / 8);
        new Uint8Array(out.buffer).set(bytes);
        return out;
      }
      if (typeof v.$num === 'string') return Number(v.$num);
    }
    return value;
  }) as FinishedRun;
}
