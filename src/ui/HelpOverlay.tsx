import { Box, Text } from 'ink';
import { KEY_HELP } from './keys.js';

export interface HelpOverlayProps {
  readonly width: number;
}

/** Every key, with what it does, in a frame. */
export function HelpOverlay({ width }: HelpOverlayProps) {
  const keyWidth = Math.max(...KEY_HELP.map(([k]) => k.length)) + 3;
  return (
    <Box borderStyle="double" flexDirection="column" paddingX={1} width={Math.min(width, 92)}>
      <Text bold>Keys</Text>
      <Text> </Text>
      {KEY_HELP.map(([k, what]) => (
        <Text key={k} wrap="truncate">
          <Text bold>{k.padEnd(keyWidth)}</Text>
          {what}
        </Text>
      ))}
      <Text> </Text>
      <Text wrap="wrap" dimColor>
        zeros never breaks symmetry; random ×10 starts at an infinite cost; He is scaled for ReLU.
      </Text>
    </Box>
  );
}
