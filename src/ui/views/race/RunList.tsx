import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import { laneText } from './lane.js';
import { windowStart } from './layout.js';
import type { RunView } from '../../state/runs.js';

export interface RunListProps {
  readonly runs: readonly RunView[];
  readonly iterations: number;
  readonly paused: boolean;
  /** Iterations per second per run (0 = max): lanes say whether they keep it. */
  readonly pace: number;
  readonly selected: number;
  /** Whether the runs panel has the focus (its frame is highlighted). */
  readonly isFocused: boolean;
  readonly width: number;
  readonly color: boolean;
  /** Lanes to show at most (a window around the selection); default all. */
  readonly shown?: number;
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
export function RunList({ runs, iterations, paused, pace, selected, isFocused, width, color, shown }: RunListProps) {
  // Too many schemes for the terminal: a window of lanes around the selection, and a line saying which.
  const count = Math.min(runs.length, shown ?? runs.length);
  const start = windowStart(runs.length, count, selected);
  const items = runs.slice(start, start + count).map((run, k) => ({
    key: String(start + k),
    value: start + k,
    label: laneText(run, start + k, iterations, paused, pace, width - 2, color),
  }));
  return (
    <Box borderStyle="round" borderColor={isFocused && color ? 'cyan' : 'gray'} flexDirection="column" paddingX={0}>
      <SelectInput
        key={selected}
        items={items}
        initialIndex={selected - start}
        isFocused={false}
        indicatorComponent={Indicator}
        itemComponent={Item}
      />
      {count < runs.length && (
        <Text dimColor wrap="truncate">
          {`  runs ${start + 1}–${start + count} of ${runs.length} · ↑↓ scroll`}
        </Text>
      )}
    </Box>
  );
}
