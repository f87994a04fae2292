import { Box, Text } from 'ink';
import type { ExperimentConfig } from '../core/config.js';
import { integer } from '../results/format.js';

export interface HeaderProps {
  readonly config: ExperimentConfig;
  readonly status: string;
  /** Iterations per second per run; 0 = max. */
  readonly pace: number;
  /** Seconds until the race ends, when known. */
  readonly secondsLeft: number | undefined;
  readonly color: boolean;
}

/** "7 s left", "1 min 05 s left". */
export function leftText(seconds: number): string {
  const s = Math.ceil(seconds);
  return s < 60 ? `${s} s left` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s left`;
}

/** One line: the experiment on the left, the race's state and pace on the right. */
export function Header({ config, status, pace, secondsLeft, color }: HeaderProps) {
  const experiment =
    `${config.dataset} · layers ${config.layers.join('-')} · lr ${config.learningRate} · ` +
    `${integer(config.iterations)} iterations · seed ${config.seed}`;
  const state = `${status} · pace ${pace === 0 ? 'max' : `${integer(pace)} it/s`}${secondsLeft !== undefined ? ` · ${leftText(secondsLeft)}` : ''}`;
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
