import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import { laneText } from './lane.js';
import type { RunView } from './state.js';

export interface RunListProps {
  readonly runs: readonly RunView[];
  readonly iterations: number;
  readonly paused: boolean;
  readonly selected: number;
  readonly isFocused: boolean;
  /** Changes when the list must re-mount on `selected` (a digit key, a restart). */
  readonly resetKey: string;
  readonly width: number;
  readonly color: boolean;
  readonly onHighlight: (run: number) => void;
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
 * The lanes, one per run, as an ink-select-input list: ↑/↓ and j/k move the
 * cursor. Enter and the digits are the App's keys (it owns the selection).
 */
export function RunList({ runs, iterations, paused, selected, isFocused, resetKey, width, color, onHighlight }: RunListProps) {
  const items = runs.map((run, k) => ({
    key: String(k),
    value: k,
    label: laneText(run, k, iterations, paused, width - 2, color),
  }));
  return (
    <Box borderStyle="round" borderColor={isFocused && color ? 'cyan' : 'gray'} flexDirection="column" paddingX={0}>
      <SelectInput
        key={resetKey}
        items={items}
        initialIndex={selected}
        isFocused={isFocused}
        indicatorComponent={Indicator}
        itemComponent={Item}
        onHighlight={(item) => onHighlight(item.value)}
      />
    </Box>
  );
}
