import { resolveScheme } from '../core/schemes.js';

/** Train accuracy at or below this is chance on the two balanced classes: nothing was learned. */
const CHANCE = 0.55;

/**
 * A one-line verdict in plain words: what the run teaches, or why it has no
 * result. `finalCost` is undefined while the run is still training. The
 * scheme's lesson is the notebook's; where this run's own numbers say
 * otherwise (a cost still +∞, a NaN, a run at chance that should have learned),
 * the verdict says what happened here instead.
 */
export function verdict(scheme: string, finalCost: number | undefined, failure?: string, trainAccuracy?: number): string {
  if (failure !== undefined) return `failed: ${failure}`;
  if (finalCost === undefined) return 'training…';
  if (Number.isNaN(finalCost)) return 'diverged: the weights overflowed (try a smaller learning rate)';
  if (finalCost === Infinity) return 'still saturated: the cost is +∞ (sigmoid outputs exactly 0 or 1); more iterations?';
  const spec = resolveScheme(scheme);
  // zeros at chance is its lesson; any other scheme at chance did not learn in this run.
  if (trainAccuracy !== undefined && trainAccuracy <= CHANCE && spec?.random) {
    return 'at chance here: it learned nothing in this run (more iterations, or another learning rate?)';
  }
  return spec?.lesson ?? '';
}
