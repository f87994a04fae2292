import { Box, Text } from 'ink';
import { COLUMNS, HEADER, resultCells, tableRow } from '../table.js';
import type { RunView } from './state.js';
import { paint, schemeColor } from './theme.js';

export interface AccuracyTableProps {
  readonly runs: readonly RunView[];
  readonly selected: number;
  readonly width: number;
  readonly color: boolean;
}

/** The results: accuracies as the notebook reports them, cost, time, and what each scheme teaches. */
export function AccuracyTable({ runs, selected, width, color }: AccuracyTableProps) {
  const inner = width - 2;
  return (
    <Box borderStyle="round" borderColor="gray" flexDirection="column">
      <Text bold wrap="truncate">
        {tableRow(HEADER, inner)}
      </Text>
      {runs.map((r, k) => {
        const row = tableRow(resultCells(r.scheme, r.result, r.failure, r.finished), inner);
        return (
          <Text key={k} wrap="truncate" inverse={k === selected}>
            {paint(row.slice(0, COLUMNS.scheme), color, schemeColor(r.scheme, k))}
            {row.slice(COLUMNS.scheme)}
          </Text>
        );
      })}
    </Box>
  );
}
