import { Box, Text } from 'ink';
import { fit } from '../../../results/format.js';
import type { View } from '../registry.js';

export interface HelpOverlayProps {
  /** The view behind the overlay. */
  readonly view: View;
  /** Its keys, with what they do (input/keys.ts helpRows). */
  readonly rows: readonly (readonly [string, string])[];
  readonly width: number;
  /** Rows the overlay may take, frame included. */
  readonly height: number;
}

/** Rows of the frame beside the keys: borders, title, the lesson line. */
const FRAME_ROWS = 4;

/**
 * The keys of the view behind it, with what they do, in a frame (from the key
 * table). Where the terminal is too short for one column, two columns.
 */
export function HelpOverlay({ view, rows, width, height }: HelpOverlayProps) {
  const boxWidth = Math.min(width, 92);
  const inner = boxWidth - 4;
  const columns = rows.length + FRAME_ROWS > height && inner >= 40 ? 2 : 1;
  const perColumn = Math.ceil(rows.length / columns);
  const cellWidth = Math.floor((inner - (columns - 1) * 2) / columns);
  const keyWidth = Math.max(...rows.map(([k]) => k.length)) + 2;
  const cell = (row: readonly [string, string] | undefined): string =>
    row ? `${row[0].padEnd(keyWidth)}${fit(row[1], cellWidth - keyWidth)}` : ''.padEnd(cellWidth);
  const lines = Array.from({ length: perColumn }, (_, r) =>
    Array.from({ length: columns }, (_, c) => cell(rows[c * perColumn + r])).join('  '),
  );
  return (
    <Box borderStyle="double" flexDirection="column" paddingX={1} width={boxWidth}>
      <Text bold>Keys</Text>
      {lines.map((line, k) => (
        <Text key={k} wrap="truncate">
          {line}
        </Text>
      ))}
      {/* The lesson line goes first when the terminal is short. */}
      {Math.ceil(rows.length / columns) + FRAME_ROWS <= height && (
        <Text wrap="truncate" dimColor>
          {view === 'sweep'
            ? 'Xavier is gain 1, He gain √2: the map shows which gains train at which depth.'
            : 'zeros never breaks symmetry; random ×10 starts at an infinite cost; He is scaled for ReLU.'}
        </Text>
      )}
    </Box>
  );
}
