import { Box, Text } from 'ink';
import type { ExperimentConfig } from '../../../core/config.js';
import { figure, fit, integer, share } from '../../../results/format.js';
import { sparkline, sparkTop } from '../../charts/sparkline.js';
import { statusOf, type RunView } from '../../state/runs.js';
import { paint, schemeColor } from '../../chrome/theme.js';
import { ViewTitle } from '../../chrome/ViewTitle.js';

export interface WhyViewProps {
  readonly run: RunView;
  readonly index: number;
  readonly total: number;
  readonly config: ExperimentConfig;
  readonly width: number;
  /** Rows for this view (header and footer excluded): a deep network folds its middle layers to fit. */
  readonly height: number;
  readonly paused: boolean;
  readonly color: boolean;
}

/**
 * The "why" of a run, live: per layer the weight and gradient norms over time,
 * how many units are really distinct, how many ReLUs are dead; the share of
 * saturated sigmoid outputs; and what those numbers say in plain words.
 */
export function WhyView({ run, index, total, config, width, height, paused, color }: WhyViewProps) {
  const last = run.diag[run.diag.length - 1];
  const title = `${paint(run.scheme, color, schemeColor(run.scheme, index))} (run ${index + 1} of ${total}) · ${statusOf(run, paused)} · why it learns, or not`;
  if (!last) {
    return (
      <Box flexDirection="column">
        <ViewTitle>{title}</ViewTitle>
        <Text dimColor>no diagnostics yet: they arrive while the run trains (a finished run keeps its last ones).</Text>
      </Box>
    );
  }
  const spark = Math.max(8, Math.min(40, Math.floor((width - 60) / 2)));
  // A sweep's cell may have its own network.
  const sizes = run.layers ?? config.layers;
  const L = sizes.length - 1;
  // One zero-based scale per column: every layer's |W| sparkline against the largest |W|, and so for |∇W|.
  const wHists = last.d.layers.map((_, l) => run.diag.map((p) => p.d.layers[l]!.weightNorm));
  const gHists = last.d.layers.map((_, l) => run.diag.map((p) => p.d.layers[l]!.gradNorm));
  const wTop = sparkTop(wHists);
  const gTop = sparkTop(gHists);
  // Each sparkline column's heading is its scale: from 0 to the largest value of any layer.
  const head = `${fit('layer', 12)} ${fit('units', 5, 'right')} ${fit('distinct', 8, 'right')} ${fit('dead', 5, 'right')}  ${fit('|W|', 9, 'right')} ${fit(`0–${figure(wTop)}`, spark)}  ${fit('|∇W|', 9, 'right')} ${fit(`0–${figure(gTop)}`, spark)}`;
  const rows = last.d.layers.map((layer, l) => {
    const name = `W${l + 1} ${sizes[l]}→${sizes[l + 1]}`;
    const hidden = l < L - 1;
    const wHist = wHists[l]!;
    const gHist = gHists[l]!;
    return (
      `${fit(name, 12)} ${fit(String(layer.units), 5, 'right')} ${fit(hidden ? String(layer.distinct) : '–', 8, 'right')} ` +
      `${fit(hidden ? share(layer.dead) : '–', 5, 'right')}  ${fit(figure(layer.weightNorm), 9, 'right')} ${fit(sparkline(wHist, spark, wTop), spark)}  ` +
      `${fit(figure(layer.gradNorm), 9, 'right')} ${fit(sparkline(gHist, spark, gTop), spark)}`
    );
  });
  const satHist = run.diag.map((p) => p.d.saturated);
  const hiddenLayers = last.d.layers.slice(0, -1);
  const symmetric = hiddenLayers.filter((h) => h.distinct === 1 && h.units > 1);
  const says: string[] = [];
  // NaN or ∞ weights are all "the same" to the symmetry meter, and dead and saturated to the rest: divergence, not symmetry.
  const overflowed = last.d.layers.some((l) => !Number.isFinite(l.weightNorm));
  if (overflowed) {
    says.push(
      'The weights are no longer finite (NaN or ∞): the run diverged. Its steps grew until the weights overflowed (a smaller learning rate avoids it), so the other figures here say nothing about learning.',
    );
  } else if (symmetric.length === hiddenLayers.length && hiddenLayers.length > 0) {
    says.push(
      'Symmetry never broke: in every hidden layer all units are one and the same (distinct 1), and so are their gradients; the network is as strong as one unit per layer.',
    );
  } else if (symmetric.length > 0) {
    says.push(`${symmetric.length} hidden layer(s) still have a single distinct unit: symmetry there is not broken.`);
  } else {
    says.push('Symmetry is broken: the hidden units differ, so each can learn its own feature.');
  }
  if (!overflowed && last.d.saturated > 0.5)
    says.push(
      `The sigmoid is saturated on ${share(last.d.saturated)} of the points: its slope is nearly 0 there, so they barely teach anything (large weights do this).`,
    );
  const dead = hiddenLayers.reduce((a, h) => a + h.dead * h.units, 0);
  if (!overflowed && dead > 0)
    says.push(`${dead} hidden unit(s) are dead (their ${config.activation} has slope 0 on every point) and no longer learn.`);
  const firstGrad = last.d.layers[0]!.gradNorm;
  const lastGrad = last.d.layers[last.d.layers.length - 1]!.gradNorm;
  if (Number.isFinite(firstGrad) && Number.isFinite(lastGrad) && lastGrad > 0 && firstGrad / lastGrad < 1e-3) {
    says.push('The first layer receives almost no gradient: the signal fades on its way back (vanishing gradients).');
  }
  // Title, subtitle, the frame's borders, its heading and the sigmoid's line, and what the numbers say (wrapped).
  const said = says.reduce((n, line) => n + Math.ceil((line.length + 2) / Math.max(1, width)), 0);
  const shown = foldRows(rows, Math.max(3, height - 6 - said));
  // The figures' iteration and the sparklines' span; at 80 columns the short form, which drops the
  // "at iteration" when it is the span's end.
  const span = `${integer(run.diag[0]!.at)}–${integer(last.at)}`;
  const subtitle = `at iteration ${integer(run.diag[run.diag.length - 1]!.at)}; sparklines cover iterations ${span}${SCALE_NOTE}`;
  return (
    <Box flexDirection="column">
      <ViewTitle>{title}</ViewTitle>
      <Text dimColor wrap="truncate">
        {subtitle.length <= width ? subtitle : `sparklines: iterations ${span}${SCALE_NOTE}`}
      </Text>
      <Box borderStyle="round" borderColor="gray" flexDirection="column">
        <Text bold wrap="truncate">
          {head}
        </Text>
        {shown.map((r, k) => (
          <Text key={k} wrap="truncate">
            {r}
          </Text>
        ))}
        <Text wrap="truncate">
          {fit('sigmoid out', 12)} saturated on {fit(share(last.d.saturated), 4, 'right')} of the points {sparkline(satHist, spark, 1)}
        </Text>
      </Box>
      {says.map((line, k) => (
        <Text key={k} wrap="wrap">
          · {line}
        </Text>
      ))}
    </Box>
  );
}

/** What the sparklines' scales are: zero-based, one per column (its range in the column's heading), a blank for zero. */
export const SCALE_NOTE = ', from 0 (blank), one scale per column';

/** At most `room` rows: the first and the last layers, and one line that says how many are folded between them. */
export function foldRows(rows: readonly string[], room: number): string[] {
  if (rows.length <= room) return [...rows];
  const keep = Math.max(2, room - 1);
  const first = Math.ceil(keep / 2);
  const last = keep - first;
  return [
    ...rows.slice(0, first),
    `… layers ${first + 1}–${rows.length - last} folded here (a taller terminal shows them)`,
    ...rows.slice(rows.length - last),
  ];
}
