import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { NetworkTheory } from '../../../core/theory.js';
import { depthValues } from '../../../core/sweep.js';
import { cellResults, cellTheories, gainLabel, predictionText, type CellResult } from '../../../results/sweep.js';
import { drawGainPlot, logPosition, plotWidth, tickGains, type GainPoint } from '../../charts/gain-plot.js';
import { drawHeatmap, heatLegend, type HeatCell } from '../../charts/heatmap.js';
import { progressBar } from '../race/layout.js';
import { type DashboardState } from '../../state/reducer.js';
import {
  cellReadout,
  cursorOf,
  mapCellHeight,
  plotHeights,
  progressText,
  readoutRows,
  referenceGains,
  referenceMarks,
  sweepGains,
  workDone,
} from './sweep-layout.js';
import { paint } from '../../chrome/theme.js';
import { wrapAtMost } from '../../chrome/wrap.js';

export interface SweepViewProps {
  readonly state: DashboardState;
  /** The terminal's columns and rows (the view fits itself between the header and the footer). */
  readonly columns: number;
  readonly rows: number;
  readonly color: boolean;
  /** Wall-clock seconds since the sweep started (kept by the App, so leaving the map does not reset it). */
  readonly elapsed: number;
}

/** A cell as the map shows it: its mean test accuracy, or × / ! / still training. */
function heatCell(c: CellResult, t: NetworkTheory | undefined): HeatCell {
  const theory =
    t === undefined || t.prediction === 'propagates'
      ? {}
      : { theory: t.prediction.startsWith('vanishing') ? ('↓' as const) : ('↑' as const) };
  if (c.diverged > 0) return { value: undefined, mark: '×', ...theory };
  if (c.averaged.length > 0) return { value: c.summary.testAccuracy.mean, ...theory };
  if (c.failed > 0 && c.ended === c.runs.length) return { value: undefined, mark: '!', ...theory };
  return { value: undefined, ...theory };
}

/** The 2-D sweep: the depth × gain map, its legend. */
function MapBody({
  state,
  cells,
  theories,
  columns,
  rows,
  color,
}: SweepViewProps & { readonly cells: readonly CellResult[]; readonly theories: readonly NetworkTheory[] }) {
  const { config } = state;
  const gains = sweepGains(config);
  const depths = depthValues(config.sweep!, config.layers);
  const cursor = cursorOf(state.selected, config);
  const map = drawHeatmap({
    rowLabels: depths.map((d) => `depth ${d}`),
    colLabels: gains.map(gainLabel),
    cells: cells.map((c, k) => heatCell(c, theories[k])),
    cursor,
    width: columns - 2,
    cellHeight: mapCellHeight(rows, depths.length),
    marks: referenceMarks(gains, config.activation),
    color,
  });
  const window =
    map.first > 0 || map.last < gains.length - 1 ? ` · gains ${map.first + 1}–${map.last + 1} of ${gains.length} (← → scroll)` : '';
  const seeds = config.seeds > 1 ? ` · mean of ${config.seeds} seeds` : '';
  return (
    <>
      <Text wrap="truncate">
        <Text bold>Mean test accuracy</Text>, depth × gain · {config.layers[1]} units per hidden layer{seeds}
        {window}
      </Text>
      <Text>{map.lines.join('\n')}</Text>
      <Text> </Text>
      {heatLegend(color).map((line, k) => (
        <Text key={k} wrap="truncate">
          {line}
        </Text>
      ))}
    </>
  );
}

/** The 1-D sweep: final test accuracy and final cost against gain, on a log axis. */
function PlotBody({ state, cells, columns, rows, color }: SweepViewProps & { readonly cells: readonly CellResult[] }) {
  const { config } = state;
  const gains = sweepGains(config);
  const first = gains[0]!;
  const last = gains[gains.length - 1]!;
  const at = (g: number) => logPosition(g, first, last);
  const width = columns - 2;
  const ticks = tickGains(gains, Math.floor(plotWidth(width) / 7)).map((g) => ({ at: at(g), label: gainLabel(g) }));
  const marks = referenceGains(config.activation)
    .filter((r) => r.gain >= first && r.gain <= last)
    .map((r) => ({
      at: at(r.gain),
      label: `${r.name} ${r.label}`,
    }));
  const cursor = at(gains[cursorOf(state.selected, config).col] ?? first);
  const heights = plotHeights(rows);
  const points = (pick: (c: CellResult) => { mean: number; min: number; max: number }): GainPoint[] =>
    cells.map((c) => {
      const s = pick(c);
      return c.averaged.length > 0 && c.diverged === 0
        ? { at: at(c.cell.gain), mean: s.mean, min: s.min, max: s.max }
        : { at: at(c.cell.gain), diverged: c.diverged > 0 };
    });
  const acc = points((c) => c.summary.testAccuracy);
  const accLow = Math.min(0.5, ...acc.flatMap((p) => (p.min !== undefined ? [Math.floor(p.min * 10) / 10] : [])));
  const costs = points((c) => c.summary.finalCost);
  const finite = costs.flatMap((p) => [p.min, p.max].filter((x): x is number => x !== undefined && Number.isFinite(x) && x > 0));
  const costRange: [number, number] = finite.length > 0 ? [Math.min(...finite) / 1.2, Math.max(...finite) * 1.2] : [0.01, 1];
  const common = { width, ticks, cursor, color, lineColor: 'cyan' as const };
  const spread = config.seeds > 1 ? ` · ● mean of ${config.seeds} seeds, │ their range` : '';
  return (
    <>
      <Text wrap="truncate">
        <Text bold>Final test accuracy</Text> against gain (log axis) · {config.layers.join('-')}
        {spread} · {paint('┊', color, 'yellow')} He, Xavier
        {referenceGains(config.activation).length > 2 ? `, ${config.activation}'s gain` : ''}
      </Text>
      <Text>
        {drawGainPlot({
          ...common,
          points: acc,
          height: heights.accuracy,
          range: [accLow, 1],
          format: (y) => `${Math.round(y * 100)}%`,
          marks,
          divergedAt: 'bottom',
        }).join('\n')}
      </Text>
      <Text wrap="truncate">
        <Text bold>Final cost</Text> (log scale) · × a seed diverged (not averaged)
      </Text>
      <Text>
        {drawGainPlot({
          ...common,
          points: costs,
          height: heights.cost,
          range: costRange,
          log: true,
          format: (y) => String(Number(y.toPrecision(3))),
          marks,
          markLabels: true,
          divergedAt: 'top',
        }).join('\n')}
      </Text>
    </>
  );
}

/**
 * A gain sweep, live: a 1-D sweep as accuracy and cost against gain, a 2-D one
 * as a depth × gain map; cells fill in as their models finish. Under it, the
 * progress (models done, time left) and the cell under the cursor.
 */
export function SweepView(p: SweepViewProps) {
  const { state } = p;
  const { config } = state;
  const { elapsed } = p;
  const cells = cellResults(
    config,
    state.runs.map((r) => r.result),
  );
  // The theory depends on the config and the data alone: once per sweep, not per frame.
  const theories = useMemo(() => cellTheories(config, state.data.train), [config, state.data.train]);
  const runsPerCell = config.seeds;
  const fraction = workDone(state.runs, config.iterations, (k) => cells[Math.floor(k / runsPerCell)]?.cell.layers ?? config.layers);
  const ended = state.runs.filter((r) => r.result !== undefined).length;
  const barWidth = Math.max(10, Math.min(40, p.columns - 70));
  const bar = progressBar(fraction, barWidth);
  const selected = cells[state.selected] ?? cells[0];
  const theory = theories[state.selected];
  // The cursor's cell, wrapped on the rows it has (the last one cut only past them).
  const said = selected ? `❯ ${cellReadout(selected, config.sweep?.depth !== undefined, theory && predictionText(theory))}` : '';
  const readout = said === '' ? [''] : wrapAtMost(said, p.columns, readoutRows(config, p.rows));
  return (
    <Box flexDirection="column">
      <Box borderStyle="round" borderColor="gray" flexDirection="column" width={p.columns}>
        {config.sweep?.depth ? <MapBody {...p} cells={cells} theories={theories} /> : <PlotBody {...p} cells={cells} />}
      </Box>
      <Text wrap="truncate">
        {paint(bar.done, p.color, 'cyan')}
        {paint(bar.todo, p.color, 'gray')} {progressText(ended, state.runs.length, fraction, elapsed)}
      </Text>
      {readout.map((line, k) => (
        <Text key={k} wrap="truncate">
          {line}
        </Text>
      ))}
    </Box>
  );
}
