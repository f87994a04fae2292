/**
 * Your own data as CSV: a header `x1,x2,label`, then one point per line with
 * two numbers and a label 0 or 1. Pure: text in, a Dataset or the first
 * problem out (with its line number), so a bad file is refused before training.
 */
import type { Dataset } from './datasets.js';
import { quote } from './quote.js';
import type { RandomState } from './rng.js';

export type CsvResult =
  { readonly ok: true; readonly data: Dataset } | { readonly ok: false; readonly line: number; readonly message: string };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function parseCsv(text: string): CsvResult {
  const lines = text.split(/\r?\n/);
  if (lines.every((l) => l.trim() === '')) return { ok: false, line: 1, message: 'the file is empty' };
  const header = lines[0]!
    .replace(/^\uFEFF/, '')
    .split(',')
    .map((c) => c.trim().toLowerCase());
  if (header.join(',') !== 'x1,x2,label') {
    return { ok: false, line: 1, message: `expected the header x1,x2,label, got ${quote(lines[0]!.trim())}` };
  }
  const xs: number[] = [];
  const ys: number[] = [];
  const labels: number[] = [];
  for (let k = 1; k < lines.length; k++) {
    const raw = lines[k]!;
    if (raw.trim() === '') continue;
    const line = k + 1;
    const cells = raw.split(',').map((c) => c.trim());
    if (cells.length !== 3) return { ok: false, line, message: `expected 3 columns (x1,x2,label), got ${cells.length}` };
    const [a, b, c] = cells as [string, string, string];
    for (const [name, v] of [
      ['x1', a],
      ['x2', b],
    ] as const) {
      if (!NUMBER.test(v) || !Number.isFinite(Number(v)))
        return { ok: false, line, message: `${name} is not a finite number: ${quote(v)}` };
    }
    if (!NUMBER.test(c) || (Number(c) !== 0 && Number(c) !== 1))
      return { ok: false, line, message: `label must be 0 or 1, got ${quote(c)}` };
    xs.push(Number(a));
    ys.push(Number(b));
    labels.push(Number(c));
  }
  if (labels.length === 0) return { ok: false, line: 2, message: 'there is a header but no data rows' };
  const m = labels.length;
  const x = new Float64Array(2 * m);
  x.set(xs, 0);
  x.set(ys, m);
  return { ok: true, data: { m, x, y: Float64Array.from(labels) } };
}

/** A seeded 75/25 split (shuffle, then the first ceil(75%) train): for --data without --test-data. */
export function splitTrainTest(data: Dataset, rng: RandomState): { train: Dataset; test: Dataset } {
  const order = Uint32Array.from({ length: data.m }, (_, i) => i);
  rng.shuffle(order);
  const nTrain = Math.min(data.m - 1, Math.ceil(data.m * 0.75));
  const take = (idx: Uint32Array): Dataset => {
    const m = idx.length;
    const x = new Float64Array(2 * m);
    const y = new Float64Array(m);
    idx.forEach((k, j) => {
      x[j] = data.x[k]!;
      x[m + j] = data.x[data.m + k]!;
      y[j] = data.y[k]!;
    });
    return { m, x, y };
  };
  return { train: take(order.subarray(0, nTrain)), test: take(order.subarray(nTrain)) };
}
