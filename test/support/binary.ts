/** The built binary as a child process, its output collected, for the tests that signal or race it. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { READY_LINE } from '../../src/cli/stop.ts';
import { freshConfigHome } from './config-home.ts';
import { withTimeout } from './wait.ts';

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** Runs `node dist/cli.js args` to its end (stdin closed, at most a minute): its status and what it printed. */
export function runBinary(args: readonly string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

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

/** Starts `node dist/cli.js args` with stdin closed, INIT_TUI_READY=1 and a config folder of its own (unless `env` names one). */
export function startBinary(args: readonly string[], env: Record<string, string> = {}): Running {
  const home = env['XDG_CONFIG_HOME'] === undefined ? freshConfigHome() : undefined;
  const child = spawn(process.execPath, [CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...(home ? { XDG_CONFIG_HOME: home.path } : {}), ...env, INIT_TUI_READY: '1' },
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
  const exited = once(child, 'exit').then(([status, signal]) => {
    home?.remove();
    return { status: status as number | null, signal: signal as NodeJS.Signals | null, at: performance.now() };
  });
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
