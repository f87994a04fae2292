/**
 * `--out FILE`: checked before any training (so a typo costs nothing), then
 * written by the one writer for files, whole or not at all: every byte goes to
 * a temporary file beside the target (short writes are continued, every error
 * is an error), which is flushed to disk and only then put in place. Without
 * --force the last step cannot replace a file (link(2) fails with EEXIST), so
 * a file that appeared while the race ran is kept; with --force it is a rename.
 * On any failure the temporary file is removed and the target is untouched.
 */
import {
  closeSync,
  constants,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  accessSync,
  type Stats,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { clip } from '../core/quote.js';
import { errnoWords, kindOf } from './data-files.js';

function statOrUndefined(path: string, follow = true): Stats | undefined {
  try {
    return follow ? statSync(path) : lstatSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The file `path` names: through a symbolic link, the file it points to (as a
 * shell's `>` writes it), so that the link stays a link. A path that does not
 * exist yet, or a link that points nowhere, is taken as it is.
 */
export function targetOf(path: string): string {
  const full = resolve(path);
  try {
    return lstatSync(full).isSymbolicLink() ? realpathSync(full) : full;
  } catch {
    return full;
  }
}

/** A one-line reason why `path` cannot be written, or undefined when it can. */
export function checkOutPath(path: string, force: boolean): string | undefined {
  if (path === '-') return '--out -: standard output is not a file (--json prints the document there); give a file name';
  if (path.endsWith('/')) return `--out: ${clip(path)} ends with "/", which names a folder; give a file name`;
  const full = targetOf(path);
  const st = statOrUndefined(full);
  if (st?.isDirectory()) return `--out: ${clip(path)} is a directory; give a file name`;
  // /dev/null, a FIFO, a socket: replacing it with a regular file would break it (even with --force).
  if (st && !st.isFile()) return `--out: ${clip(path)} is ${kindOf(st)}, not a regular file; give a file name`;
  // A dangling symbolic link exists too (stat does not see it, link(2) would).
  if ((st ?? statOrUndefined(full, false)) && !force) return `--out: ${clip(path)} already exists; add --force to overwrite it`;
  const dir = dirname(full);
  const dirStat = statOrUndefined(dir);
  if (!dirStat) return `--out: the folder ${clip(dirname(path))} does not exist`;
  if (!dirStat.isDirectory()) return `--out: ${clip(dirname(path))} is not a folder`;
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    return `--out: the folder ${clip(dirname(path))} is not writable`;
  }
  // access() says yes to root everywhere; a real probe also catches read-only mounts.
  const probe = join(dir, `.${basename(full)}.init-tui-probe-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx'));
    rmSync(probe, { force: true });
  } catch (err) {
    return `--out: cannot write in ${clip(dirname(path))} (${(err as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  return undefined;
}

const WRITE_ERRORS: ReadonlyMap<string, string> = new Map([
  ['ENOSPC', 'no space left on the device'],
  ['EDQUOT', 'disk quota exceeded'],
  ['EFBIG', 'the file would be too large'],
  ['EROFS', 'read-only file system'],
  ['ENOENT', 'its folder no longer exists'],
  ['EEXIST', 'a file of that name appeared meanwhile; add --force to overwrite it'],
]);

/** What went wrong with a file, in a few words (the message of the error the writer throws). */
export function fileErrorReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return errnoWords(err, WRITE_ERRORS) ?? (e.code ? `${e.code}: ${e.message}` : String(e.message ?? err));
}

/** Writes all of `bytes` to `fd`: a short write is continued, an error thrown. */
function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) {
    const n = writeSync(fd, bytes, done, bytes.length - done);
    // write(2) returning 0 for a non-empty buffer would loop forever: the device takes nothing.
    if (n <= 0) throw Object.assign(new Error('the device accepted no more bytes'), { code: 'ENOSPC' });
    done += n;
  }
}

/** Errors of link(2) that mean "this file system has no hard links", not "the name is taken". */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

/** Puts the finished temporary file at `full` without ever replacing a file there. */
function placeWithoutReplacing(tmp: string, full: string): void {
  try {
    linkSync(tmp, full);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (!NO_HARD_LINKS.has(code)) throw err;
    // No hard links here (FAT, some network and FUSE mounts): check, then rename. A file
    // created in the instant between the two would be replaced; nothing better exists here.
    if (statOrUndefined(full, false)) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
    renameSync(tmp, full);
    return;
  }
  rmSync(tmp, { force: true });
}

/** Flushes the folder's entry for the new name to disk; where a folder cannot be synced, nothing is lost but that. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, constants.O_RDONLY);
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a folder; the file itself is already on disk.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A temporary file beside the target, filled piece by piece, then put in place or removed. */
interface Pending {
  write(chunk: string): void;
  /** Flushes and closes the file and puts it at the target. */
  commit(): void;
  /** Closes and removes the temporary file (the target is untouched). */
  abandon(): void;
}

/** The error a writer throws: the reason in a few words, with the errno code. */
function writeError(err: unknown): Error {
  return Object.assign(new Error(fileErrorReason(err)), { code: (err as NodeJS.ErrnoException).code });
}

function pending(path: string, replace: boolean): Pending {
  const full = targetOf(path);
  const tmp = join(dirname(full), `.${basename(full)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined = openSync(tmp, 'wx', 0o666);
  const close = (): void => {
    if (fd === undefined) return;
    const closing = fd;
    fd = undefined;
    closeSync(closing);
  };
  return {
    write(chunk) {
      if (fd !== undefined) writeAll(fd, Buffer.from(chunk, 'utf8'));
    },
    commit() {
      if (fd !== undefined) fsyncSync(fd);
      close();
      if (replace) renameSync(tmp, full);
      else placeWithoutReplacing(tmp, full);
      syncFolder(dirname(full));
    },
    abandon() {
      try {
        close();
      } catch {
        // already failing: the first error is the one to report
      }
      rmSync(tmp, { force: true });
    },
  };
}

/**
 * Writes `content` (a string, or the chunks of one) to `path`, whole or not at
 * all. `replace`: may an existing file be replaced (--force)? Throws an Error
 * whose message is the reason in a few words; the target is then untouched and
 * no temporary file is left.
 */
export function writeFileAtomic(path: string, content: string | Iterable<string>, options: { readonly replace: boolean }): void {
  let file: Pending | undefined;
  try {
    file = pending(path, options.replace);
    for (const chunk of typeof content === 'string' ? [content] : content) file.write(chunk);
    file.commit();
  } catch (err) {
    file?.abandon();
    throw writeError(err);
  }
}

/** How long the sliced writer works before it lets the event loop run (a signal is heard in between). */
const SLICE_MS = 20;

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * writeFileAtomic for the headless modes' --out: the document is made and written
 * in slices of ~20 ms with a turn of the event loop between them, so a signal is
 * heard within one slice, however large the document; once `stopped()` (asked
 * after every slice, and last right before the file is put in place) the
 * temporary file is removed and nothing is written. Resolves true once written,
 * false when stopped; rejects as writeFileAtomic throws.
 */
export async function writeFileSliced(
  path: string,
  content: Iterable<string>,
  options: { readonly replace: boolean; readonly stopped: () => boolean },
): Promise<boolean> {
  let file: Pending | undefined;
  try {
    file = pending(path, options.replace);
    let since = performance.now();
    for (const chunk of content) {
      file.write(chunk);
      if (performance.now() - since < SLICE_MS) continue;
      await turn();
      if (options.stopped()) {
        file.abandon();
        return false;
      }
      since = performance.now();
    }
    // The last look: a signal that came during the last slice is heard here, before the file appears.
    await turn();
    if (options.stopped()) {
      file.abandon();
      return false;
    }
    file.commit();
    return true;
  } catch (err) {
    file?.abandon();
    throw writeError(err);
  }
}

/**
 * The writer of one program run: it replaces an existing file only with
 * --force, or when the file there is the one it wrote itself earlier in this
 * run (the dashboard writes --out at each race end, and again on `e`).
 */
export function outFileWriter(force: boolean): (path: string, content: string | Iterable<string>) => void {
  const written = new Map<string, string>();
  // An inode number alone may be reused by the next file created: size and change time come with it.
  const identity = (st: Stats | undefined) => (st ? `${st.dev}:${st.ino}:${st.size}:${st.ctimeMs}` : undefined);
  return (path, content) => {
    const full = targetOf(path);
    const mine = written.get(full);
    const replace = force || (mine !== undefined && identity(statOrUndefined(full, false)) === mine);
    writeFileAtomic(full, content, { replace });
    const now = identity(statOrUndefined(full, false));
    if (now) written.set(full, now);
  };
}
