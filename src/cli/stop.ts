/**
 * The one way the headless modes (--json and plain text) write and stop.
 *
 * Every write to stdout is checked. The run stops early, once, on the first of:
 * a signal (SIGINT 130, SIGTERM 143, SIGHUP 129, and every other signal whose
 * default action would end the process: 128 + its number), a terminal that hung up
 * (EIO on stdout or stderr: 129), a reader that closed the pipe (EPIPE: 0,
 * quietly — `| head` is the reader's choice), or stdout that cannot be
 * written (ENOSPC, …: one line on stderr, 1). From that moment nothing more is
 * printed and nothing is written to --out; the workers are cancelled with a
 * deadline, and the process exits with the status. A second signal exits at once.
 */
import { closeSync, writeSync } from 'node:fs';
import { constants } from 'node:os';
import { CANCEL_DEADLINE_MS, type Race } from '../engine/race.js';
import { fileErrorReason } from './out-file.js';

/**
 * The signals whose default action ends the process and that JavaScript can
 * catch safely: each stops the run (and gives the terminal back) and exits with
 * 128 + its number. Left out: SIGKILL and SIGSTOP (uncatchable); SIGSEGV, SIGBUS,
 * SIGFPE, SIGILL and SIGABRT (a real fault cannot run JavaScript; Node aborts with
 * SIGABRT itself); SIGPIPE and SIGXFSZ (Node ignores them: a closed pipe is EPIPE,
 * handled below); SIGUSR1 (see refuseInspector); SIGPROF under a profiler (V8's
 * sampling profiler runs on it).
 */
const CAUGHT = [
  'SIGHUP',
  'SIGINT',
  'SIGQUIT',
  'SIGTRAP',
  'SIGUSR2',
  'SIGALRM',
  'SIGTERM',
  'SIGSTKFLT',
  'SIGXCPU',
  'SIGVTALRM',
  'SIGPROF',
  'SIGIO',
  'SIGPWR',
  'SIGSYS',
] as const;

const profiling = /--(cpu-|heap-)?prof/.test(`${process.execArgv.join(' ')} ${process.env['NODE_OPTIONS'] ?? ''}`);
const signalNumbers = constants.signals as Readonly<Record<string, number | undefined>>;

/** Each terminating signal (on this platform) with its exit status, 128 + n: SIGINT 130, SIGTERM 143, SIGHUP 129, SIGQUIT 131, SIGUSR2 140… */
export const SIGNAL_STATUS: Readonly<Record<string, number>> & {
  readonly SIGINT: number;
  readonly SIGTERM: number;
  readonly SIGHUP: number;
} = {
  SIGINT: 130,
  SIGTERM: 143,
  SIGHUP: 129,
  ...Object.fromEntries(
    CAUGHT.flatMap((sig) => {
      const n = signalNumbers[sig];
      return n === undefined || (sig === 'SIGPROF' && profiling) ? [] : [[sig, 128 + n]];
    }),
  ),
};

/**
 * SIGUSR1 would open Node's inspector on 127.0.0.1:9229 (anyone on the machine could
 * then run code as this user) and print "Debugger listening" over the screen. A
 * listener of its own replaces Node's handler: the signal then does nothing at all.
 * Called first thing at start-up (main.ts).
 */
export function refuseInspector(): void {
  process.on('SIGUSR1', () => undefined);
}
/** What INIT_TUI_READY=1 prints on stderr once the stop handlers are installed (a testing hook). */
export const READY_LINE = 'init-tui: ready';
/** A terminal that went away (its window closed, the ssh link dropped) is a hangup. */
const HANGUP_STATUS = SIGNAL_STATUS.SIGHUP;

export interface HeadlessSession {
  /** Prints on stdout (nothing once stopping); resolves when the text has been handed to the system. */
  out(text: string): Promise<void>;
  /** One line on stderr (nothing once stopping). */
  err(line: string): void;
  /** True from the moment the run is stopping early: print nothing more, write no file. */
  stopped(): boolean;
  /** The race to cancel when the run stops early. */
  onRace(race: Race): void;
  /** The normal end: waits for stdout to take everything, then exits with `status`. */
  finish(status: number): void;
}

type Errno = NodeJS.ErrnoException;

/**
 * At exit Node puts back the terminal settings it found at start-up and aborts
 * the process (SIGABRT, "Assertion failed" in ResetStdio) when that fails, as
 * it does on a terminal that hung up. The headless modes never change those
 * settings, so after a hangup the standard descriptors are simply closed: Node
 * then has nothing to put back, and the exit status stays 129.
 */
function releaseStdio(): void {
  for (const fd of [0, 1, 2]) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
  }
}

export function headlessSession(): HeadlessSession {
  let stopping = false;
  let race: Race | undefined;
  let stderrBroken = false;

  const exit = (status: number): never => {
    if (status === HANGUP_STATUS) releaseStdio();
    return process.exit(status);
  };

  /** Stops the run: the first cause decides the status; a later signal just exits sooner. */
  const stop = (status: number, line?: string): void => {
    if (stopping) return;
    stopping = true;
    if (line !== undefined && !stderrBroken) {
      try {
        writeSync(2, `${line}\n`);
      } catch {
        // stderr is gone too: the status says it
      }
    }
    // Whatever the workers do, the process ends shortly after the deadline.
    setTimeout(() => exit(status), CANCEL_DEADLINE_MS + 500).unref();
    void (race ? race.cancel() : Promise.resolve()).then(
      () => exit(status),
      () => exit(status),
    );
  };

  const stdoutFailed = (e: Errno): void => {
    if (e.code === 'EPIPE') stop(0);
    else if (e.code === 'EIO') stop(HANGUP_STATUS);
    else stop(1, `init-tui: cannot write to standard output: ${fileErrorReason(e)}`);
  };
  process.stdout.on('error', stdoutFailed);
  process.stderr.on('error', (e: Errno) => {
    stderrBroken = true;
    // A closed stderr pipe alone does not stop the run: its results still go to stdout.
    if (e.code === 'EIO') stop(HANGUP_STATUS);
  });
  for (const [signal, status] of Object.entries(SIGNAL_STATUS)) {
    process.on(signal, () => (stopping ? exit(status) : stop(status)));
  }
  // A bug must still end in one line, not a stack trace over the results.
  process.on('uncaughtException', (e: Error) => stop(1, `init-tui: internal error: ${e.message}`));
  // A testing hook (INIT_TUI_READY=1): one line on stderr once the handlers above are in
  // place, so that a test sends its signal to a process that is ready for it instead of
  // guessing a delay (a signal before this line ends the process by Node's default action).
  if (process.env['INIT_TUI_READY'] === '1') {
    try {
      writeSync(2, `${READY_LINE}\n`);
    } catch {
      // no stderr to tell: the test will say so
    }
  }

  return {
    out(text) {
      if (stopping) return Promise.resolve();
      return new Promise<void>((resolve) => {
        process.stdout.write(text, (e) => {
          if (e) stdoutFailed(e as Errno);
          // After a failure the promise stays pending: the stop path exits.
          else resolve();
        });
      });
    },
    err(line) {
      if (stopping || stderrBroken) return;
      process.stderr.write(`${line}\n`);
    },
    stopped: () => stopping,
    onRace(r) {
      race = r;
      // A signal that came while the race was being set up.
      if (stopping) void r.cancel();
    },
    finish(status) {
      if (stopping) return;
      // Exits once stdout has taken everything (a large document into a slow pipe).
      process.stdout.write('', (e) => {
        if (e) stdoutFailed(e as Errno);
        // One more turn of the event loop: a signal that came meanwhile decides the status.
        else setImmediate(() => stopping || exit(status));
      });
    },
  };
}
