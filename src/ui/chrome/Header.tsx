import { Box, Text } from 'ink';
import { headerParts, type ExperimentConfig } from '../../core/config.js';
import { fit, integer } from '../../results/format.js';

export interface HeaderProps {
  readonly config: ExperimentConfig;
  readonly status: string;
  /** Iterations per second per run; 0 = max. */
  readonly pace: number;
  /** Seconds until the race ends, when known. */
  readonly secondsLeft: number | undefined;
  readonly color: boolean;
  /** Columns of the line. */
  readonly width: number;
}

/** "7 s left", "1 min 05 s left", "2 h 05 min left". */
export function leftText(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s left`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s left`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor(s / 60) % 60).padStart(2, '0')} min left`;
}

/**
 * As many whole parts of the experiment as fit `room` columns, in order: a part
 * is dropped, not cut, so "lr 0.01" never reads "lr 0.0…". Only a first part
 * too long on its own is cut.
 */
export function fitParts(parts: readonly string[], room: number): string {
  let text = '';
  for (const part of parts) {
    const next = text === '' ? part : `${text} · ${part}`;
    if (next.length > room) return text === '' ? fit(part, Math.max(0, room)) : text;
    text = next;
  }
  return text;
}

/** One line: the experiment on the left, the race's state and pace on the right. */
export function Header({ config, status, pace, secondsLeft, color, width }: HeaderProps) {
  const state = `${status} · pace ${pace === 0 ? 'max' : `${integer(pace)} it/s`}${secondsLeft !== undefined ? ` · ${leftText(secondsLeft)}` : ''}`;
  const experiment = fitParts(headerParts(config), width - 'init-tui  '.length - state.length - 1);
  // The race's state always shows whole; the experiment gives way (cut with …) when the line is short.
  return (
    <Box>
      <Box flexGrow={1} flexShrink={1} minWidth={0}>
        <Text wrap="truncate">
          <Text bold {...(color ? { color: 'cyan' } : {})}>
            init-tui
          </Text>
          {'  '}
          {experiment}
        </Text>
      </Box>
      <Box flexShrink={0} marginLeft={1}>
        <Text>{state}</Text>
      </Box>
    </Box>
  );
}
