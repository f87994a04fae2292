import { useRef } from 'react';
import { timeLeft, type LeftClock } from '../state/selectors.js';
import type { DashboardState } from '../state/reducer.js';

/**
 * The header's "time left", in seconds: selectors.ts's timeLeft, fed the
 * state at each frame and remembering between frames what it needs (the
 * work left at a few moments, what it showed last).
 */
export function useTimeLeft(state: DashboardState): number | undefined {
  const clock = useRef<LeftClock | undefined>(undefined);
  clock.current = timeLeft(clock.current, state, performance.now());
  return clock.current.shown;
}
