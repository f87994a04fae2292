/**
 * The terminal the dashboard borrows, and how it is given back. One place
 * decides what the terminal can show (colour, Unicode), takes it over (raw
 * mode, alternate screen, bracketed paste, hidden cursor) and restores it,
 * synchronously, before anything else happens on the way out. Every byte of
 * the dashboard goes through `output`, which writes ASCII on a terminal that
 * is not UTF-8, drops colour where there is none, falls silent once the
 * terminal is given back, and reports a closed terminal (EIO) as a hangup.
 * Whatever is written to stderr while the dashboard is up (Node's warnings, a
 * dependency's messages, a worker thread's output) is held and printed once the
 * terminal is given back, and a stderr that is not a terminal never receives an
 * escape sequence. Imports no Ink: it runs before the first frame is drawn.
 */
import { readFileSync, writeSync } from 'node:fs';
import type { ColorMode } from '../argv.js';

const ENTER_ALT = '\u001B[?1049h';
const LEAVE_ALT = '\u001B[?1049l';
const HIDE_CURSOR = '\u001B[?25l';
const SHOW_CURSOR = '\u001B[?25h';
const PASTE_ON = '\u001B[?2004h';
const PASTE_OFF = '\u001B[?2004l';
/** Mouse clicks and the wheel, reported as SGR sequences (ESC [ < b ; x ; y M): no 223-column limit. */
const MOUSE_ON = '\u001B[?1000h\u001B[?1006h';
const MOUSE_OFF = '\u001B[?1006l\u001B[?1000l';
export const CLEAR_SCREEN = '\u001B[2J\u001B[H';

/**
 * Whether this process has lost the terminal's foreground to another group
 * (the shell took it back: its prompt may already be drawn on the screen we
 * leave). Linux: fields 5 (process group) and 8 (the terminal's foreground
 * group) of /proc/self/stat; elsewhere unknown, taken as no.
 */
export function inBackground(): boolean {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    const pgrp = Number(fields[2]);
    const tpgid = Number(fields[5]);
    return tpgid > 0 && tpgid !== pgrp;
  } catch {
    return false;
  }
}

export interface Capabilities {
  readonly color: boolean;
  readonly unicode: boolean;
}

/**
 * Whether to draw in colour. `--color always` and `never` decide alone; `auto`
 * (the default) is colour on a terminal only, unless NO_COLOR
 * (https://no-color.org) is set or the terminal is dumb or monochrome (terminfo
 * names such as xterm-mono, vt100-m), FORCE_COLOR deciding on a terminal when it
 * is set (as chalk and Node read it: 0 or false is none, any other value is
 * colour). Into a pipe or a file, only `always` gives colour: a FORCE_COLOR left
 * in a CI job's environment does not put escapes in a script's output.
 */
export function wantsColor(mode: ColorMode, env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (mode !== 'auto') return mode === 'always';
  if (!isTTY) return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  const term = env['TERM'] ?? '';
  const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
  const mono = term === 'dumb' || /(^|-)mono(-|$)|-m$/.test(term);
  return !noColor && !mono;
}

/**
 * What the terminal can show: colour as wantsColor says (the dashboard's stdout
 * is a terminal); Unicode when the locale's character set is UTF-8 (LC_ALL,
 * then LC_CTYPE, then LANG, as setlocale reads them).
 */
export function capabilities(env: NodeJS.ProcessEnv, mode: ColorMode = 'auto'): Capabilities {
  return { color: wantsColor(mode, env, true), unicode: unicodeLocale(env) };
}

/** A UTF-8 locale: LC_ALL, then LC_CTYPE, then LANG, as setlocale reads them. */
function unicodeLocale(env: NodeJS.ProcessEnv): boolean {
  const locale = env['LC_ALL'] || env['LC_CTYPE'] || env['LANG'] || '';
  return /utf-?8/i.test(locale);
}

/**
 * One ASCII character for each non-ASCII character the dashboard draws, so
 * that every line keeps its width: box drawing, blocks, arrows, marks.
 */
const ASCII: Readonly<Record<string, string>> = {
  '─': '-',
  '━': '-',
  '│': '|',
  '┃': '|',
  '╭': '+',
  '╮': '+',
  '╰': '+',
  '╯': '+',
  '┌': '+',
  '┐': '+',
  '└': '+',
  '┘': '+',
  '┼': '+',
  '┤': '|',
  '├': '|',
  '┬': '+',
  '┴': '+',
  '╶': '-',
  '╴': '-',
  '╵': '|',
  '╷': '|',
  '═': '=',
  '║': '|',
  '╔': '+',
  '╗': '+',
  '╚': '+',
  '╝': '+',
  '█': '#',
  '▀': '^',
  '▄': '_',
  '░': '.',
  '▁': '_',
  '▂': '_',
  '▃': '-',
  '▅': '=',
  '▆': '=',
  '▇': '#',
  '▏': '|',
  '■': '#',
  '●': 'o',
  '○': 'o',
  '▲': '^',
  '❯': '>',
  '❮': '<',
  '·': '.',
  '…': '.',
  '–': '-',
  '—': '-',
  '×': 'x',
  '±': '~',
  '∞': '~',
  '→': '>',
  '←': '<',
  '↑': '^',
  '↓': 'v',
  '⇄': '=',
  '√': 'V',
  '∇': 'd',
  '≈': '~',
  '≤': '<',
  '≥': '>',
};

/** `text` with every non-ASCII character replaced by one ASCII character (escape sequences are ASCII already). */
export function toAscii(text: string): string {
  return text.replace(/[^\x00-\x7f]/gu, (ch) => ASCII[ch] ?? '?');
}

/** SGR parameters that set a colour (foreground, background, 256-colour and true-colour forms). */
function isColourParam(p: number): boolean {
  return (p >= 30 && p <= 39) || (p >= 40 && p <= 49) || (p >= 90 && p <= 97) || (p >= 100 && p <= 107);
}

/**
 * `text` without colour: every SGR sequence keeps its attributes (bold, dim,
 * inverse, underline, reset) and loses its colours, so a monochrome terminal
 * still shows the highlights.
 */
export function withoutColour(text: string): string {
  return text.replace(/\u001B\[([\d;]*)m/g, (_, params: string) => {
    const ps = params === '' ? [0] : params.split(';').map(Number);
    const kept: number[] = [];
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i] ?? 0;
      if (p === 38 || p === 48 || p === 58) {
        // 38;5;n or 38;2;r;g;b: skip the whole colour.
        i += ps[i + 1] === 5 ? 2 : ps[i + 1] === 2 ? 4 : 0;
        continue;
      }
      if (!isColourParam(p)) kept.push(p);
    }
    return kept.length === 0 ? '' : `\u001B[${kept.join(';')}m`;
  });
}

/** Escape sequences (CSI, OSC, and two-character ones): what a stderr that is not a terminal must not receive. */
const ESCAPES = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[@-Z\\-_])/g;

/** At most this much of stderr is held while the dashboard is up; the rest is counted. */
const HELD_MAX = 1 << 20;

/** The text of a chunk handed to write(). */
function textOf(chunk: unknown): string {
  return typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
}

interface StderrGuard {
  /** From now on, writes are held, not shown. */
  hold(): void;
  /** Prints what was held (synchronously) and lets writes through again. */
  release(): void;
}

/**
 * Takes over `stderr.write` for the rest of the process: held while the dashboard
 * draws (anything written there would land on the screen and shift the frame), and
 * without escape sequences when stderr is not a terminal (a file or a pipe: Ink's
 * cursor helper writes ESC[?25h to stderr at exit). Writes of Node's own C++ code
 * (fd 2 directly) are beyond it.
 */
function guardStderr(stderr: NodeJS.WriteStream): StderrGuard {
  const write = stderr.write.bind(stderr) as (chunk: string, done?: (err?: Error | null) => void) => boolean;
  const plain = (text: string): string => (stderr.isTTY ? text : text.replace(ESCAPES, ''));
  let held: string[] | undefined;
  let size = 0;
  let dropped = 0;
  stderr.write = ((chunk: unknown, ...rest: unknown[]): boolean => {
    const done = rest.find((r) => typeof r === 'function') as ((err?: Error | null) => void) | undefined;
    const text = textOf(chunk);
    if (held) {
      if (size + text.length <= HELD_MAX) {
        held.push(text);
        size += text.length;
      } else dropped += text.length;
      if (done) process.nextTick(done);
      return true;
    }
    const shown = plain(text);
    if (shown === '' && text !== '') {
      if (done) process.nextTick(done);
      return true;
    }
    return write(shown, done);
  }) as typeof stderr.write;
  return {
    hold() {
      held ??= [];
    },
    release() {
      if (!held) return;
      const text = held.join('') + (dropped > 0 ? `(init-tui: ${dropped} more characters written to stderr were left out)\n` : '');
      held = undefined;
      size = 0;
      dropped = 0;
      if (text === '') return;
      try {
        writeSync((stderr as { fd?: number }).fd ?? 2, plain(text));
      } catch {
        // stderr is gone: nobody is there to read it
      }
    },
  };
}

export interface Terminal {
  readonly caps: Capabilities;
  /** The stream to hand Ink: process.stdout, filtered as above. */
  readonly output: NodeJS.WriteStream;
  /** Raw mode, the alternate screen, bracketed paste, the cursor hidden. */
  enter(): void;
  /**
   * Gives the terminal back: raw mode off, cursor shown, bracketed paste off,
   * the normal screen back. Synchronous, safe to call twice and from an
   * 'exit' handler; from then on `output` writes nothing.
   */
  restore(): void;
  /** Whether the terminal is given back (nothing is drawn then). */
  readonly restored: boolean;
  /** Whether the terminal itself is gone (closed: writes fail with EIO). */
  readonly gone: boolean;
  /** Whether the terminal is no longer ours: gone, or the shell has it (we are in the background). */
  readonly lost: boolean;
  /** Called once when the terminal goes away: EIO on a write (the terminal closed). */
  onHangup(fn: () => void): void;
  /**
   * After a resize: every write starts on a cleared screen until a frame that fits
   * the new width has been drawn (the terminal re-wraps the old frame into more lines
   * than Ink erases, and Ink draws its old tree once more before the new one).
   */
  cleanUntilFits(): void;
}

/**
 * `stderr`, when given, is guarded as guardStderr says: held from enter() to
 * restore(), printed by restore().
 */
export function openTerminal(
  stdout: NodeJS.WriteStream,
  stdin: NodeJS.ReadStream,
  caps: Capabilities,
  stderr?: NodeJS.WriteStream,
): Terminal {
  const guard = stderr ? guardStderr(stderr) : undefined;
  let restored = true;
  let gone = false;
  let clean = false;
  /** Whether `text` is a whole frame whose every line fits the terminal's width (escape sequences take no room). */
  const fits = (text: string): boolean =>
    text.includes('\n') && text.split('\n').every((line) => [...line.replace(ESCAPES, '')].length <= (stdout.columns || 80));
  let hangup: (() => void) | undefined;
  const writeAll = (fd: number, text: string): void => {
    try {
      writeSync(fd, text);
    } catch {
      // The terminal is gone (EIO, EBADF): nothing left to restore on it.
      gone = true;
    }
  };
  const filter = (text: string): string => {
    let t = text;
    if (!caps.unicode) t = toAscii(t);
    if (!caps.color) t = withoutColour(t);
    return t;
  };
  const closed = (err: NodeJS.ErrnoException): void => {
    if (err.code === 'EIO' || err.code === 'EPIPE' || err.code === 'EBADF' || err.code === 'ENXIO') {
      gone = true;
      hangup?.();
    }
  };
  stdout.on('error', closed);
  // Ink writes frames through this; what it reads (columns, rows, isTTY, events) comes from stdout itself.
  const output = new Proxy(stdout, {
    get(target, prop, receiver) {
      if (prop === 'write') {
        return (chunk: unknown, ...rest: unknown[]): boolean => {
          const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
          if (restored) {
            done?.();
            return true;
          }
          try {
            if (clean && typeof chunk === 'string') {
              if (fits(chunk)) clean = false;
              // The frame then draws from the top of an empty screen: Ink's erasing of its last frame moves nowhere.
              return target.write(CLEAR_SCREEN + filter(chunk), ...(rest as []));
            }
            return target.write(typeof chunk === 'string' ? filter(chunk) : (chunk as Uint8Array), ...(rest as []));
          } catch (err) {
            closed(err as NodeJS.ErrnoException);
            return true;
          }
        };
      }
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  const fd = (stdout as { fd?: number }).fd ?? 1;
  // A terminal mode change from the background stops the process (SIGTTOU): after a
  // `kill %1` or `bg`, or once the shell has taken the terminal back. Every raw-mode
  // switch — ours and Ink's own, on unmount and at exit — is skipped there: the shell
  // that has the terminal sets its own modes.
  if (stdin.isTTY) {
    const setRawMode = stdin.setRawMode.bind(stdin);
    stdin.setRawMode = (mode: boolean) => (inBackground() ? stdin : setRawMode(mode));
  }
  const setRaw = (on: boolean): void => {
    try {
      if (stdin.isTTY) stdin.setRawMode(on);
    } catch {
      // The terminal is closed: there is no mode left to set.
      gone = true;
    }
  };
  return {
    caps,
    output,
    get restored() {
      return restored;
    },
    get gone() {
      return gone;
    },
    get lost() {
      return gone || inBackground();
    },
    enter() {
      // Raw mode first: keys typed from here on are read as keys, never echoed over the screen.
      setRaw(true);
      writeAll(fd, `${ENTER_ALT}${HIDE_CURSOR}${PASTE_ON}${MOUSE_ON}${CLEAR_SCREEN}`);
      restored = false;
      guard?.hold();
    },
    restore() {
      if (restored) return;
      restored = true;
      setRaw(false);
      writeAll(fd, `${MOUSE_OFF}${PASTE_OFF}${LEAVE_ALT}${SHOW_CURSOR}`);
      // On the normal screen, below where the prompt was: what was written to stderr meanwhile.
      guard?.release();
    },
    onHangup(fn) {
      hangup = fn;
    },
    cleanUntilFits() {
      clean = true;
    },
  };
}
