import { Box, Text } from 'ink';
import type { ExperimentConfig } from '../../../core/config.js';
import { paint, schemeColor } from '../../chrome/theme.js';
import { ViewTitle } from '../../chrome/ViewTitle.js';
import type { SchemeGroup } from '../../state/selectors.js';
import { signalRuns, signalScreen } from './signal-layout.js';

export interface SignalViewProps {
  readonly groups: readonly SchemeGroup[];
  /** The highlighted scheme: its block is shown, and its histograms. */
  readonly selected: number;
  readonly config: ExperimentConfig;
  readonly width: number;
  /** Rows for this view (header and footer excluded). */
  readonly height: number;
  readonly color: boolean;
}

/**
 * The signal through the layers, per scheme: its second moment forward and
 * the gradient's backward, measured at iteration 0 and now against the
 * mean-field theory, on a log axis; and the selected scheme's layer outputs
 * as histograms. Live while the race runs.
 */
export function SignalView({ groups, selected, config, width, height, color }: SignalViewProps) {
  // signalScreen counts every row it draws, the title and the histograms' heading included, and
  // leaves one blank row above the footer; `height` is the body less one (registry.tsx), so +1.
  const s = signalScreen(signalRuns(groups, config.iterations), selected, width, height + 1);
  const more = s.hidden > 0 ? ` · ${s.hidden} more scheme${s.hidden === 1 ? '' : 's'} (↑↓)` : '';
  const chosen = groups[selected]?.scheme ?? '';
  return (
    <Box flexDirection="column">
      <ViewTitle>
        signal · {config.activation}
        {more} · {s.legend}
      </ViewTitle>
      {s.blocks.map(({ run, block }) => (
        <Box key={run.scheme} flexDirection="column">
          <Text wrap="truncate">
            <Text bold inverse={run.index === selected}>
              {paint(run.scheme, color, schemeColor(run.scheme, run.index))}
            </Text>
            <Text dimColor>{block.title.slice(run.scheme.length)}</Text>
          </Text>
          {block.lines.map((l, k) => (
            <Text key={k} wrap="truncate" dimColor={k === 0}>
              {l}
            </Text>
          ))}
        </Box>
      ))}
      <Text wrap="truncate" bold>
        {chosen}
        {width >= 100
          ? ": each layer's outputs a_l, how they spread (block height = share of the values in the bin)"
          : ": each layer's outputs a_l (block height = share of values per bin)"}
      </Text>
      {s.histogram.map((l, k) => (
        <Text key={`h${k}`} wrap="truncate" dimColor={k === 0}>
          {l}
        </Text>
      ))}
    </Box>
  );
}
