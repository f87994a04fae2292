/** The built binary as a child process, its output collected, for the tests that signal or race it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { READY_LINE } from '../../src/cli/stop.ts';
import { withTimeout } from './wait.ts';

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface Running {
  readonly child: ChildProcess;
  /** Everything on stdout so far. */
  stdout(): string;
  /** Everything on stderr so far, without the INIT_TUI_READY line. */
  stderr(): string;
  /**
   * Resolves once the binary says its stop handlers are installed (INIT_TUI_READY=1,
   * src/cli/stop.ts); fails after `ms` with what it printed meanwhile.
   */
  ready(ms?: number): Promise<void>;
  /** Resolves once stdout matches `pattern`; fails after `ms` with what it printed meanwhile. */
  printed(pattern: RegExp, ms?: number): Promise<string>;
  /** The exit, with the moment it was seen (performance.now()). */
  readonly exited: Promise<{ status: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Starts `node dist/cli.js args` with stdin closed and INIT_TUI_READY=1. */
export function startBinary(args: readonly string[], env: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, [CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, INIT_TUI_READY: '1' },
  });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const changed = () => waiters.forEach((w) => w());
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    changed();
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    err += d;
    changed();
  });
  const exited = once(child, 'exit').then(([status, signal]) => ({
    status: status as number | null,
    signal: signal as NodeJS.Signals | null,
    at: performance.now(),
  }));
  const stderr = () => err.replace(`${READY_LINE}\n`, '');
  const shown = () => `stdout: ${JSON.stringify(out.slice(-300))}, stderr: ${JSON.stringify(err.slice(-300))}`;

  /** Resolves with `test()`'s answer as soon as output or the exit makes it one; never polls. */
  const when = <T>(test: () => T | undefined, ms: number, what: string): Promise<T> =>
    withTimeout(
      new Promise<T>((resolve, reject) => {
        const check = () => {
          const v = test();
          if (v !== undefined) {
            waiters.delete(check);
            resolve(v);
          }
        };
        waiters.add(check);
        check();
        void exited.then(({ status, signal }) => {
          check();
          if (waiters.delete(check)) reject(new Error(`the binary exited (${status ?? signal}) before ${what}; ${shown()}`));
        });
      }),
      ms,
      () => `${what}; ${shown()}`,
    );

  return {
    child,
    stdout: () => out,
    stderr,
    ready: (ms = 30_000) =>
      when(() => (err.includes(`${READY_LINE}\n`) ? true : undefined), ms, 'the ready line on stderr').then(() => undefined),
    printed: (pattern, ms = 30_000) => when(() => (pattern.test(out) ? out : undefined), ms, `${pattern} on stdout`),
    exited,
  };
}
