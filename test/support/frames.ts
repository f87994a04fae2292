/** Reading ink-testing-library frames in the component tests. */
import { stripVTControlCharacters } from 'node:util';
import { waitFor } from './wait.ts';

/** A frame as text, without its colours. */
export const plain = (frame: string | undefined): string => stripVTControlCharacters(frame ?? '');

/** Waits until the last frame matches `pattern` (a live race draws asynchronously); fails with the last frame. */
export function until(get: () => string | undefined, pattern: RegExp, ms = 20_000): Promise<string> {
  return waitFor(
    () => {
      const frame = plain(get());
      return pattern.test(frame) ? frame : undefined;
    },
    { timeout: ms, interval: 25, what: () => `${pattern}; last frame:\n${plain(get())}` },
  );
}

/** Waits until `get()` has a value (an exit status the app reports, say), for at most `ms`; that value, or undefined. */
export async function settled<T>(get: () => T | undefined, ms = 5000): Promise<T | undefined> {
  try {
    return await waitFor(get, { timeout: ms, what: 'a value' });
  } catch {
    return get();
  }
}
