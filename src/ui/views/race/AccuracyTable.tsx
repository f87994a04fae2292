import { Box, Text } from 'ink';
import { COLUMNS, HEADER, tableRow } from '../../../results/table.js';
import { windowStart } from './layout.js';
import { groupCells, type SchemeGroup } from '../../state/selectors.js';
import { paint, schemeColor } from '../../chrome/theme.js';

export interface AccuracyTableProps {
  readonly groups: readonly SchemeGroup[];
  readonly selected: number;
  readonly width: number;
  readonly color: boolean;
  /** Rows to show at most (a window around the selection, as the lanes); default all. */
  readonly shown?: number;
}

/**
 * The results: accuracies as the notebook reports them, cost, time, and what
 * each scheme teaches; over a seed sweep, mean ± sd of the seeds.
 */
export function AccuracyTable({ groups, selected, width, color, shown }: AccuracyTableProps) {
  const inner = width - 2;
  const count = Math.min(groups.length, shown ?? groups.length);
  const start = windowStart(groups.length, count, selected);
  return (
    <Box borderStyle="round" borderColor="gray" flexDirection="column">
      <Text bold wrap="truncate">
        {tableRow(HEADER, inner)}
      </Text>
      {groups.slice(start, start + count).map((g, i) => {
        const k = start + i;
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
