/**
 * The remembered settings' file (user-config.ts says what is in it): read once
 * when the dashboard starts, written whole (a temporary file, then a rename)
 * each time what is remembered changes, so a crash or a closed terminal loses
 * nothing that was shown. Never throws: what goes wrong is one line for the user.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileErrorReason, writeFileAtomic } from './out-file.js';
import { formatRemembered, parseRemembered, rememberedAfter, type Remembered, type Snapshot } from './user-config.js';

/** Why a file operation failed, in a few words: the path is in the line already ("ENOTDIR: not a directory"). */
function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code && e.message.startsWith(`${e.code}:`) ? e.message.replace(/, \w+ '.*'$/, '') : fileErrorReason(err);
}

/** The file's remembered settings (none when it does not exist), and why it was ignored when it was. */
export function readUserConfig(path: string): { readonly remembered: Remembered; readonly problem?: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    // No file there, or no folder that could hold one (the write says so, if it comes to one).
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { remembered: {} };
    return { remembered: {}, problem: `cannot read it (${reason(err)})` };
  }
  const r = parseRemembered(text);
  return typeof r === 'string' ? { remembered: {}, problem: r } : { remembered: r };
}

/**
 * The file's folder, and the one above it (~/.config on a fresh account) when that is
 * missing too: two plain mkdirs, not a recursive one (Node's recursive mkdir loops
 * for ever under /proc, and a config folder is never deeper than that).
 */
function makeFolder(dir: string): void {
  const make = (d: string): void => {
    try {
      mkdirSync(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  };
  try {
    make(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    make(dirname(dir));
    make(dir);
  }
}

export interface UserConfigWriter {
  /** Every state of the dashboard: the first is where the session starts, each later one may change what is remembered. */
  update(state: Snapshot): void;
  /** Why the last write failed (undefined when it did not). */
  readonly error: string | undefined;
}

/** Writes what a session changes over `before` (what was read) to `path`; nothing while nothing changed. */
export function userConfigWriter(path: string, before: Remembered): UserConfigWriter {
  let start: Snapshot | undefined;
  let last: Snapshot | undefined;
  let written = formatRemembered(before);
  let error: string | undefined;
  return {
    update(state) {
      start ??= state;
      // Most states are training progress: only a change of what is remembered is worth a look.
      if (
        last &&
        last.config === state.config &&
        last.pace === state.pace &&
        last.chart === state.chart &&
        last.logScale === state.logScale
      )
        return;
      last = state;
      const text = formatRemembered(rememberedAfter(before, start, state));
      if (text === written) return;
      try {
        makeFolder(dirname(path));
        writeFileAtomic(path, text, { replace: true });
        written = text;
        error = undefined;
      } catch (err) {
        error = `could not write ${path}: ${reason(err)}`;
      }
    },
    get error() {
      return error;
    },
  };
}
