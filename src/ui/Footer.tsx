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

export const RACE_HINTS = '↑↓ move · Enter open · w why · s settings · space pause · +/- pace · e export · ? help · q quit';
export const DETAIL_HINTS = 'Esc back · ↑↓ other run · w why · l log · space pause · r restart · ? help · q quit';
export const WHY_HINTS = 'Esc back · ↑↓ other run · space pause · n step · r restart · ? help · q quit';
export const HELP_HINTS = 'Esc or ? close · q quit';
export const SETTINGS_HINTS = '↑↓ field · type to edit · Backspace delete · Enter apply and restart · Esc cancel · Ctrl-C quit';
