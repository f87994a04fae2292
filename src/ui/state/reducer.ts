/**
 * The dashboard's state as a pure reducer: engine events and user intents
 * in, state out. Components only display it; the hooks only forward to it.
 * The run model is runs.ts, what views derive from the state selectors.ts,
 * and where a view's Esc leads the view registry (views/registry.tsx).
 */
import type { ExperimentConfig } from '../../core/config.js';
import { makeData, type TrainTest } from '../../core/experiment.js';
import { nextPace, startPace } from '../../core/pace.js';
import { gridSize } from '../../core/sweep.js';
import type { RunEvent } from '../../engine/protocol.js';
import { applyEvent, forgetRate, freshRuns, type RunView } from './runs.js';
import { groupCount, raceFinished } from './selectors.js';
import { applyEdit, deleteChar, formConfig, moveField, openForm, typeText, type FormEdit, type SettingsForm } from './settings-form.js';
import { VIEW_ROWS, type View } from '../views/registry.js';

export type Panel = 'runs' | 'chart';

export interface DashboardState {
  readonly config: ExperimentConfig;
  /** The data the race trains on: it changes with the config, never apart from it. */
  readonly data: TrainTest;
  /** Every run of the race, scheme-major: scheme k's seeds are runs k·seeds … k·seeds + seeds - 1. */
  readonly runs: readonly RunView[];
  readonly paused: boolean;
  /** Iterations per second per run; 0 = as fast as possible. */
  /** Iterations per second per run; 0 = as fast as possible. */
  readonly pace: number;
  /** The race chart: every scheme overlaid, or one small chart per scheme. */
  readonly chart: 'overlay' | 'multiples';
  /** The settings form, while the settings view is open. */
  readonly form?: SettingsForm;
  readonly logScale: boolean;
  /** The linear cost axis over every finite cost, instead of cutting outliers (the chart says what it cut). */
  readonly fullRange: boolean;
  readonly view: View;
  /** The help overlay's first line shown (it scrolls when its keys do not fit); 0 each time it opens. */
  readonly helpScroll: number;
  /** The view to go back to when help closes. */
  readonly behindHelp: Exclude<View, 'help'>;
  /** The highlighted run (the list's cursor) and the run the detail view shows. */
  readonly selected: number;
  readonly panel: Panel;
  /** The chart cursor, as a fraction of the iteration axis (0..1). */
  readonly cursor: number;
  /** Bumped on restart: the list re-mounts and events of an old race are ignored. */
  readonly raceId: number;
}

export type Action =
  | { readonly type: 'events'; readonly raceId: number; readonly events: readonly RunEvent[] }
  /** A new race; with a new experiment, its data come with it. */
  | { readonly type: 'restart'; readonly config?: ExperimentConfig; readonly data?: TrainTest }
  /** Pause or resume (nothing to pause once the race is over). */
  | { readonly type: 'togglePause' }
  /** One step faster or slower through PACES. */
  | { readonly type: 'pace'; readonly faster: boolean }
  | { readonly type: 'toggleChart' }
  /** The settings form: another field, typing, Backspace, Enter. */
  | { readonly type: 'formMove'; readonly by: number }
  /** Typing or a paste; `pasted` is the whole length of a paste the input parser cut. */
  | { readonly type: 'formType'; readonly text: string; readonly pasted?: number }
  | { readonly type: 'formDelete' }
  /** The caret (← → Home End), Delete, Ctrl-U, and a choice field's picker. */
  | { readonly type: 'formEdit'; readonly edit: FormEdit }
  | { readonly type: 'formApply' }
  | { readonly type: 'toggleLog' }
  | { readonly type: 'toggleRange' }
  | { readonly type: 'toggleHelp' }
  /**
   * Scroll the help overlay by lines (±1), pages (±page) or to an end (±Infinity),
   * within 0 … max; the App fills in `max` and `page` from the terminal's size.
   */
  | { readonly type: 'scrollHelp'; readonly by: number; readonly pages?: boolean; readonly max?: number; readonly page?: number }
  | { readonly type: 'open'; readonly run?: number }
  | { readonly type: 'why'; readonly run?: number }
  /** The schemes side by side, at iteration 0 and now; from the compare view, back to the race. */
  | { readonly type: 'compare' }
  /** A view of the race (the signal view), or back to the race from it. */
  | { readonly type: 'show'; readonly view: View }
  | { readonly type: 'settings' }
  | { readonly type: 'back' }
  | { readonly type: 'select'; readonly run: number }
  /** Move the selection by ±n, wrapping; relative, so keys faster than the redraw all count. */
  | { readonly type: 'move'; readonly by: number }
  | { readonly type: 'nextPanel' }
  | { readonly type: 'moveCursor'; readonly by: number }
  /** Move the sweep map's cursor by rows (depths) and columns (gains), stopping at the edges. */
  | { readonly type: 'moveCell'; readonly rows: number; readonly cols: number };

/** The view a race opens on and goes back to: the sweep's map for a sweep, else the race. */
export function homeView(config: ExperimentConfig): 'race' | 'sweep' {
  return config.sweep ? 'sweep' : 'race';
}

/** The pace a race starts at: the config's (core/pace.ts's startPace; a sweep's `auto` is max). */
export function paceOf(config: ExperimentConfig): number {
  return startPace(config);
}

export function initialState(
  config: ExperimentConfig,
  data: TrainTest,
  paused = false,
  pace = paceOf(config),
  chart: Pick<DashboardState, 'chart' | 'logScale'> = { chart: 'overlay', logScale: false },
): DashboardState {
  return {
    config,
    data,
    runs: freshRuns(config),
    paused,
    pace,
    ...chart,
    fullRange: false,
    view: homeView(config),
    behindHelp: homeView(config),
    helpScroll: 0,
    selected: 0,
    panel: 'runs',
    cursor: 1,
    raceId: 0,
  };
}

export function reduce(state: DashboardState, action: Action): DashboardState {
  switch (action.type) {
    case 'events': {
      if (action.raceId !== state.raceId || action.events.length === 0) return state;
      const runs = state.runs.slice();
      for (const e of action.events) {
        const r = runs[e.run];
        if (r) runs[e.run] = applyEvent(r, e, state.config.iterations);
      }
      return { ...state, runs };
    }
    case 'restart': {
      const config = action.config ?? state.config;
      const { form: _closed, ...rest } = state;
      return {
        ...rest,
        config,
        data: action.data ?? state.data,
        // A new experiment comes with its own pace; `r` keeps the one the keys chose.
        pace: action.config ? paceOf(config) : state.pace,
        runs: freshRuns(config),
        selected: 0,
        view: homeView(config),
        behindHelp: homeView(config),
        cursor: 1,
        raceId: state.raceId + 1,
      };
    }
    // A lane's "on pace" is measured again after a pause or a new pace (runs.ts's forgetRate).
    case 'togglePause':
      return raceFinished(state) ? state : { ...state, paused: !state.paused, runs: state.runs.map(forgetRate) };
    case 'pace':
      return { ...state, pace: nextPace(state.pace, action.faster), runs: state.runs.map(forgetRate) };
    case 'toggleChart':
      return { ...state, chart: state.chart === 'overlay' ? 'multiples' : 'overlay' };
    case 'formMove':
      return state.form ? { ...state, form: moveField(state.form, action.by) } : state;
    case 'formType':
      return state.form ? { ...state, form: typeText(state.form, action.text, state.config, action.pasted) } : state;
    case 'formDelete':
      return state.form ? { ...state, form: deleteChar(state.form, state.config) } : state;
    case 'formEdit':
      return state.form ? { ...state, form: applyEdit(state.form, action.edit, state.config) } : state;
    case 'formApply': {
      if (!state.form) return state;
      const config = formConfig(state.form, state.config);
      if (typeof config === 'string') return { ...state, form: { ...state.form, error: config } };
      // New data only where the data set or its noise changed; your own file stays as it is.
      const same = config.dataset === state.config.dataset && config.noise === state.config.noise;
      const data = same || config.dataset === 'csv' ? state.data : makeData(config.dataset, config.noise);
      return reduce(state, { type: 'restart', config, data });
    }
    case 'toggleLog':
      return { ...state, logScale: !state.logScale };
    case 'toggleRange':
      return { ...state, fullRange: !state.fullRange };
    case 'toggleHelp':
      return state.view === 'help'
        ? { ...state, view: state.behindHelp }
        : { ...state, view: 'help', behindHelp: state.view, helpScroll: 0 };
    case 'scrollHelp': {
      const step = action.pages === true ? action.by * (action.page ?? 1) : action.by;
      const to = Math.min(action.max ?? Infinity, Math.max(0, state.helpScroll + step));
      return Number.isFinite(to) ? { ...state, helpScroll: to } : state;
    }
    case 'open': {
      const run = action.run ?? state.selected;
      if (run < 0 || run >= groupCount(state)) return state;
      return { ...state, view: 'detail', selected: run };
    }
    case 'why': {
      const run = action.run ?? state.selected;
      if (run < 0 || run >= groupCount(state)) return state;
      return { ...state, view: 'why', selected: run };
    }
    case 'compare':
      return { ...state, view: state.view === 'compare' ? 'race' : 'compare' };
    case 'show':
      return { ...state, view: state.view === action.view ? homeView(state.config) : action.view };
    case 'settings':
      // The pace field shows the pace as the keys left it (auto, while they have not moved it).
      return { ...state, view: 'settings', form: openForm(state.config, state.pace === paceOf(state.config) ? undefined : state.pace) };
    case 'back': {
      // Where Esc leads is the view's row in the registry; in the race's chart panel, back to the runs.
      const back = VIEW_ROWS[state.view].back;
      if (back === 'behind') return { ...state, view: state.behindHelp };
      if (back === 'home') {
        const { form: _closed, ...rest } = state;
        return { ...rest, view: homeView(state.config) };
      }
      return state.panel === 'chart' ? { ...state, panel: 'runs' } : state;
    }
    case 'select':
      if (action.run < 0 || action.run >= groupCount(state)) return state;
      return { ...state, selected: action.run };
    case 'move': {
      const n = groupCount(state);
      return { ...state, selected: (((state.selected + action.by) % n) + n) % n };
    }
    case 'nextPanel':
      return state.view === 'race' ? { ...state, panel: state.panel === 'runs' ? 'chart' : 'runs' } : state;
    case 'moveCursor':
      return { ...state, cursor: Math.min(1, Math.max(0, state.cursor + action.by)) };
    case 'moveCell': {
      if (!state.config.sweep) return state;
      const { rows, cols } = gridSize(state.config.sweep);
      const clamp = (x: number, n: number) => Math.max(0, Math.min(n - 1, x));
      const row = clamp(Math.floor(state.selected / cols) + action.rows, rows);
      const col = clamp((state.selected % cols) + action.cols, cols);
      return { ...state, selected: row * cols + col };
    }
  }
}
