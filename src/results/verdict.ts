import { resolveScheme } from '../core/schemes.js';

/**
 * A one-line verdict in plain words: what the run teaches, or why it has no
 * result. `finalCost` is undefined while the run is still training.
 */
export function verdict(scheme: string, finalCost: number | undefined, failure?: string): string {
  if (failure !== undefined) return `failed: ${failure}`;
  if (finalCost === undefined) return 'training…';
  if (!Number.isFinite(finalCost)) return 'diverged: the cost overflowed (try a smaller learning rate)';
  return resolveScheme(scheme)?.lesson ?? '';
}
