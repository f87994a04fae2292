/**
 * The results table's rows as text, shared by the dashboard's AccuracyTable
 * and the plain-text mode (which must not import Ink).
 */
import type { DoneRun, FinishedRun } from '../core/experiment.js';
import { cost, fit, percent, seconds } from './format.js';
import { stats, type Stats } from './summary.js';
import { seedsVerdict, verdict } from './verdict.js';

/** Column widths: scheme, train, test, final cost, compute time; the verdict takes the rest. */
export const COLUMNS = { scheme: 9, train: 9, test: 9, cost: 10, time: 8 } as const;

export type Cells = readonly [string, string, string, string, string, string];

/**
 * The time column is compute time: the seconds a run spent training, pauses and
 * the pace's waiting left out (over several seeds, their sum). A paced race
 * lasts longer on the clock (ten seconds by default) than its runs compute
 * (a fifth of a second each): the header says which one it is.
 */
export const HEADER: Cells = ['scheme', 'train', 'test', 'final cost', 'compute', 'verdict'];

/** A row's cells: a finished run's numbers, or dashes (still training: no result yet, or failed); the verdict judges the run. */
export function resultCells(scheme: string, result: FinishedRun | undefined): Cells {
  if (result?.status !== 'done') return [scheme, '—', '—', '—', '—', verdict(result)];
  return [
    scheme,
    percent(result.trainAccuracy),
    percent(result.testAccuracy),
    cost(result.finalCost),
    seconds(result.seconds),
    verdict(result),
  ];
}

/** "99.3%" or, over several seeds, "98.1±1.2" (percent points). */
function meanSd(st: Stats, asPercent: boolean): string {
  if (!Number.isFinite(st.mean)) return '—';
  return asPercent ? `${(st.mean * 100).toFixed(1)}±${(st.sd * 100).toFixed(1)}` : `${cost(st.mean)}`;
}

/**
 * A scheme's row over a seed sweep: accuracies as mean±sd (%), mean final
 * cost, total time, over the seeds that trained; the verdict counts what each
 * seed's run did. `runs` are the seeds' finished runs (failed ones included),
 * of `total`; the others are still training.
 */
export function sweepCells(scheme: string, runs: readonly FinishedRun[], total: number): Cells {
  const done = runs.filter((r): r is DoneRun => r.status === 'done');
  const said = seedsVerdict(runs, total);
  if (done.length === 0) return [scheme, '—', '—', '—', '—', said];
  const train = stats(done.map((r) => r.trainAccuracy));
  const test = stats(done.map((r) => r.testAccuracy));
  const final = stats(done.map((r) => r.finalCost));
  return [scheme, meanSd(train, true), meanSd(test, true), meanSd(final, false), seconds(done.reduce((a, r) => a + r.seconds, 0)), said];
}

/** One line; the verdict is cut to fit `width` when a width is given. */
export function tableRow(cells: Cells, width?: number): string {
  const [scheme, train, test, finalCost, time, said] = cells;
  const head =
    `${fit(scheme, COLUMNS.scheme)} ${fit(train, COLUMNS.train, 'right')} ${fit(test, COLUMNS.test, 'right')} ` +
    `${fit(finalCost, COLUMNS.cost, 'right')} ${fit(time, COLUMNS.time, 'right')}  `;
  return width === undefined ? head + said : head + fit(said, Math.max(0, width - head.length));
}
