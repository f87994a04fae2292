/**
 * Waiting in the tests. A test never waits a fixed time for something to be
 * ready: it waits for an observable (a line, a frame, a file, an event) with a
 * deadline, and the deadline's message says what never came. `sleep` is left
 * for the waits that are the point of a test (a stop at several moments, "after
 * a while, nothing moved"); each caller says why in a comment.
 *
 * Deadlines are generous on purpose: they only bound a failure, and a loaded
 * machine (two cores shared with other work) may be ten times slower than a quiet one.
 */

/** Resolves after `ms`. Not for readiness: see above. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A description, or one computed at the moment of failure (the last screen, the stderr so far). */
export type What = string | (() => string | Promise<string>);

const describe = async (what: What): Promise<string> => (typeof what === 'string' ? what : await what());

/** `promise`, or a failure naming `what` once `ms` pass first. The timer never keeps the process alive. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: What): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), ms);
    timer.unref();
  });
  try {
    const first = await Promise.race([promise.then((value) => ({ value })), expired]);
    if (first === 'expired') throw new Error(`${await describe(what)}: nothing within ${ms} ms`);
    return first.value;
  } finally {
    clearTimeout(timer);
  }
}

export interface WaitOptions {
  /** How long to wait before failing (ms). */
  readonly timeout?: number;
  /** How often to look again (ms). */
  readonly interval?: number;
  /** What is awaited, for the failure message. */
  readonly what: What;
}

/**
 * Looks at `probe` every `interval` ms until it gives something other than
 * undefined, null or false, and returns that; fails naming `what` after `timeout`.
 * A probe that throws counts as "not yet" (a file not there yet, a process not
 * listed yet); its last error is in the failure message.
 */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  options: WaitOptions,
): Promise<T> {
  const { timeout = 20_000, interval = 20, what } = options;
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== null && v !== false) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const why = lastError === undefined ? '' : ` (last error: ${lastError instanceof Error ? lastError.message : String(lastError)})`;
      throw new Error(`timed out after ${timeout} ms waiting for ${await describe(what)}${why}`);
    }
    await sleep(interval);
  }
}
