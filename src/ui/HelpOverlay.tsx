import { Box, Text } from 'ink';
import { helpRows } from './keys.js';
import type { View } from './state.js';

export interface HelpOverlayProps {
  /** The view behind the overlay: its keys are the ones listed. */
  readonly view: View;
  readonly width: number;
}

/** The keys of the view behind it, with what they do, in a frame (from the key table). */
export function HelpOverlay({ view, width }: HelpOverlayProps) {
  const rows = helpRows(view);
  const keyWidth = Math.max(...rows.map(([k]) => k.length)) + 3;
  return (
    <Box borderStyle="double" flexDirection="column" paddingX={1} width={Math.min(width, 92)}>
      <Text bold>Keys</Text>
      {rows.map(([k, what]) => (
        <Text key={`${k} ${what}`} wrap="truncate">
          <Text bold>{k.padEnd(keyWidth)}</Text>
          {what}
        </Text>
      ))}
      <Text wrap="wrap" dimColor>
        zeros never breaks symmetry; random ×10 starts at an infinite cost; He is scaled for ReLU.
      </Text>
    </Box>
  );
}
