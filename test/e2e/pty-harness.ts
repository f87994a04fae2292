/**
 * Runs the built binary in a real pseudo-terminal (test/support/pty.ts) and reads the
 * screen through a headless xterm, the way a user sees it. Used by the e2e tests, which
 * take `test` from test/support/pty.ts so that they are skipped, with the reason, where
 * no pseudo-terminal can load.
 */
import xterm from '@xterm/headless';
import { fileURLToPath } from 'node:url';
import { freshConfigHome } from '../support/config-home.ts';
import { requirePty } from '../support/pty.ts';
import { sleep } from '../support/wait.ts';

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface Session {
  /** The visible screen as text, one line per row, right-trimmed. */
  screen(): Promise<string>;
  /**
   * Waits until the screen matches (a pattern, or a test of the whole screen, e.g. that it
   * fits a width), or fails with the last screen; the screen that matched, whole.
   */
  waitFor(pattern: RegExp | ((screen: string) => boolean), ms?: number): Promise<string>;
  /** Sends keys (one key per call, as a person types). */
  press(keys: string): void;
  resize(cols: number, rows: number): void;
  kill(signal: string): void;
  /** Closes the terminal itself (the master side), as closing a terminal window does: SIGHUP, then EIO. */
  hangUp(): void;
  /** The process the pty runs (the program, or the shell with `shell`). */
  readonly pid: number;
  /** Everything the program wrote, escape sequences included. */
  raw(): string;
  readonly exited: Promise<{ exitCode: number; signal?: number | undefined }>;
  /** Whether the last cursor-visibility sequence written showed the cursor (or none hid it). */
  cursorVisible(): boolean;
  /** Whether the terminal shows its normal screen (not the alternate one). */
  normalScreen(): boolean;
  dispose(): void;
}

export interface StartOptions {
  cols?: number;
  rows?: number;
  env?: Record<string, string>;
  /** Run this instead of `node dist/cli.js args` (e.g. an interactive shell). */
  command?: { file: string; args: string[] };
}

export function start(args: string[], opts: StartOptions = {}): Session {
  const cols = opts.cols ?? 120;
  const rows = opts.rows ?? 40;
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 1000 });
  // CI=true makes Ink print only its last frame; a user's terminal is not CI.
  // A user's terminal: not CI, colour, and a UTF-8 locale (whatever the test machine has; tests of
  // other terminals say so in opts.env).
  // A fresh config folder unless the test names one: no test reads the developer's remembered settings, or another test's.
  const home = opts.env?.['XDG_CONFIG_HOME'] === undefined ? freshConfigHome() : undefined;
  const env = {
    ...process.env,
    CI: 'false',
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    LC_ALL: '',
    LC_CTYPE: '',
    ...(home ? { XDG_CONFIG_HOME: home.path } : {}),
    ...opts.env,
  } as Record<string, string>;
  const file = opts.command?.file ?? process.execPath;
  const argv = opts.command?.args ?? [CLI, ...args];
  const p = requirePty().spawn(file, argv, { name: env['TERM'] ?? 'xterm-256color', cols, rows, cwd: process.cwd(), env });
  let output = '';
  let alive = true;
  let lastData = Date.now();
  p.onData((d) => {
    output += d;
    lastData = Date.now();
    term.write(d);
  });
  const flush = () => new Promise<void>((r) => term.write('', r));
  // The pty may deliver the program's last bytes just after its exit, and nothing marks
  // the last of them: give them a moment, and let xterm parse them, before anyone looks at
  // the final screen. (Not a wait for readiness: the exit has been seen already.)
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) =>
    p.onExit((e) => {
      alive = false;
      home?.remove();
      void sleep(50)
        .then(flush)
        .then(() => resolve(e));
    }),
  );
  const screen = async () => {
    await flush();
    const b = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < term.rows; i++) lines.push(b.getLine(b.viewportY + i)?.translateToString(true) ?? '');
    return lines.join('\n');
  };
  /**
   * The screen once the output has paused. A frame is one write, but the pty may hand it
   * over in several reads: a screen read between two of them is half drawn (the rows
   * below still blank). Frames come at most ~30 a second, so a pause of 15 ms falls
   * between two; a steady stream still gets an answer after 300 ms.
   */
  const settledScreen = async () => {
    const give = Date.now() + 300;
    while (Date.now() - lastData < 15 && Date.now() < give) await sleep(5);
    return screen();
  };
  return {
    screen,
    async waitFor(pattern, ms = 20_000) {
      const matches = typeof pattern === 'function' ? pattern : (s: string) => pattern.test(s);
      const deadline = Date.now() + ms;
      for (;;) {
        // What matches is looked at again as a whole frame, and returned as such.
        if (matches(await screen())) {
          const s = await settledScreen();
          if (matches(s)) return s;
        }
        const s = await screen();
        if (Date.now() > deadline || !alive) {
          throw new Error(`${alive ? 'timed out' : 'the program exited'} waiting for ${pattern}; screen:\n${s}`);
        }
        await sleep(50);
      }
    },
    press(keys) {
      p.write(keys);
    },
    resize(c, r) {
      p.resize(c, r);
      term.resize(c, r);
    },
    kill(signal) {
      p.kill(signal);
    },
    hangUp() {
      (p as unknown as { destroy(): void }).destroy();
    },
    pid: p.pid,
    raw: () => output,
    exited,
    cursorVisible() {
      const hide = output.lastIndexOf('\u001B[?25l');
      const show = output.lastIndexOf('\u001B[?25h');
      return hide < show || hide === -1;
    },
    normalScreen() {
      return term.buffer.active.type === 'normal';
    },
    dispose() {
      if (alive) p.kill('SIGKILL');
      term.dispose();
    },
  };
}

export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  left: '\u001B[D',
  right: '\u001B[C',
  enter: '\r',
  esc: '\u001B',
  tab: '\t',
  ctrlC: '\u0003',
};
