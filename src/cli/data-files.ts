/**
 * Reads --data / --test-data before any training; every problem is one line
 * naming the file (and the line, for a bad row). One reader for every data
 * file: it refuses what is not a regular file (a device such as /dev/zero, a
 * FIFO, a directory) and what is larger than LIMITS.dataFileBytes, before
 * reading a byte of it.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { LIMITS, type ExperimentConfig } from '../core/config.js';
import { parseCsv, splitTrainTest } from '../core/csv.js';
import type { Dataset } from '../core/datasets.js';
import { makeData, TRAIN_SEED_FOR_SPLIT, type TrainTest } from '../core/experiment.js';
import { clip } from '../core/quote.js';
import { RandomState } from '../core/rng.js';

/** What a non-regular file is, in words. */
export function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** A size for people: 300 MiB, 64.5 MiB, 812 KiB. */
export function mebibytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KiB`;
  const mib = bytes / (1024 * 1024);
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
}

/** Errno codes that reading and writing a file both meet, in a few words. */
const FILE_ERRORS: ReadonlyMap<string, string> = new Map([
  ['EISDIR', 'it is a directory'],
  ['EACCES', 'permission denied'],
  ['EPERM', 'permission denied'],
  ['EIO', 'input/output error'],
]);

/** Why a file operation failed, in a few words: the operation's own `words` first, then the shared ones; undefined for a code neither knows. */
export function errnoWords(err: unknown, words: ReadonlyMap<string, string>): string | undefined {
  const code = (err as NodeJS.ErrnoException).code;
  return code === undefined ? undefined : (words.get(code) ?? FILE_ERRORS.get(code));
}

const READ_ERRORS: ReadonlyMap<string, string> = new Map([
  ['ENOENT', 'no such file'],
  ['ENOTDIR', 'a part of the path is not a folder'],
  ['ENAMETOOLONG', 'the name is too long'],
  ['ELOOP', 'too many symbolic links'],
]);

/** Why a file could not be opened or read, in a few words. */
function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return errnoWords(err, READ_ERRORS) ?? e.code ?? e.message;
}

/** The text of a data file, or a one-line refusal. */
export function readDataFile(option: string, file: string, limit: number = LIMITS.dataFileBytes): { text: string } | string {
  const name = clip(file);
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer (fstat refuses it next).
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return `${option}: cannot read ${name}: ${reason(err)}`;
  }
  try {
    // Checked on the open file, not the name: what is read is what was checked.
    const st = fstatSync(fd);
    if (st.isDirectory()) return `${option}: cannot read ${name}: it is a directory`;
    if (!st.isFile()) return `${option}: cannot read ${name}: it is ${kindOf(st)}, not a regular file`;
    const tooLarge = (size: number) =>
      `${option}: ${name} is ${size > limit + 1 ? mebibytes(size) : `over ${mebibytes(limit)}`}; a data file may hold at most ${mebibytes(limit)}`;
    if (st.size > limit) return tooLarge(st.size);
    // Read to the end, at most one byte past the limit: a file that grows while it is read is refused too.
    let buf = Buffer.allocUnsafe(st.size + 1);
    let got = 0;
    for (;;) {
      if (got === buf.length) {
        if (got > limit) return tooLarge(got);
        const bigger = Buffer.allocUnsafe(Math.min(limit + 1, 2 * buf.length));
        buf.copy(bigger, 0, 0, got);
        buf = bigger;
      }
      const n = readSync(fd, buf, got, buf.length - got, null);
      if (n === 0) break;
      got += n;
    }
    return { text: buf.toString('utf8', 0, got) };
  } catch (err) {
    return `${option}: cannot read ${name}: ${reason(err)}`;
  } finally {
    closeSync(fd);
  }
}

function readCsv(option: string, file: string): Dataset | string {
  const read = readDataFile(option, file);
  if (typeof read === 'string') return read;
  const r = parseCsv(read.text);
  return r.ok ? r.data : `${option}: ${clip(file)} line ${r.line}: ${r.message}`;
}

/** The data the config asks for (a generated set, or your files), or a one-line error. */
export function loadData(config: ExperimentConfig): TrainTest | string {
  if (config.data === undefined) return makeData(config.dataset, config.noise);
  const all = readCsv('--data', config.data.train);
  if (typeof all === 'string') return all;
  if (config.data.test !== null) {
    const test = readCsv('--test-data', config.data.test);
    if (typeof test === 'string') return test;
    return { train: all, test };
  }
  if (all.m < 2)
    return `--data: ${clip(config.data.train)} needs at least 2 rows to split into training and test sets (or give --test-data)`;
  return splitTrainTest(all, new RandomState(TRAIN_SEED_FOR_SPLIT));
}
