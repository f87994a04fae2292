import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import { cost, fit, integer } from '../../results/format.js';
import { drawChart, type ChartOptions, type ChartSeries } from './chart.js';
import { paint } from '../chrome/theme.js';

/** The chart's options (its `height` is `plotRows`, its `width` the frame's inner width), and the frame's. */
export interface LossChartProps extends Omit<ChartOptions, 'height'> {
  readonly title: string;
  readonly series: readonly ChartSeries[];
  readonly plotRows: number;
  /** Whether the chart panel has the focus: its cursor shows only then. */
  readonly focused: boolean;
  /** At most this many note lines (∞, NaN, clipping). */
  readonly maxNotes?: number;
  /** Show the colour legend after the title (default true; a single-series chart names its scheme in the title). */
  readonly legend?: boolean;
}

/**
 * At most `max` lines of notes: each note whole where it fits the width, else in its short
 * form; when there are more notes than lines, the last line holds the rest, short, joined.
 */
export function noteLines(notes: readonly string[], short: readonly string[], width: number, max: number): string[] {
  if (max < 1 || notes.length === 0) return [];
  const pick = (k: number): string => (notes[k]!.length <= width ? notes[k]! : short[k]!);
  if (notes.length <= max) return notes.map((_, k) => pick(k));
  return [...notes.slice(0, max - 1).map((_, k) => pick(k)), short.slice(max - 1).join(' · ')];
}

/**
 * The title line's note of which curve hides under which, in `room` columns: every note long
 * where all fit, else short; short notes that still do not fit are counted instead ("1 more
 * (v)": v's small multiples hide nothing), never cut.
 */
export function hiddenNote(long: readonly string[], short: readonly string[], room: number): string {
  const join = (xs: readonly string[]): string => (xs.length > 0 ? `  · ${xs.join(' · ')}` : '');
  if (stringWidth(join(long)) <= room) return join(long);
  for (let n = short.length; n >= 0; n--) {
    const more = short.length - n;
    const text = join([...short.slice(0, n), ...(more > 0 ? [`${more} more (v)`] : [])]);
    if (stringWidth(text) <= room) return text;
  }
  return '';
}

/** The loss chart in a frame: title and legend, the plot, the x axis, notes. */
export function LossChart(p: LossChartProps) {
  const chart = drawChart(p.series, {
    width: p.width,
    height: p.plotRows,
    iterations: p.iterations,
    logScale: p.logScale,
    color: p.color,
    cursor: p.focused ? p.cursor : undefined,
    front: p.front,
    fullRange: p.fullRange,
  });
  const legend =
    (p.legend ?? true) === false
      ? ''
      : p.series
          .filter((s) => s.label !== '')
          .map((s) => `${paint('■', p.color, s.color)} ${s.label}`)
          .join('  ');
  const spread = p.series.some((s) => s.label === '') ? `  ${paint('■', p.color, 'gray')} spread of the seeds` : '';
  const scale = p.logScale ? 'log scale' : p.fullRange ? 'linear, full range' : 'linear';
  // Which curve runs under which: said beside the legend, so a curve out of sight is not taken for missing.
  const hidden = hiddenNote(chart.hidden, chart.hiddenShort, p.width - stringWidth(`${p.title} (${scale}) ${legend}${spread}`));
  const readout = chart.readout
    ? `iteration ${integer(chart.readout.iteration)}: ` +
      chart.readout.costs
        .flatMap((c, k) => (p.series[k]!.label === '' ? [] : [`${p.series[k]!.label} ${c === undefined ? '–' : cost(c)}`]))
        .join(' · ')
    : undefined;
  // A chart of one scheme (no legend: its title names it) drops the name from the short notes.
  const labels = p.series.map((s) => `${s.label}: `).filter((l) => l !== ': ');
  const short =
    (p.legend ?? true) ? chart.short : chart.short.map((n) => labels.reduce((t, l) => (t.startsWith(l) ? t.slice(l.length) : t), n));
  const notes = noteLines(chart.notes, short, p.width, p.maxNotes ?? 2);
  return (
    <Box borderStyle="round" borderColor={p.focused && p.color ? 'cyan' : 'gray'} flexDirection="column" width={p.width + 2} flexShrink={0}>
      <Text wrap="truncate">
        <Text bold>{p.title}</Text> ({scale}) {legend}
        {spread}
        {hidden}
      </Text>
      {/* One text node for the whole plot: drawChart already fits the width, and
          Ink's per-node width and truncation work over ANSI-heavy lines was most
          of the frame time (22 ms of 24, measured). */}
      <Text>{chart.lines.join('\n')}</Text>
      {readout !== undefined && <Text wrap="truncate">{fit(readout, p.width)}</Text>}
      {notes.map((n, k) => (
        <Text key={`n${k}`} wrap="truncate" dimColor>
          {n}
        </Text>
      ))}
    </Box>
  );
}
