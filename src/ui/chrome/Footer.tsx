import { Box, Text } from 'ink';

export interface FooterProps {
  /** The key hints for the current view (frame.ts's footerLayout), or a passing notice: one line or two. */
  readonly lines: readonly string[];
}

/** The footer, on the terminal's last rows (the App fills the screen's height above it). */
export function Footer({ lines }: FooterProps) {
  return (
    <Box flexDirection="column" flexShrink={0}>
      {lines.map((line, k) => (
        <Text key={k} dimColor wrap="truncate">
          {line}
        </Text>
      ))}
    </Box>
  );
}
