import { useEffect, useRef, type Dispatch, type RefObject } from 'react';
import { runsOf } from '../../core/experiment.js';
import type { Fault, RunEvent } from '../../engine/protocol.js';
import { startRace, type Race, type RaceStarter } from '../../engine/race.js';
import type { Action, DashboardState } from '../state/reducer.js';

/** Trace samples per run for the live chart: enough for any terminal width, few enough to stay cheap. */
export function traceInterval(iterations: number): number {
  return Math.max(1, Math.floor(iterations / 1500));
}

/**
 * A sweep keeps every model's trace for its detail view: at most ~300,000
 * samples in all (54 models get the race's 1500 each; 10,000 get 50).
 */
export function sweepTraceInterval(iterations: number, runs: number): number {
  const samples = Math.max(50, Math.min(1500, Math.floor(300_000 / Math.max(1, runs))));
  return Math.max(1, Math.floor(iterations / samples));
}

/** At most this many state updates a second from engine events (the redraw rate). */
const FLUSH_MS = 1000 / 30;

/**
 * The race follows the dashboard's state: the reducer decides pause and pace,
 * and this carries the change to the workers, synchronously, so a key right
 * behind it (space then n, in one read) finds the race already paused.
 */
export function followState(race: Race | undefined, prev: DashboardState, next: DashboardState): void {
  if (!race || prev.raceId !== next.raceId) return;
  if (next.paused !== prev.paused) {
    if (next.paused) race.pause();
    else race.resume();
  }
  if (next.pace !== prev.pace) race.setPace(next.pace);
}

/**
 * Runs one race per `state.raceId` on the state's config and data: starts it
 * (paused and paced as the state says), forwards its events to the reducer in
 * batches (one dispatch per frame at most), and cancels it when the id
 * changes or the dashboard unmounts. Returns a ref to the current race.
 */
export function useRace(
  state: DashboardState,
  fault: Fault | undefined,
  dispatch: Dispatch<Action>,
  onRace?: (race: Race | undefined) => void,
  /** Where the race trains: local worker threads unless told otherwise (a queue's workers). */
  begin: RaceStarter = startRace,
): RefObject<Race | undefined> {
  const ref = useRef<Race | undefined>(undefined);
  // Pause and pace at the moment a race starts; later changes reach it through followState.
  const start = useRef({ paused: state.paused, pace: state.pace });
  start.current = { paused: state.paused, pace: state.pace };
  const tell = useRef(onRace);
  tell.current = onRace;
  const { raceId, config, data } = state;
  useEffect(() => {
    let pending: RunEvent[] = [];
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      timer = undefined;
      const events = pending;
      pending = [];
      dispatch({ type: 'events', raceId, events });
    };
    const race = begin(
      config,
      {
        data,
        traceEvery: config.sweep ? sweepTraceInterval(config.iterations, runsOf(config).length) : traceInterval(config.iterations),
        paused: start.current.paused,
        pace: start.current.pace,
        yieldToMain: true,
        diagnostics: true,
        compactCosts: true,
        ...(fault ? { fault } : {}),
      },
      (e) => {
        pending.push(e);
        timer ??= setTimeout(flush, FLUSH_MS);
      },
    );
    ref.current = race;
    tell.current?.(race);
    return () => {
      if (timer) clearTimeout(timer);
      void race.cancel();
      if (ref.current === race) ref.current = undefined;
    };
    // The config and the data change only with the race id (a restart); one race per id.
  }, [raceId, config, data, fault, dispatch, begin]);
  return ref;
}
