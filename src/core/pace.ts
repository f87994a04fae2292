/**
 * How fast a race is shown: a pace is iterations per second per run. It
 * never changes a number (the same iterations run in the same order), only
 * how long a person gets to watch them.
 */

/** `auto`: a race that lasts about this long, whatever its iteration count. */
export const AUTO_RACE_SECONDS = 10;

/** A pace as the user gives it: `auto`, `max`, or iterations per second per run. */
export type Pace = 'auto' | 'max' | number;

/** The steps of `+` and `-`, slowest first (iterations per second per run); beyond the last is max. */
export const PACES = [10, 50, 200, 1000, 5000, 20000] as const;

/** Iterations per second per run for a race of `iterations`; 0 means as fast as possible. */
export function perSecond(pace: Pace, iterations: number): number {
  if (pace === 'max') return 0;
  if (pace === 'auto') return Math.max(1, Math.ceil(iterations / AUTO_RACE_SECONDS));
  return pace;
}

/**
 * The pace a race starts at (iterations per second per run, 0 = max): the
 * config's. A sweep's `auto` is max: it is many models, watched fill a map, not
 * one curve at a time.
 */
export function startPace(config: { readonly pace: Pace; readonly iterations: number; readonly sweep?: unknown }): number {
  return config.sweep !== undefined && config.pace === 'auto' ? 0 : perSecond(config.pace, config.iterations);
}

/** One step faster or slower from `current` (0 = max), through PACES. */
export function nextPace(current: number, faster: boolean): number {
  if (faster) {
    if (current === 0) return 0;
    return PACES.find((p) => p > current) ?? 0;
  }
  if (current === 0) return PACES[PACES.length - 1] ?? 0;
  return [...PACES].reverse().find((p) => p < current) ?? PACES[0];
}

/** The pace as a setting reads: "auto", "max" or the number. */
export function paceText(pace: Pace): string {
  return typeof pace === 'number' ? String(pace) : pace;
}
