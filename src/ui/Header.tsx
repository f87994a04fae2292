import { Box, Text } from 'ink';
import type { ExperimentConfig } from '../core/config.js';
import { sweepText } from '../core/sweep.js';
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

/** A sweep in the header: "sweep gain=0.1..10:9,depth=1..6" or, 1-D, "sweep gain=0.5..4:3 on 2-10-5-1". */
function sweepOf(config: ExperimentConfig): string {
  const text = sweepText(config.sweep!);
  return config.sweep!.depth ? `sweep ${text}` : `sweep ${text} on ${config.layers.join('-')}`;
}

/** One line: the experiment on the left, the race's state and pace on the right. */
export function Header({ config, status, pace, secondsLeft, color }: HeaderProps) {
  const experiment =
    `${config.dataset} · ${config.sweep ? sweepOf(config) : `layers ${config.layers.join('-')}`} · lr ${config.learningRate} · ` +
    `${integer(config.iterations)} iterations · seed ${config.seed}${config.sweep && config.seeds > 1 ? `…${config.seed + config.seeds - 1}` : ''}`;
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
