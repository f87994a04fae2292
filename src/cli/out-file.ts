/**
 * `--out FILE`: checked before any training (so a typo costs nothing), then
 * written whole or not at all: the text goes to a temporary file beside the
 * target, is flushed, and is renamed over it in one step.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync, accessSync, constants } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** A one-line reason why `path` cannot be written, or undefined when it can. */
export function checkOutPath(path: string, force: boolean): string | undefined {
  const full = resolve(path);
  let st: ReturnType<typeof statSync> | undefined;
  try {
    st = statSync(full);
  } catch {
    st = undefined;
  }
  if (st?.isDirectory()) return `--out: ${path} is a directory; give a file name`;
  if (st && !force) return `--out: ${path} already exists; add --force to overwrite it`;
  const dir = dirname(full);
  let dirStat: ReturnType<typeof statSync> | undefined;
  try {
    dirStat = statSync(dir);
  } catch {
    return `--out: the folder ${dirname(path)} does not exist`;
  }
  if (!dirStat.isDirectory()) return `--out: ${dirname(path)} is not a folder`;
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    return `--out: the folder ${dirname(path)} is not writable`;
  }
  // access() says yes to root everywhere; a real probe also catches read-only mounts.
  const probe = join(dir, `.${basename(full)}.init-tui-probe-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx'));
    rmSync(probe, { force: true });
  } catch (err) {
    return `--out: cannot write in ${dirname(path)} (${(err as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  return undefined;
}

/** Writes `text` to `path` atomically (temp file in the same folder, fsync, rename). */
export function writeFileAtomic(path: string, text: string): void {
  const full = resolve(path);
  const tmp = join(dirname(full), `.${basename(full)}.tmp-${process.pid}`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w', 0o644);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, full);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
}
