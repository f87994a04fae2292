import { Box, Text } from 'ink';
import type { ExperimentConfig } from '../core/config.js';
import { sweepText } from '../core/sweep.js';
import { integer } from '../results/format.js';

export interface HeaderProps {
  readonly config: ExperimentConfig;
  readonly status: string;
  readonly pace: number;
  readonly color: boolean;
}

/** A sweep in the header: "sweep gain=0.1..10:9,depth=1..6" or, 1-D, "sweep gain=0.5..4:3 on 2-10-5-1". */
function sweepOf(config: ExperimentConfig): string {
  const text = sweepText(config.sweep!);
  return config.sweep!.depth ? `sweep ${text}` : `sweep ${text} on ${config.layers.join('-')}`;
}

/** One line: the experiment on the left, the race's state and pace on the right. */
export function Header({ config, status, pace, color }: HeaderProps) {
  const experiment =
    `${config.dataset} · ${config.sweep ? sweepOf(config) : `layers ${config.layers.join('-')}`} · lr ${config.learningRate} · ` +
    `${integer(config.iterations)} iterations · seed ${config.seed}${config.sweep && config.seeds > 1 ? `…${config.seed + config.seeds - 1}` : ''}`;
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
