import { Box, useApp, useInput, useStdin } from 'ink';
import { useEffect, useReducer, useRef, useState } from 'react';
import type { Race } from '../engine/race.js';
import { AccuracyTable } from './AccuracyTable.js';
import type { ChartSeries } from './chart.js';
import { DetailView } from './DetailView.js';
import { DETAIL_HINTS, Footer, HELP_HINTS, RACE_HINTS, SETTINGS_HINTS, WHY_HINTS } from './Footer.js';
import { SettingsView } from './SettingsView.js';
import type { Options } from '../args.js';
import { makeData } from '../core/experiment.js';
import { WhyView } from './WhyView.js';
import { Header } from './Header.js';
import { HelpOverlay } from './HelpOverlay.js';
import { keyIntent, splitKeys, type KeyInfo } from './keys.js';
import { layout, MIN_COLUMNS, minRows } from './layout.js';
import { LossChart } from './LossChart.js';
import { RunList } from './RunList.js';
import { initialState, nextPace, raceFinished, reduce, schemeGroups, schemesOf, type DashboardState } from './state.js';
import { schemeColor } from './theme.js';
import { TooSmall } from './TooSmall.js';
import { useRace, type RaceSettings } from './use-race.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface AppProps {
  readonly settings: RaceSettings;
  readonly color: boolean;
  /** Told the exit status when the user quits (0 for q, 130 for Ctrl-C). */
  readonly onQuit: (status: number) => void;
  /** Told the current race (so the entry can cancel it after Ink unmounts) and every new state. */
  readonly onRace?: (race: Race | undefined) => void;
  readonly onState?: (state: DashboardState) => void;
  /** Writes the results (key e); returns what to tell the user. */
  readonly onExport?: (state: DashboardState) => string;
  /** Start paused (tests; a teacher's "ready, set…"). */
  readonly startPaused?: boolean;
}

function raceStatus(s: DashboardState): string {
  if (raceFinished(s)) return 'finished';
  return s.paused ? 'paused' : 'racing';
}

export function App({ settings, color, onQuit, onRace, onState, onExport, startPaused }: AppProps) {
  const [state, dispatch] = useReducer(reduce, undefined, () =>
    initialState(settings.config, settings.schemes, startPaused === true, 0, settings.seeds ?? 1),
  );
  useEffect(() => {
    onState?.(state);
  }, [state, onState]);
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  // Without raw mode (stdin not a terminal) useInput would throw; the race then just runs to the end.
  const raw = isRawModeSupported === true;
  const { columns, rows } = useTerminalSize();
  // The data follow the settings screen: a new data set or noise makes new data.
  const [data, setData] = useState(settings.data);
  const race = useRace(
    { ...settings, config: state.config, schemes: schemesOf(state), data },
    state.raceId,
    { paused: state.paused, pace: state.pace },
    dispatch,
    onRace,
  );
  const applySettings = (o: Options): void => {
    if (o.config.dataset !== 'csv' && (o.config.dataset !== state.config.dataset || o.config.noise !== state.config.noise)) {
      setData(makeData(o.config.dataset, o.config.noise));
    }
    const fileData = state.config.dataset === 'csv';
    const config = fileData ? { ...o.config, dataset: 'csv', ...(state.config.data ? { data: state.config.data } : {}) } : o.config;
    dispatch({ type: 'restart', config, schemes: o.schemes });
  };
  // A one-line message in the footer (e.g. where the export went), for a few seconds.
  const [notice, setNotice] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (notice === undefined) return;
    const t = setTimeout(() => setNotice(undefined), 6000);
    return () => clearTimeout(t);
  }, [notice]);


  // Keys read the latest state through a ref: Ink re-subscribes a new handler only
  // in a passive effect, after the frame is drawn, and a key arriving in between
  // would otherwise be judged against the previous state (e.g. the closed help).
  const latest = useRef(state);
  latest.current = state;
  const apply = (input: string, key: KeyInfo): void => {
    const state = latest.current;
    const intent = keyIntent(input, key, state);
    if (!intent) return;
    switch (intent.kind) {
      case 'action':
        dispatch(intent.action);
        return;
      case 'quit':
        onQuit(intent.status);
        exit();
        return;
      case 'togglePause': {
        const r = race.current;
        if (!r || raceFinished(state)) return;
        if (state.paused) r.resume();
        else r.pause();
        dispatch({ type: 'setPaused', paused: !state.paused });
        return;
      }
      case 'step':
        if (state.paused) race.current?.step();
        return;
      case 'pace': {
        const pace = nextPace(state.pace, intent.faster);
        race.current?.setPace(pace);
        dispatch({ type: 'setPace', pace });
        return;
      }
      case 'restart':
        dispatch({ type: 'restart' });
        return;
      case 'export':
        setNotice(onExport ? onExport(state) : 'export is not available here');
        return;
      case 'focus':
        dispatch({ type: 'select', run: intent.run });
        if (state.view === 'detail') dispatch({ type: 'open', run: intent.run });
        return;
    }
  };
  useInput(
    (input, key) => {
      for (const [k, info] of splitKeys(input, key)) apply(k, info);
    },
    { isActive: raw },
  );

  const groups = schemeGroups(state);
  const n = groups.length;
  const l = layout(columns, rows, n);
  if (l.tooSmall) {
    return <TooSmall columns={columns} rows={rows} needColumns={MIN_COLUMNS} needRows={minRows(n)} />;
  }
  const finished = raceFinished(state);
  const header = <Header config={state.config} status={raceStatus(state)} pace={state.pace} color={color} />;

  if (state.view === 'help') {
    return (
      <Box flexDirection="column" width={columns}>
        {header}
        <HelpOverlay width={columns} />
        <Footer hints={notice ?? HELP_HINTS} />
      </Box>
    );
  }
  if (state.view === 'settings') {
    return (
      <Box flexDirection="column" width={columns}>
        {header}
        <SettingsView
          config={state.config}
          schemes={schemesOf(state)}
          fileData={state.config.dataset === 'csv'}
          onApply={applySettings}
          onCancel={() => dispatch({ type: 'back' })}
          isActive={raw}
        />
        <Footer hints={SETTINGS_HINTS} />
      </Box>
    );
  }
  if (state.view === 'why') {
    const run = groups[state.selected]!.runs[0]!;
    return (
      <Box flexDirection="column" width={columns}>
        {header}
        <WhyView run={run} index={state.selected} total={n} config={state.config} width={columns} paused={state.paused} color={color} />
        <Footer hints={notice ?? WHY_HINTS} />
      </Box>
    );
  }
  if (state.view === 'detail') {
    const run = groups[state.selected]!.runs[0]!;
    return (
      <Box flexDirection="column" width={columns}>
        {header}
        <DetailView
          run={run}
          index={state.selected}
          total={n}
          config={state.config}
          train={settings.data.train}
          width={columns}
          height={rows - 3}
          paused={state.paused}
          logScale={state.logScale}
          color={color}
        />
        <Footer hints={notice ?? DETAIL_HINTS} />
      </Box>
    );
  }
  const series: ChartSeries[] = groups.map((g, k) => ({ label: g.scheme, color: schemeColor(g.scheme, k), points: g.view.trace }));
  // A sweep also shows each scheme's spread: the lowest and highest seed, unlabelled, in grey.
  for (const g of groups) {
    if (!g.spread) continue;
    series.unshift({ label: '', color: 'gray', points: g.spread.min }, { label: '', color: 'gray', points: g.spread.max });
  }
  return (
    <Box flexDirection="column" width={columns}>
      {header}
      <RunList
        runs={groups.map((g) => g.view)}
        iterations={state.config.iterations}
        paused={state.paused}
        selected={state.selected}
        isFocused={raw && state.panel === 'runs'}
        width={columns - 2}
        color={color}
      />
      <LossChart
        title="Loss"
        series={series}
        iterations={state.config.iterations}
        width={l.inner}
        plotRows={l.plotRows}
        logScale={state.logScale}
        color={color}
        focused={state.panel === 'chart'}
        cursor={state.cursor}
        front={series.length - groups.length + state.selected}
      />
      {finished && <AccuracyTable groups={groups} selected={state.selected} width={columns} color={color} />}
      <Footer hints={notice ?? RACE_HINTS} />
    </Box>
  );
}
