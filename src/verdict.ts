import { SCHEMES } from './core/schemes.js';
import type { RunOutcome } from './engine/race.js';

/** A one-line verdict in plain words for a finished run. */
export function verdict(o: RunOutcome): string {
  if (o.type === 'failed') return `failed: ${o.message}`;
  if (!Number.isFinite(o.finalCost)) return 'diverged: the cost overflowed (try a smaller learning rate)';
  return SCHEMES[o.scheme]?.lesson ?? '';
}
