import { useEffect, useRef, type Dispatch } from 'react';
import type { ExperimentConfig, TrainTest } from '../core/experiment.js';
import type { Fault, RunEvent } from '../engine/protocol.js';
import { startRace, type Race } from '../engine/race.js';
import type { Action } from './state.js';

/** Trace samples per run for the live chart: enough for any terminal width, few enough to stay cheap. */
export function traceInterval(iterations: number): number {
  return Math.max(1, Math.floor(iterations / 1500));
}

/** At most this many state updates a second from engine events (the redraw rate). */
const FLUSH_MS = 1000 / 30;

export interface RaceSettings {
  readonly config: ExperimentConfig;
  readonly schemes: readonly string[];
  readonly data: TrainTest;
  readonly threads?: number | undefined;
  readonly kernel?: string | undefined;
  /** Initialization seeds per scheme (a sweep when > 1). */
  readonly seeds?: number | undefined;
  readonly fault?: Fault | undefined;
}

/**
 * Runs one race per `raceId`: starts it, forwards its events to the reducer
 * in batches (one dispatch per frame at most), and cancels it when the id
 * changes or the dashboard unmounts. Returns a ref to the current race, for
 * pause, step and pace.
 */
export function useRace(
  settings: RaceSettings,
  raceId: number,
  start: { readonly paused: boolean; readonly pace: number },
  dispatch: Dispatch<Action>,
  onRace?: (race: Race | undefined) => void,
): React.MutableRefObject<Race | undefined> {
  const ref = useRef<Race | undefined>(undefined);
  const startRef = useRef(start);
  startRef.current = start;
  useEffect(() => {
    let pending: RunEvent[] = [];
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      timer = undefined;
      const events = pending;
      pending = [];
      dispatch({ type: 'events', raceId, events });
    };
    const race = startRace(
      {
        config: settings.config,
        schemes: settings.schemes,
        data: settings.data,
        traceEvery: traceInterval(settings.config.iterations),
        paused: startRef.current.paused,
        yieldToMain: true,
        diagnostics: true,
        pace: startRef.current.pace,
        ...(settings.threads !== undefined ? { threads: settings.threads } : {}),
        ...(settings.kernel !== undefined ? { kernel: settings.kernel } : {}),
        ...(settings.seeds !== undefined ? { seeds: settings.seeds } : {}),
        ...(settings.fault ? { fault: settings.fault } : {}),
      },
      (e) => {
        pending.push(e);
        timer ??= setTimeout(flush, FLUSH_MS);
      },
    );
    ref.current = race;
    onRace?.(race);
    return () => {
      if (timer) clearTimeout(timer);
      void race.cancel();
      if (ref.current === race) ref.current = undefined;
    };
    // A new race only when raceId changes (restart); settings are read at that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [raceId]);
  return ref;
}
