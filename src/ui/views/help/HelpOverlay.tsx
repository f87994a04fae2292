import { Box, Text } from 'ink';
import type { View } from '../registry.js';
import { helpLayout, scrollNote } from './help-layout.js';

export interface HelpOverlayProps {
  /** The view behind the overlay. */
  readonly view: View;
  /** Its keys, with what they do (input/keys.ts helpRows). */
  readonly rows: readonly (readonly [string, string])[];
  readonly width: number;
  /** Rows the overlay may take, frame included. */
  readonly height: number;
  /** The first line shown (the reducer's helpScroll; held within the lines here too). */
  readonly scroll?: number;
}

/**
 * The keys of the view behind it, with what they do, in a frame (from the key
 * table): every description whole, wrapped; where they do not all fit, a window
 * that scrolls, and the title says which lines show and that there is more.
 */
export function HelpOverlay({ view, rows, width, height, scroll = 0 }: HelpOverlayProps) {
  const l = helpLayout(rows, width, height, view);
  const first = Math.min(Math.max(0, scroll), l.max);
  const note = scrollNote(first, l.visible, l.lines.length);
  return (
    <Box borderStyle="double" flexDirection="column" paddingX={1} width={l.boxWidth} flexShrink={0}>
      <Text wrap="truncate">
        <Text bold>Keys</Text>
        {note !== '' && <Text dimColor>{`  ${note}`}</Text>}
      </Text>
      {l.lines.slice(first, first + l.visible).map((line, k) => (
        <Text key={k} wrap="truncate" dimColor={first + k >= l.lessonFrom}>
          {line === '' ? ' ' : line}
        </Text>
      ))}
    </Box>
  );
}
