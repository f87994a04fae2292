/** Reading ink-testing-library frames in the component tests. */
import assert from 'node:assert/strict';
import { stripVTControlCharacters } from 'node:util';

/** A frame as text, without its colours. */
export const plain = (frame: string | undefined): string => stripVTControlCharacters(frame ?? '');

/** Polls the last frame until it matches `pattern` (a live race draws asynchronously); fails with the last frame. */
export async function until(get: () => string | undefined, pattern: RegExp, ms = 20_000): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const frame = plain(get());
    if (pattern.test(frame)) return frame;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${pattern}; last frame:\n${frame}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Polls until `get()` has a value (an exit status the app reports, say) or `ms` pass; that value, or undefined. */
export async function settled<T>(get: () => T | undefined, ms = 2000): Promise<T | undefined> {
  const deadline = Date.now() + ms;
  while (get() === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return get();
}
