/**
 * The one door to the pseudo-terminal package. It is @lydell/node-pty: node-pty's API, with
 * its native part prebuilt for each platform and shipped as optional dependencies
 * (@lydell/node-pty-linux-x64, …), so `npm install` needs no C compiler (node-pty itself
 * has no Linux prebuild and compiles with node-gyp).
 *
 * Where it cannot load — a platform without a prebuild, `npm install --omit=optional`, a
 * node_modules copied from another system — the tests that need a terminal are skipped,
 * each with the reason in the TAP output, and the rest of the run goes on to its summary.
 * For that, a test file that drives a pseudo-terminal takes `test` from here, not from
 * node:test, or marks those tests `{ skip: unavailable }` (test/unit/structure/pty-tests.test.ts
 * checks it).
 */
import { test as nodeTest } from 'node:test';

/** What the tests use of the package. */
export interface Pty {
  readonly spawn: typeof import('@lydell/node-pty').spawn;
}

async function load(): Promise<{ pty: Pty; unavailable?: undefined } | { pty?: undefined; unavailable: string }> {
  try {
    const { spawn } = await import('@lydell/node-pty');
    return { pty: { spawn } };
  } catch (error) {
    // The package's own message is several paragraphs; its first line names what is missing.
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    return { unavailable: `no pseudo-terminal here: ${first.trim()}` };
  }
}

const loaded = await load();

/** The package, or undefined where it cannot load (`unavailable` says why). */
export const pty: Pty | undefined = loaded.pty;

/** Why the pseudo-terminal tests are skipped here, or undefined when they can run. */
export const unavailable: string | undefined = loaded.unavailable;

/** The package, for code that has already been skipped where it is missing. */
export function requirePty(): Pty {
  if (pty === undefined) throw new Error(unavailable);
  return pty;
}

type Fn = import('node:test').TestFn;
type Options = import('node:test').TestOptions;

/**
 * node:test's `test` where the pseudo-terminal loads; where it does not, the same test
 * reported as skipped with the reason (its body never runs).
 */
export function test(name: string, fn: Fn): Promise<void>;
export function test(name: string, options: Options, fn: Fn): Promise<void>;
export function test(name: string, optionsOrFn: Options | Fn, maybeFn?: Fn): Promise<void> {
  const [options, fn] = typeof optionsOrFn === 'function' ? [{}, optionsOrFn] : [optionsOrFn, maybeFn];
  return nodeTest(name, unavailable === undefined ? options : { ...options, skip: unavailable }, fn);
}
