import { useEffect, useState } from 'react';

/**
 * Wall-clock seconds since the race `raceId` started, ticking twice a second
 * while `running` and standing still once it is not (the sweep's progress line
 * reads it). A new race id starts it again from zero.
 */
export function useStopwatch(raceId: number, running: boolean): number {
  const [clock, setClock] = useState(() => ({ raceId, start: Date.now(), now: Date.now() }));
  useEffect(() => {
    setClock((c) => (c.raceId === raceId ? c : { raceId, start: Date.now(), now: Date.now() }));
  }, [raceId]);
  useEffect(() => {
    // Read the clock on every change, so a finished race stops at its end, not at the last tick.
    setClock((c) => ({ ...c, now: Date.now() }));
    if (!running) return;
    const t = setInterval(() => setClock((c) => ({ ...c, now: Date.now() })), 500);
    return () => clearInterval(t);
  }, [running]);
  return Math.max(0, clock.now - clock.start) / 1000;
}
