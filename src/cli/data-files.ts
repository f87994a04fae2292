/** Reads --data / --test-data before any training; every problem is one line naming the file and the line. */
import { readFileSync } from 'node:fs';
import type { ExperimentConfig } from '../core/config.js';
import { parseCsv, splitTrainTest } from '../core/csv.js';
import type { Dataset } from '../core/datasets.js';
import { makeData, TRAIN_SEED_FOR_SPLIT, type TrainTest } from '../core/experiment.js';
import { RandomState } from '../core/rng.js';

function readCsv(option: string, file: string): Dataset | string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a directory' : e.code === 'EACCES' ? 'permission denied' : (e.code ?? e.message);
    return `${option}: cannot read ${file}: ${why}`;
  }
  const r = parseCsv(text);
  return r.ok ? r.data : `${option}: ${file} line ${r.line}: ${r.message}`;
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
  if (all.m < 2) return `--data: ${config.data.train} needs at least 2 rows to split into training and test sets (or give --test-data)`;
  return splitTrainTest(all, new RandomState(TRAIN_SEED_FOR_SPLIT));
}
