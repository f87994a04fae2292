import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import { useMemo } from 'react';
import { recordEvery, type ExperimentConfig } from '../../../core/config.js';
import { costPoints, SHOWN_COSTS, type CostPoint } from '../../../core/experiment.js';
import type { Dataset } from '../../../core/datasets.js';
import { cost, integer, percent, seconds } from '../../../results/format.js';
import { verdict } from '../../../results/verdict.js';
import { macsPerPoint, SNAPSHOT_BUDGET } from '../../../engine/boundary.js';
import { mapLegend, renderDecisionMap, renderSnapshot } from '../../charts/decision-map.js';
import { LossChart } from '../../charts/LossChart.js';
import { doneOf, failureOf, statusOf, type RunView } from '../../state/runs.js';
import { paint, schemeColor } from '../../chrome/theme.js';
import { ViewTitle } from '../../chrome/ViewTitle.js';

export interface DetailViewProps {
  readonly run: RunView;
  readonly index: number;
  readonly total: number;
  readonly config: ExperimentConfig;
  readonly train: Dataset;
  readonly width: number;
  /** Rows available for this view (header and footer excluded). */
  readonly height: number;
  readonly paused: boolean;
  readonly logScale: boolean;
  readonly fullRange?: boolean;
  readonly color: boolean;
  /** What the title calls the run, instead of "scheme (run i of n)" (a sweep's cell). */
  readonly label?: string;
}

/** The recorded costs (every `config.every` iterations), from the result or, while training, the trace. */
export function recordedCosts(run: RunView, every: number): readonly CostPoint[] {
  const done = doneOf(run);
  // A long compact record (DoneRun.recorded): its first SHOWN_COSTS, more than a screen of rows can show.
  if (done) return done.recorded ? costPoints(done.recorded.subarray(0, SHOWN_COSTS), every) : done.costs;
  return run.trace.filter(([i]) => i % every === 0);
}

/** Columns of one "iteration  cost" cell of the printout, its gap included. */
const COST_CELL = 21;

/** "Cost after iteration i" cells laid out in as many columns as fit. */
function costGrid(costs: readonly CostPoint[], width: number): string[] {
  const cell = (p: CostPoint) => `${integer(p[0]).padStart(7)}  ${cost(p[1]).padEnd(9)}`;
  const cols = Math.max(1, Math.floor(width / COST_CELL));
  const rows = Math.ceil(costs.length / cols);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < cols; c++) {
      const p = costs[c * rows + r];
      if (p) line += `${cell(p)}   `;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** One run up close: its cost chart, the notebook's printout, and its decision boundary. */
export function DetailView(p: DetailViewProps) {
  const { run, config } = p;
  const status = statusOf(run, p.paused);
  const res = doneOf(run);
  const name = (long: boolean): string =>
    p.label ??
    `${paint(run.scheme, p.color, schemeColor(run.scheme, p.index))} ${long ? `(run ${p.index + 1} of ${p.total})` : `(${p.index + 1}/${p.total})`}`;
  // Long, short (run 3/3, cost) at 80 columns, and without the compute time at 60.
  const titleOf = (long: boolean, time = true): string =>
    `${name(long)} · ${status}` +
    (res
      ? ` · train ${percent(res.trainAccuracy)} · test ${percent(res.testAccuracy)} · ${long ? 'final cost' : 'cost'} ${cost(res.finalCost)}${time ? ` · ${seconds(res.seconds)}` : ''}`
      : ` · iteration ${integer(run.iteration)} of ${integer(config.iterations)} · cost ${run.costAt < 0 ? '–' : cost(run.cost)}`);
  // "❮ " and the title within the width.
  const title = [titleOf(true), titleOf(false), titleOf(false, false)].find((t) => stringWidth(t) + 2 <= p.width) ?? titleOf(false, false);

  const body = Math.max(8, p.height - 2);
  const mapCols = Math.max(10, Math.min(Math.round(Math.max(4, body - 4) * 2.2), Math.floor(p.width * 0.5) - 2));
  // The legend names both classes in words and shapes (no colour needed): one line, or two when narrow.
  const legend = mapLegend(p.color, mapCols);
  const mapRows = Math.max(4, body - 3 - legend.length);
  const leftWidth = Math.max(20, p.width - mapCols - 2);
  const every = recordEvery(config);
  const recorded = recordedCosts(run, every);
  const gridRows = Math.max(1, body - 12);
  // Every recorded cost where they fit; else every k-th, k the smallest that fits in gridRows
  // (iteration 0 and the multiples of every·k), so the printout still spans the run instead
  // of stopping part-way with "more rows".
  const perRow = Math.max(1, Math.floor((leftWidth - 2) / COST_CELL));
  const stride = Math.max(1, Math.ceil(recorded.length / (gridRows * perRow)));
  const costs = stride === 1 ? recorded : recorded.filter((_, k) => k % stride === 0);
  const grid = costGrid(costs, leftWidth - 2);
  // Fewer than four costs would not say how the run went (at 60×20, iteration 0 alone): the
  // chart takes those rows instead.
  const printout = gridRows * perRow >= 4;
  // The chart's frame, title and x axis (4) and one note line, the printout's frame and title (3).
  const plotRows = Math.max(3, body - (printout ? Math.max(1, grid.length) + 3 : 0) - 5);
  const live = res ? undefined : run.boundary;
  const map = useMemo(() => {
    // A trained network drawn exactly when that is cheap; else (a wide one: its forward pass over
    // every cell would stall the screen) the worker's last snapshot, as while it trained.
    if (res && (macsPerPoint(res.params.layers) * mapCols * mapRows * 2 <= SNAPSHOT_BUDGET || !run.boundary))
      return renderDecisionMap(res.params, p.train, mapCols, mapRows, p.color);
    const b = run.boundary;
    return b ? renderSnapshot(b, p.train, mapCols, mapRows, p.color) : undefined;
  }, [res, run.boundary, p.train, mapCols, mapRows, p.color]);

  return (
    <Box flexDirection="column">
      <ViewTitle>{title}</ViewTitle>
      <Text wrap="truncate" dimColor>
        {verdict(run.result)}
      </Text>
      <Box>
        <Box flexDirection="column" width={leftWidth}>
          <LossChart
            title="Cost"
            series={[{ label: run.scheme, color: schemeColor(run.scheme, p.index), points: run.trace }]}
            iterations={config.iterations}
            width={leftWidth - 2}
            plotRows={plotRows}
            logScale={p.logScale}
            fullRange={p.fullRange}
            color={p.color}
            focused={false}
            maxNotes={1}
          />
          {printout && (
            <Box borderStyle="round" borderColor="gray" flexDirection="column">
              <Text bold wrap="truncate">
                Cost every {integer(every * stride)} iterations
                {stride > 1 ? <Text dimColor> (thinned to fit)</Text> : null}
              </Text>
              {grid.map((line, k) => (
                <Text key={k} wrap="truncate">
                  {line}
                </Text>
              ))}
              {grid.length === 0 && <Text dimColor>no cost recorded yet</Text>}
            </Box>
          )}
        </Box>
        <Box borderStyle="round" borderColor="gray" flexDirection="column" width={mapCols + 2}>
          <Text bold wrap="truncate">
            Decision boundary{live ? <Text dimColor> · live, iteration {integer(live.at)}</Text> : null}
          </Text>
          {/* One text node for the whole map: its lines fit already, and Ink's per-line
              width and truncation over escape codes cost more than the drawing. */}
          {map ? (
            <Text>{map.join('\n')}</Text>
          ) : (
            Array.from({ length: mapRows }, (_, k) => (
              <Text key={k} dimColor wrap="truncate">
                {k === Math.floor(mapRows / 2)
                  ? failureOf(run) !== undefined
                    ? '  no result: the run failed'
                    : '  waiting for the first snapshot…'
                  : ' '}
              </Text>
            ))
          )}
          {legend.map((line, k) => (
            <Text key={`l${k}`} wrap="truncate" dimColor>
              {line}
            </Text>
          ))}
        </Box>
      </Box>
    </Box>
  );
}
