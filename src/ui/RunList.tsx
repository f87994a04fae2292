import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import { laneText } from './lane.js';
import type { RunView } from './state.js';

export interface RunListProps {
  readonly runs: readonly RunView[];
  readonly iterations: number;
  readonly paused: boolean;
  readonly selected: number;
  /** Whether the runs panel has the focus (its frame is highlighted). */
  readonly isFocused: boolean;
  readonly width: number;
  readonly color: boolean;
}

function Item({ label, isSelected }: { readonly label: string; readonly isSelected?: boolean }) {
  return (
    <Text wrap="truncate" bold={isSelected === true}>
      {label}
    </Text>
  );
}

function Indicator({ isSelected }: { readonly isSelected?: boolean }) {
  return <Text>{isSelected === true ? '❯' : ' '}</Text>;
}

/**
 * The lanes, one per run, as an ink-select-input list that shows the
 * selection the App owns. The App handles every key itself: ink-select-input
 * keeps its cursor in its own state and re-subscribes its key handler only
 * after the frame is drawn, so a second ↓ arriving quickly (a held key, a
 * script) was read against the stale cursor and lost (seen in a test). The
 * list re-mounts on the selection instead (cheap: a handful of rows).
 */
export function RunList({ runs, iterations, paused, selected, isFocused, width, color }: RunListProps) {
  const items = runs.map((run, k) => ({
    key: String(k),
    value: k,
    label: laneText(run, k, iterations, paused, width - 2, color),
  }));
  return (
    <Box borderStyle="round" borderColor={isFocused && color ? 'cyan' : 'gray'} flexDirection="column" paddingX={0}>
      <SelectInput
        key={selected}
        items={items}
        initialIndex={selected}
        isFocused={false}
        indicatorComponent={Indicator}
        itemComponent={Item}
      />
    </Box>
  );
}
