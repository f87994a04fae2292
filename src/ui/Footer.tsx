import { Text } from 'ink';

export interface FooterProps {
  readonly hints: string;
}

/** The key hints for the current view, on one line. */
export function Footer({ hints }: FooterProps) {
  return (
    <Text dimColor wrap="truncate">
      {hints}
    </Text>
  );
}

export const RACE_HINTS = '↑↓ move · Enter open · Tab panel · space pause · n step · +/- pace · l log · r restart · e export · ? help · q quit';
export const DETAIL_HINTS = 'Esc back · ↑↓ other run · l log · space pause · r restart · ? help · q quit';
export const HELP_HINTS = 'Esc or ? close · q quit';
