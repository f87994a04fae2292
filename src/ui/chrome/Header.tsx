import { Box, Text } from 'ink';
import { NAME, type HeaderLayout } from './frame.js';

export interface HeaderProps {
  /** What the lines say (frame.ts's headerLayout: the settings on one line or two, and the race's state). */
  readonly layout: HeaderLayout;
  readonly color: boolean;
}

/** The experiment on the left (wrapped to a second line when narrow), the race's state and pace on the right. */
export function Header({ layout, color }: HeaderProps) {
  return (
    <Box flexDirection="column" flexShrink={0}>
      <Box>
        <Box flexGrow={1} flexShrink={1} minWidth={0}>
          <Text wrap="truncate">
            <Text bold {...(color ? { color: 'cyan' } : {})}>
              {NAME}
            </Text>
            {'  '}
            {layout.experiment}
          </Text>
        </Box>
        <Box flexShrink={0} marginLeft={1}>
          <Text>{layout.state}</Text>
        </Box>
      </Box>
      {layout.more !== undefined && <Text wrap="truncate">{layout.more}</Text>}
    </Box>
  );
}
