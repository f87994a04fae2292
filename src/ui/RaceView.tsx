import { Box } from 'ink';
import { AccuracyTable } from './AccuracyTable.js';
import type { ChartSeries } from './chart.js';
import { LossChart } from './LossChart.js';
import { RunList } from './RunList.js';
import { raceFinished, type DashboardState, type SchemeGroup } from './state.js';
import { schemeColor } from './theme.js';

export interface RaceViewProps {
  readonly state: DashboardState;
  readonly groups: readonly SchemeGroup[];
  readonly columns: number;
  readonly plotRows: number;
  /** Whether keys reach the dashboard (the run list's frame shows the focus then). */
  readonly interactive: boolean;
  readonly color: boolean;
}

/** The race: one lane per scheme, the overlaid loss chart, and the results table once every run is done. */
export function RaceView({ state, groups, columns, plotRows, interactive, color }: RaceViewProps) {
  const series: ChartSeries[] = groups.map((g, k) => ({ label: g.scheme, color: schemeColor(g.scheme, k), points: g.view.trace }));
  // A sweep also shows each scheme's spread: the lowest and highest seed, unlabelled, in grey.
  for (const g of groups) {
    if (!g.spread) continue;
    series.unshift({ label: '', color: 'gray', points: g.spread.min }, { label: '', color: 'gray', points: g.spread.max });
  }
  return (
    <Box flexDirection="column">
      <RunList
        runs={groups.map((g) => g.view)}
        iterations={state.config.iterations}
        paused={state.paused}
        selected={state.selected}
        isFocused={interactive && state.panel === 'runs'}
        width={columns - 2}
        color={color}
      />
      <LossChart
        title="Loss"
        series={series}
        iterations={state.config.iterations}
        width={Math.max(10, columns - 2)}
        plotRows={plotRows}
        logScale={state.logScale}
        color={color}
        focused={state.panel === 'chart'}
        cursor={state.cursor}
        front={series.length - groups.length + state.selected}
      />
      {raceFinished(state) && <AccuracyTable groups={groups} selected={state.selected} width={columns} color={color} />}
    </Box>
  );
}
