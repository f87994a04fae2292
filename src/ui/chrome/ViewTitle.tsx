import { Text } from 'ink';
import type { ReactNode } from 'react';

export interface ViewTitleProps {
  readonly children: ReactNode;
}

/** The first line of a view opened from the race ("❮" says Esc goes back). */
export function ViewTitle({ children }: ViewTitleProps) {
  return (
    <Text wrap="truncate">
      <Text bold>❮ </Text>
      {children}
    </Text>
  );
}
