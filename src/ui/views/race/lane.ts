import { cost, fit, integer } from '../../../results/format.js';
import { progressBar } from './layout.js';
import { doneOf, statusOf, type RunStatus, type RunView } from '../../state/runs.js';
import { paint, schemeColor, type ColorName } from '../../chrome/theme.js';

const STATUS_COLOR: Record<string, ColorName> = {
  waiting: 'gray',
  running: 'cyan',
  paused: 'yellow',
  done: 'green',
  failed: 'red',
  diverged: 'magenta',
};

/** A run keeps the pace when its smoothed speed is at least this share of it (a frame's jitter is not "behind"). */
export const ON_PACE = 0.85;

/** The pace column: wide enough for "behind pace, machine busy" where the lane has room for it. */
const PACE_WIDE = 25;
const PACE_NARROW = 13;
/** The narrowest progress bar the wide pace column may leave. */
const MIN_WIDE_BAR = 30;

/**
 * Progress against the pace, not a speed contest: every scheme does the same
 * work, and at a pace a run that lags says the machine could not keep up
 * (its cores busy, or the pace beyond it), not that its scheme is slow.
 * At max pace (0) there is no pace to keep: the speed itself, in it/s.
 * A finished run: its average speed over its training, pauses left out.
 */
export function paceText(run: RunView, status: RunStatus, pace: number, total: number, wide: boolean): string {
  const done = doneOf(run) !== undefined;
  // Against a pace, only the smoothed speed measured since the pace was set (runs.ts's forgetRate) counts.
  const speed = done ? (run.elapsedMs > 0 ? (total * 1000) / run.elapsedMs : 0) : (run.rate ?? (pace === 0 ? run.itersPerSec : 0));
  // Paused, a speed means nothing (single steps are not a rate); waiting, there is none yet.
  if (status === 'paused' || status === 'waiting' || status === 'failed') return '–';
  if (!(speed > 0)) return '–';
  if (pace === 0) return `${integer(speed)} it/s`;
  const kept = speed >= ON_PACE * pace;
  if (done) return kept ? 'kept pace' : 'behind pace';
  return kept ? 'on pace' : wide ? 'behind pace, machine busy' : 'behind pace';
}

/**
 * "  3 done ·     2 running ·   995 waiting", or as much of it as `room` allows
 * ("    3/1,000 done"); each count as wide as the number of runs, so that every
 * lane of the race (all have as many seeds) lines up.
 */
export function seedsText(run: RunView, room: number): string {
  const s = run.seeds!;
  const n = integer(s.runs).length;
  const count = (k: number) => integer(k).padStart(n);
  const long = `${count(s.done)} done · ${count(s.running)} running · ${count(s.waiting)} waiting`;
  if (long.length <= room) return long;
  const short = `${count(s.done)}/${integer(s.runs)} done · ${count(s.running)} running`;
  return short.length <= room ? short : `${count(s.done)}/${integer(s.runs)} done`;
}

/**
 * One lane as a single line of text (the run list's label): number, scheme,
 * progress bar, iteration (over several seeds: how many runs are done, running
 * and waiting), cost, progress against the pace, state. Fits `width` columns.
 */
export function laneText(run: RunView, index: number, total: number, paused: boolean, pace: number, width: number, color: boolean): string {
  const status = statusOf(run, paused);
  const name = paint(fit(run.scheme, 9), color, schemeColor(run.scheme, index));
  const single = `${integer(run.iteration).padStart(integer(total).length)}/${integer(total)}`;
  // Over several seeds the bar is the work done over all of them, and the text says where the runs are.
  const iter = run.seeds ? seedsText(run, Math.max(single.length, Math.floor(width * 0.4))) : single;
  const fraction = run.seeds ? run.seeds.iterations / (run.seeds.runs * total) : run.iteration / total;
  const costText = `cost ${fit(run.costAt < 0 ? '–' : cost(run.cost), 9, 'right')}`;
  const state = paint(fit(status, 8), color, STATUS_COLOR[status]);
  // 2 (number) + 9 + bar + iter + cost + pace + state, with single spaces. In a narrow
  // terminal the pace goes first, then the word "cost": the state always stays whole.
  const without = (paceWidth: number, costWord: boolean) =>
    3 + 10 + iter.length + 1 + costText.length - (costWord ? 0 : 5) + (paceWidth > 0 ? 1 + paceWidth : 0) + 1 + 8;
  // The pace column's width depends on the width alone, so every lane's columns line up.
  const paceWidth = without(PACE_WIDE, true) + MIN_WIDE_BAR <= width ? PACE_WIDE : without(PACE_NARROW, true) <= width ? PACE_NARROW : 0;
  const showCostWord = without(0, true) <= width;
  const fixed = without(paceWidth, showCostWord);
  const barWidth = Math.max(0, width - fixed - 1);
  const { done, todo } = progressBar(fraction, barWidth);
  const bar = barWidth > 2 ? `${paint(done, color, schemeColor(run.scheme, index))}${paint(todo, color, 'gray')} ` : '';
  const costPart = showCostWord ? costText : costText.slice(5);
  const paceCol = paceWidth > 0 ? ` ${fit(paceText(run, status, pace, total, paceWidth === PACE_WIDE), paceWidth, 'right')}` : '';
  return `${String(index + 1).padStart(2)} ${name} ${bar}${iter} ${costPart}${paceCol} ${state}`;
}
