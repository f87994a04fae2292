import { Box, useApp, useStdin } from 'ink';
import { useEffect, useReducer, useRef, useState } from 'react';
import type { ExperimentConfig } from '../core/config.js';
import type { TrainTest } from '../core/experiment.js';
import type { Fault } from '../engine/protocol.js';
import type { Race, RaceStarter } from '../engine/race.js';
import { Footer } from './chrome/Footer.js';
import { Header } from './chrome/Header.js';
import type { Key } from './input/input.js';
import type { Frame } from './chrome/frame.js';
import { helpScroll } from './views/help/help-layout.js';
import { helpRows, hintList, keyIntent, type Intent } from './input/keys.js';
import { frameOf, stateText } from './chrome/frame.js';
import { headerParts } from '../core/config.js';
import { lanesShown, raceLayout, MIN_COLUMNS, minBodyRows, type RaceLayout } from './views/race/layout.js';
import { selectedVerdict } from './views/race/AccuracyTable.js';
import { sweepMinRows } from './views/sweep/sweep-layout.js';
import { VIEW_ROWS, type ViewContext } from './views/registry.js';
import { groupCount, raceFinished, schemeGroups } from './state/selectors.js';
import { laneAt } from './views/race/lane-hit.js';
import { columnAt } from './views/compare/compare-hit.js';
import { cellAt } from './views/sweep/sweep-hit.js';
import { initialState, reduce, type Action, type DashboardState } from './state/reducer.js';
import { TooSmall } from './chrome/TooSmall.js';
import { followState, useRace } from './hooks/use-race.js';
import { useKeys } from './input/use-keys.js';
import { useStopwatch } from './hooks/use-stopwatch.js';
import { useTimeLeft } from './hooks/use-time-left.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';

export interface AppProps {
  readonly config: ExperimentConfig;
  readonly data: TrainTest;
  readonly color: boolean;
  /** How the race's chart starts (the remembered mode; default overlaid, linear). */
  readonly chart?: DashboardState['chart'];
  readonly logScale?: boolean;
  /** A fault to inject into the workers (tests, INIT_TUI_FAULT). */
  readonly fault?: Fault | undefined;
  /** Told the exit status when the user quits (0 for q, 130 for Ctrl-C). */
  readonly onQuit: (status: number) => void;
  /** Told the current race (so the entry can cancel it after Ink unmounts) and every new state. */
  readonly onRace?: (race: Race | undefined) => void;
  readonly onState?: (state: DashboardState) => void;
  /** Writes the results (key e); returns what to tell the user. */
  readonly onExport?: (state: DashboardState) => string;
  /** Export by itself each time a race ends (--out), and say so in the footer. */
  readonly autoExport?: boolean;
  /** The command line's options beside the experiment (`--out FILE`, `--force`), for the settings screen's equivalent command. */
  readonly commandTail?: readonly string[];
  /** Start paused (tests; a teacher's "ready, set…"). */
  readonly startPaused?: boolean;
  /** Ctrl-Z: the entry gives the terminal back to the shell (without it, the key does nothing). */
  readonly onSuspend?: () => void;
  /** Where races train (default: local worker threads; --queue: the queue's workers). */
  readonly startRace?: RaceStarter;
}

function raceStatus(s: DashboardState): string {
  if (raceFinished(s)) return 'finished';
  return s.paused ? 'paused' : 'racing';
}

export function App({
  config,
  data,
  color,
  chart,
  logScale,
  fault,
  onQuit,
  onRace,
  onState,
  onExport,
  autoExport,
  commandTail,
  startPaused,
  onSuspend,
  startRace,
}: AppProps) {
  const [state, dispatch] = useReducer(reduce, undefined, () =>
    initialState(config, data, startPaused === true, undefined, { chart: chart ?? 'overlay', logScale: logScale ?? false }),
  );
  useEffect(() => {
    onState?.(state);
  }, [state, onState]);
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  // Without raw mode (stdin not a terminal) useInput would throw; the race then just runs to the end.
  const interactive = isRawModeSupported === true;
  const { columns, rows } = useTerminalSize();
  const race = useRace(state, fault, dispatch, onRace, startRace);
  // The clock of the race lives here, above the views: a view that closes and opens again keeps it.
  const elapsed = useStopwatch(state.raceId, !raceFinished(state));
  const left = useTimeLeft(state);

  // A one-line message in the footer (e.g. where the export went), for a few seconds.
  const [notice, setNotice] = useState<string | undefined>(undefined);
  useEffect(() => {
    // A failed write stays until the next message: it must not pass unseen.
    if (notice === undefined || /^could not write/.test(notice)) return;
    const t = setTimeout(() => setNotice(undefined), 6000);
    return () => clearTimeout(t);
  }, [notice]);
  // --out: the document is written each time a race ends (a restart writes it again), and the footer says where.
  const finished = raceFinished(state);
  const exported = useRef(-1);
  useEffect(() => {
    if (!autoExport || !onExport || !finished || exported.current === state.raceId) return;
    exported.current = state.raceId;
    setNotice(onExport(state));
  }, [autoExport, onExport, finished, state]);

  // Keys read the latest state through a ref: Ink re-subscribes a new handler only
  // in a passive effect, after the frame is drawn, and a key arriving in between
  // would otherwise be judged against the previous state (e.g. the closed help).
  // Each action also moves the ref at once, so the next key of the same read sees it.
  const latest = useRef(state);
  latest.current = state;
  const send = (action: Action): void => {
    const prev = latest.current;
    const next = reduce(prev, action);
    latest.current = next;
    dispatch(action);
    followState(race.current, prev, next);
  };
  const apply = (key: Key): void => {
    const intent = sized(keyIntent(located(key), latest.current));
    switch (intent?.kind) {
      case undefined:
        return;
      case 'action':
        send(intent.action);
        return;
      case 'step':
        if (latest.current.paused) race.current?.step();
        return;
      case 'export':
        setNotice(onExport ? onExport(latest.current) : 'export is not available here');
        return;
      case 'suspend':
        onSuspend?.();
        return;
      case 'quit':
        onQuit(intent.status);
        exit();
        return;
    }
  };
  // A click's target from the same layout the views draw (the frame's real header height): a lane, a compare column, a sweep cell.
  const located = (key: Key): Key => {
    const s = latest.current;
    if (key.mouse?.button !== 'left') return key;
    const n = groupCount(s);
    const { column, row } = key.mouse;
    const f = frameFor(s);
    const target =
      s.view === 'sweep'
        ? cellAt(column, row, s.config, columns, sweepRows(f), s.selected, f.headerRows)
        : s.config.sweep
          ? undefined
          : s.view === 'race'
            ? laneAt(row, f.headerRows, n, lanesShown(f.bodyRows, n), s.selected, raceLayoutFor(s, f).lanes)
            : s.view === 'compare'
              ? columnAt(column, columns, n, s.selected)
              : undefined;
    return target === undefined ? key : { ...key, mouse: { ...key.mouse, target } };
  };
  // The help overlay's scroll stops at its last line, which depends on the terminal's size: the App fills it in.
  const sized = (intent: Intent | undefined): Intent | undefined => {
    if (intent?.kind !== 'action' || intent.action.type !== 'scrollHelp') return intent;
    const s = latest.current;
    const { max, page } = helpScroll(helpRows(s.behindHelp), columns, frameFor(s).bodyRows, s.behindHelp);
    return { kind: 'action', action: { ...intent.action, max, page } };
  };
  // Every key of a burst, in order, each judged against the state the previous one left.
  useKeys((keys) => keys.forEach(apply), interactive);

  // A sweep's views do not need the schemes' lanes and mean curves (and a sweep may have thousands of runs).
  const sweep = state.config.sweep !== undefined;
  const groups = sweep ? [] : schemeGroups(state);
  const frame = frameFor(state);
  // More schemes than the terminal has rows for: a window of lanes (and table rows), one line more.
  const shown = lanesShown(frame.bodyRows, groups.length);
  const windowed = shown < groups.length ? 1 : 0;
  // Rows missing for the smallest layout of this view, counted between the header and the footer.
  const missing = sweep ? sweepMinRows(state.config) - sweepRows(frame) : minBodyRows(shown) + windowed - frame.bodyRows;
  if (columns < MIN_COLUMNS || missing > 0) {
    // The rows needed at the width needed: the header and the footer wrap less once the terminal is wide enough.
    const wide = frameFor(state, Math.max(columns, MIN_COLUMNS));
    const needBody = sweep ? sweepMinRows(state.config) - 2 : minBodyRows(shown) + windowed;
    const needRows = columns < MIN_COLUMNS ? wide.headerRows + wide.footer.length + needBody : rows + missing;
    return <TooSmall columns={columns} rows={rows} needColumns={MIN_COLUMNS} needRows={needRows} />;
  }
  const context: ViewContext = {
    state,
    groups,
    columns,
    rows: frame.bodyRows,
    sweepRows: sweepRows(frame),
    race: raceLayoutFor(state, frame),
    color,
    interactive,
    elapsed,
    shown,
    commandTail: commandTail ?? [],
  };
  // The frame fills the screen's height: the footer sits on the last row whatever the view draws.
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Header layout={frame.header} color={color} />
      <Box flexDirection="column" flexGrow={1} flexShrink={1} overflow="hidden">
        {VIEW_ROWS[state.view].draw(context)}
      </Box>
      <Footer lines={frame.footer} />
    </Box>
  );

  /** The race view's layout in that frame: its lanes' window, and the selected verdict's rows under a compact table. */
  function raceLayoutFor(s: DashboardState, f: Frame): RaceLayout {
    const gs = s.config.sweep ? [] : schemeGroups(s);
    const n = lanesShown(f.bodyRows, gs.length);
    const body = f.bodyRows - (n < gs.length ? 1 : 0);
    const verdict = raceFinished(s) ? selectedVerdict(gs, s.selected, columns).length : 0;
    return raceLayout(body, n, raceFinished(s), { verdict, readout: s.panel === 'chart' });
  }

  /** The frame for a state: its header and footer at this terminal's size, and the rows between them. */
  function frameFor(s: DashboardState, width = columns): Frame {
    const hints = (s.view === 'settings' ? undefined : notice) ?? hintList(s.view, s);
    return frameOf(headerParts(s.config), stateText(raceStatus(s), s.pace, left), hints, width, rows);
  }
}

/**
 * The sweep view counts the terminal's rows with a one-line header and footer
 * (its layout's fixed rows include them): the rows it would have for the same body.
 */
function sweepRows(f: Frame): number {
  return f.bodyRows + 2;
}
