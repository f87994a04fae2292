import { Box, Text } from 'ink';
import { COLUMNS, HEADER, tableRow } from '../results/table.js';
import { groupCells, type SchemeGroup } from './state.js';
import { paint, schemeColor } from './theme.js';

export interface AccuracyTableProps {
  readonly groups: readonly SchemeGroup[];
  readonly selected: number;
  readonly width: number;
  readonly color: boolean;
}

/**
 * The results: accuracies as the notebook reports them, cost, time, and what
 * each scheme teaches; over a seed sweep, mean ± sd of the seeds.
 */
export function AccuracyTable({ groups, selected, width, color }: AccuracyTableProps) {
  const inner = width - 2;
  return (
    <Box borderStyle="round" borderColor="gray" flexDirection="column">
      <Text bold wrap="truncate">
        {tableRow(HEADER, inner)}
      </Text>
      {groups.map((g, k) => {
        const row = tableRow(groupCells(g), inner);
        return (
          <Text key={k} wrap="truncate" inverse={k === selected}>
            {paint(row.slice(0, COLUMNS.scheme), color, schemeColor(g.scheme, k))}
            {row.slice(COLUMNS.scheme)}
          </Text>
        );
      })}
    </Box>
  );
}
