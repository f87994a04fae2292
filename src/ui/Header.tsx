import { Box, Text } from 'ink';
import type { ExperimentConfig } from '../core/config.js';
import { integer } from '../results/format.js';

export interface HeaderProps {
  readonly config: ExperimentConfig;
  readonly status: string;
  readonly pace: number;
  readonly color: boolean;
}

/** One line: the experiment on the left, the race's state and pace on the right. */
export function Header({ config, status, pace, color }: HeaderProps) {
  const experiment =
    `${config.dataset} · layers ${config.layers.join('-')} · lr ${config.learningRate} · ` +
    `${integer(config.iterations)} iterations · seed ${config.seed}`;
  return (
    <Box justifyContent="space-between">
      <Text wrap="truncate">
        <Text bold {...(color ? { color: 'cyan' } : {})}>
          init-tui
        </Text>
        {'  '}
        {experiment}
      </Text>
      <Text wrap="truncate">
        {status} · pace {pace === 0 ? 'max' : `${integer(pace)} it/s`}
      </Text>
    </Box>
  );
}
