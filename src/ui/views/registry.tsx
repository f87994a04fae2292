/**
 * The views of the dashboard, one row each (Ink's router example): what it
 * draws between the header and the footer, which of the shared keys are live
 * in it, and where Esc leads. The reducer's navigation and the key table's
 * view groups read these rows, so a new view is its folder and one row here.
 */
import type { ReactNode } from 'react';
import { gridCells } from '../../core/sweep.js';
import { helpRows } from '../input/keys.js';
import type { DashboardState } from '../state/reducer.js';
import type { RunView } from '../state/runs.js';
import { groupCount, type SchemeGroup } from '../state/selectors.js';
import { CompareView } from './compare/CompareView.js';
import { DetailView } from './detail/DetailView.js';
import { HelpOverlay } from './help/HelpOverlay.js';
import { RaceView } from './race/RaceView.js';
import { SettingsView } from './settings/SettingsView.js';
import { SignalView, type SignalViewProps } from './signal/SignalView.js';
import { cellName } from './sweep/sweep-layout.js';
import type { RaceLayout } from './race/layout.js';
import { SweepView } from './sweep/SweepView.js';
import { WhyView, type WhyViewProps } from './why/WhyView.js';

/** Every view's name; each has its row in VIEW_ROWS. */
export type View = 'race' | 'detail' | 'why' | 'compare' | 'signal' | 'settings' | 'help' | 'sweep';

export interface ViewRow {
  /**
   * Which shared keys are live in it: `race`, the race's (pause, pace, restart,
   * export, the other views…); `run`, those and the previous / next run; `own`,
   * only the keys bound to this view by name.
   */
  readonly keys: 'race' | 'run' | 'own';
  /** Where Esc leads: home (the race, or a sweep's map), back to the view behind it, or nowhere. */
  readonly back: 'home' | 'behind' | undefined;
  readonly draw: (c: ViewContext) => ReactNode;
}

/** What every view gets to draw itself. */
export interface ViewContext {
  readonly state: DashboardState;
  readonly groups: readonly SchemeGroup[];
  readonly columns: number;
  /** Rows between the header and the footer (chrome/frame.ts: the header and footer take one or two each). */
  readonly rows: number;
  /** The sweep view's rows, counted as a terminal with a one-line header and footer around the same body. */
  readonly sweepRows: number;
  /** The race view's parts and chart height. */
  readonly race: RaceLayout;
  readonly color: boolean;
  /** Whether keys reach the dashboard (stdin can go raw). */
  readonly interactive: boolean;
  /** Wall-clock seconds since the race started (the sweep's progress line). */
  readonly elapsed: number;
  /** Lanes and table rows the race view shows (a window when there are more schemes). */
  readonly shown: number;
  /** The command line's options beside the experiment (`--out FILE`, `--force`): a settings change keeps them. */
  readonly commandTail: readonly string[];
}

/** A run view of the run it shows: the selected scheme's first seed (in a sweep, the selected cell's); nothing before there is one. */
function withRun(c: ViewContext, draw: (run: RunView) => ReactNode): ReactNode {
  const run = c.state.config.sweep
    ? c.state.runs[c.state.selected * c.state.config.seeds]
    : (c.groups[c.state.selected] ?? c.groups[0])?.runs[0];
  return run ? draw(run) : null;
}

/** What every run view is told: the run, its place among the runs it is one of, the experiment, and the frame. */
function runViewProps(c: ViewContext, run: RunView): WhyViewProps {
  return {
    run,
    index: c.state.selected,
    total: groupCount(c.state),
    config: c.state.config,
    width: c.columns,
    height: c.rows - 1,
    paused: c.state.paused,
    color: c.color,
  };
}

/** What every view of the schemes side by side is told: the schemes, the highlighted one, the experiment, and the frame. */
function schemeViewProps(c: ViewContext): SignalViewProps {
  return { groups: c.groups, selected: c.state.selected, config: c.state.config, width: c.columns, height: c.rows - 1, color: c.color };
}

export const VIEW_ROWS: Readonly<Record<View, ViewRow>> = {
  race: {
    // the race: lanes, the loss chart, the results table
    keys: 'race',
    back: undefined,
    draw: (c) => (
      <RaceView
        state={c.state}
        groups={c.groups}
        columns={c.columns}
        layout={c.race}
        interactive={c.interactive}
        color={c.color}
        shown={c.shown}
      />
    ),
  },
  detail: {
    // one run: its cost chart, printout and decision boundary
    keys: 'run',
    back: 'home',
    draw: (c) =>
      withRun(c, (run) => (
        <DetailView
          {...runViewProps(c, run)}
          {...(c.state.config.sweep ? { label: sweepRunLabel(c) } : {})}
          train={c.state.data.train}
          logScale={c.state.logScale}
          fullRange={c.state.fullRange}
        />
      )),
  },
  why: {
    // why a run learns or not: norms, gradients, dead units, saturation, symmetry over time
    keys: 'run',
    back: 'home',
    draw: (c) => withRun(c, (run) => <WhyView {...runViewProps(c, run)} />),
  },
  compare: {
    // the schemes side by side, every figure at iteration 0 → now
    keys: 'race',
    back: 'home',
    draw: (c) => <CompareView {...schemeViewProps(c)} train={c.state.data.train} paused={c.state.paused} />,
  },
  signal: {
    // the signal through the layers against the theory, and each layer's outputs
    keys: 'race',
    back: 'home',
    draw: (c) => <SignalView {...schemeViewProps(c)} />,
  },
  settings: {
    // the settings form
    keys: 'own',
    back: 'home',
    draw: (c) =>
      c.state.form ? (
        <SettingsView config={c.state.config} form={c.state.form} width={c.columns} height={c.rows} tail={c.commandTail} />
      ) : null,
  },
  help: {
    // the keys of the view behind it
    keys: 'own',
    back: 'behind',
    draw: (c) => (
      <HelpOverlay
        view={c.state.behindHelp}
        rows={helpRows(c.state.behindHelp)}
        width={c.columns}
        height={c.rows}
        scroll={c.state.helpScroll}
      />
    ),
  },
  sweep: {
    // a sweep's accuracy against gain, or its depth × gain map
    keys: 'own',
    back: undefined,
    draw: (c) => <SweepView state={c.state} columns={c.columns} rows={c.sweepRows} color={c.color} elapsed={c.elapsed} />,
  },
};

/** A sweep cell's model as the detail view names it: the cell and the seed. */
function sweepRunLabel(c: ViewContext): string {
  const cells = gridCells(c.state.config);
  const cell = cells[c.state.selected];
  return `${cell ? cellName(cell, c.state.config.sweep?.depth !== undefined) : ''} · seed ${c.state.config.seed} (cell ${c.state.selected + 1} of ${cells.length})`;
}
