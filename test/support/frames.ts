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

/**
 * Gives ink-testing-library's stdout (100 columns, no rows: the app takes 80×24's
 * 24) another size and tells the app, as a terminal's resize would: for tests of
 * behaviour that want the roomy layout rather than 24 rows' compact one.
 */
export function resizeTo(stdout: NodeJS.EventEmitter, columns: number, rows: number): void {
  Object.defineProperty(stdout, 'columns', { value: columns, configurable: true });
  Object.defineProperty(stdout, 'rows', { value: rows, configurable: true });
  stdout.emit('resize');
}
