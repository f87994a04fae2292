import { cost, fit, integer } from '../../../results/format.js';
import { progressBar } from './layout.js';
import { doneOf, statusOf, type RunView } from '../../state/runs.js';
import { paint, schemeColor, type ColorName } from '../../chrome/theme.js';

const STATUS_COLOR: Record<string, ColorName> = {
  waiting: 'gray',
  running: 'cyan',
  paused: 'yellow',
  done: 'green',
  failed: 'red',
  diverged: 'magenta',
};

/**
 * One lane as a single line of text (the run list's label): number, scheme,
 * progress bar, iteration, cost, speed, state. Fits `width` columns.
 */
export function laneText(run: RunView, index: number, total: number, paused: boolean, width: number, color: boolean): string {
  const status = statusOf(run, paused);
  const name = paint(fit(run.scheme, 9), color, schemeColor(run.scheme, index));
  const iter = `${integer(run.iteration).padStart(integer(total).length)}/${integer(total)}`;
  const costText = `cost ${fit(run.costAt < 0 ? '–' : cost(run.cost), 9, 'right')}`;
  // A finished run shows its average speed: its iterations over the time it ran, pauses left out.
  // Paused, a speed means nothing (single steps are not a rate): a dash.
  const rate = doneOf(run) ? (run.elapsedMs > 0 ? (total * 1000) / run.elapsedMs : 0) : status === 'paused' ? 0 : run.itersPerSec;
  const speed = `${fit(rate > 0 ? integer(rate) : '–', 8, 'right')} it/s`;
  const state = paint(fit(status, 8), color, STATUS_COLOR[status]);
  // 2 (number) + 9 + bar + iter + cost + speed + state, with single spaces. In a narrow
  // terminal the speed goes first, then the word "cost": the state always stays whole.
  const without = (speedToo: boolean, costWord: boolean) =>
    3 + 10 + iter.length + 1 + costText.length - (costWord ? 0 : 5) + (speedToo ? 1 + speed.length : 0) + 1 + 8;
  const showSpeed = without(true, true) <= width;
  const showCostWord = without(false, true) <= width;
  const fixed = without(showSpeed, showCostWord);
  const barWidth = Math.max(0, width - fixed - 1);
  const { done, todo } = progressBar(run.iteration / total, barWidth);
  const bar = barWidth > 2 ? `${paint(done, color, schemeColor(run.scheme, index))}${paint(todo, color, 'gray')} ` : '';
  const costPart = showCostWord ? costText : costText.slice(5);
  return `${String(index + 1).padStart(2)} ${name} ${bar}${iter} ${costPart}${showSpeed ? ` ${speed}` : ''} ${state}`;
}
