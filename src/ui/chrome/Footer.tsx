import { Text } from 'ink';

export interface FooterProps {
  readonly hints: string;
}

/** The key hints for the current view (keys.ts's footerHints), or a passing notice, on one line. */
export function Footer({ hints }: FooterProps) {
  return (
    <Text dimColor wrap="truncate">
      {hints}
    </Text>
  );
}
