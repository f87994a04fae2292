import { Box } from 'ink';
import { AccuracyTable } from './AccuracyTable.js';
import type { ChartSeries } from '../../charts/chart.js';
import { LossChart } from '../../charts/LossChart.js';
import { RunList } from './RunList.js';
import { raceFinished, type SchemeGroup } from '../../state/selectors.js';
import { type DashboardState } from '../../state/reducer.js';
import { schemeColor } from '../../chrome/theme.js';
import type { RaceLayout } from './layout.js';

export interface RaceViewProps {
  readonly state: DashboardState;
  readonly groups: readonly SchemeGroup[];
  readonly columns: number;
  /** Which parts show and how tall the chart is (layout.ts's raceLayout). */
  readonly layout: RaceLayout;
  /** Whether keys reach the dashboard (the run list's frame shows the focus then). */
  readonly interactive: boolean;
  readonly color: boolean;
  /** Lanes and table rows to show (a window around the selection when there are more schemes). */
  readonly shown?: number;
}

/** A scheme's spread over its seeds: the lowest and highest seed, unlabelled, in grey. */
function spreadOf(g: SchemeGroup): ChartSeries[] {
  return g.spread
    ? [
        { label: '', color: 'gray', points: g.spread.min },
        { label: '', color: 'gray', points: g.spread.max },
      ]
    : [];
}

/** Rows a LossChart takes beside its plot: frame 2, title, x axis, one note. */
const CHART_FRAME_ROWS = 5;
/** The narrowest small chart worth drawing (labels take 12 columns of it). */
const MIN_SMALL_CHART = 26;

/**
 * How small multiples tile: as many side by side as fit (each at least
 * MIN_SMALL_CHART wide), in as many rows as needed, sharing the height the
 * overlaid chart would have had (its plot plus 7 rows of frame and notes).
 */
export function gridOf(charts: number, columns: number, plotRows: number): { perRow: number; width: number; plotRows: number } {
  const perRow = Math.max(1, Math.min(charts, Math.floor(columns / MIN_SMALL_CHART)));
  const gridRows = Math.ceil(charts / perRow);
  const height = Math.floor((plotRows + 7) / gridRows);
  return { perRow, width: Math.floor(columns / perRow), plotRows: Math.max(2, height - CHART_FRAME_ROWS) };
}

/** One small chart per scheme, the same iteration axis, each with its own cost axis: no curve hides another. */
function SmallMultiples({ state, groups, columns, layout, color }: RaceViewProps) {
  // gridOf shares the overlaid chart's rows, counted as its plot plus 7 (frame, readout, two notes).
  const grid = gridOf(groups.length, columns, layout.plotRows + (layout.readout ? 1 : 0) + layout.notes - 3);
  const rows: SchemeGroup[][] = [];
  for (let k = 0; k < groups.length; k += grid.perRow) rows.push(groups.slice(k, k + grid.perRow));
  return (
    <Box flexDirection="column">
      {rows.map((row, r) => (
        <Box key={r}>
          {row.map((g, c) => {
            const k = r * grid.perRow + c;
            return (
              <LossChart
                key={g.scheme}
                title={g.scheme}
                series={[...spreadOf(g), { label: g.scheme, color: schemeColor(g.scheme, k), points: g.view.trace }]}
                iterations={state.config.iterations}
                width={grid.width - 2}
                plotRows={grid.plotRows}
                logScale={state.logScale}
                fullRange={state.fullRange}
                color={color}
                focused={false}
                maxNotes={1}
                legend={false}
              />
            );
          })}
        </Box>
      ))}
    </Box>
  );
}

/** The race: one lane per scheme, the loss chart(s), and the results table once every run is done. */
export function RaceView(props: RaceViewProps) {
  const { state, groups, columns, layout, interactive, color } = props;
  const series: ChartSeries[] = [
    ...groups.flatMap(spreadOf),
    ...groups.map((g, k) => ({ label: g.scheme, color: schemeColor(g.scheme, k), points: g.view.trace })),
  ];
  return (
    <Box flexDirection="column">
      {layout.lanes && (
        <RunList
          runs={groups.map((g) => g.view)}
          iterations={state.config.iterations}
          paused={state.paused}
          pace={state.pace}
          selected={state.selected}
          isFocused={interactive && state.panel === 'runs'}
          width={columns - 2}
          color={color}
          {...(props.shown !== undefined ? { shown: props.shown } : {})}
        />
      )}
      {state.chart === 'multiples' ? (
        <SmallMultiples {...props} />
      ) : (
        <LossChart
          title="Loss"
          series={series}
          iterations={state.config.iterations}
          width={Math.max(10, columns - 2)}
          plotRows={layout.plotRows}
          maxNotes={layout.notes}
          logScale={state.logScale}
          fullRange={state.fullRange}
          color={color}
          focused={state.panel === 'chart'}
          cursor={state.cursor}
          // The selected run is drawn last, on top of the others.
          front={series.length - groups.length + state.selected}
        />
      )}
      {raceFinished(state) && layout.table !== 'none' && (
        <AccuracyTable
          compact={layout.table === 'compact'}
          groups={groups}
          selected={state.selected}
          width={columns}
          color={color}
          {...(props.shown !== undefined ? { shown: props.shown } : {})}
        />
      )}
    </Box>
  );
}
