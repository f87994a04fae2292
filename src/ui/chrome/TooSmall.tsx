import { Box, Text } from 'ink';

export interface TooSmallProps {
  readonly columns: number;
  readonly rows: number;
  readonly needColumns: number;
  readonly needRows: number;
}

/** Shown instead of a broken layout; it goes away as soon as the terminal is big enough. */
export function TooSmall({ columns, rows, needColumns, needRows }: TooSmallProps) {
  return (
    <Box flexDirection="column">
      <Text wrap="wrap">
        Terminal too small: {columns}×{rows}.
      </Text>
      <Text wrap="wrap">
        init-tui needs {needColumns}×{needRows}.
      </Text>
      <Text wrap="wrap">Enlarge it, or press q.</Text>
    </Box>
  );
}
