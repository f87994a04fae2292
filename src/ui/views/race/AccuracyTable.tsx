import { Box, Text } from 'ink';
import { COLUMNS, HEADER, tableRow } from '../../../results/table.js';
import { windowStart } from './layout.js';
import { groupCells, type SchemeGroup } from '../../state/selectors.js';
import { paint, schemeColor } from '../../chrome/theme.js';
import { wrap } from '../../chrome/wrap.js';

export interface AccuracyTableProps {
  readonly groups: readonly SchemeGroup[];
  readonly selected: number;
  readonly width: number;
  readonly color: boolean;
  /** Rows to show at most (a window around the selection, as the lanes); default all. */
  readonly shown?: number;
  /**
   * Compact (a short terminal): no frame, each row's verdict cut to its first
   * words, and the selected row's verdict whole under the table, wrapped.
   */
  readonly compact?: boolean;
}

/** The selected scheme's verdict, whole, wrapped to `width` (the compact table's last rows). */
export function selectedVerdict(groups: readonly SchemeGroup[], selected: number, width: number): string[] {
  const g = groups[selected] ?? groups[0];
  return g ? wrap(groupCells(g)[5], width) : [];
}

/** Where a table row's verdict starts. */
const VERDICT_AT = tableRow(HEADER).indexOf('verdict');

/** A table row whose verdict keeps only the whole words that fit, then "…". */
function firstWords(row: string, width: number): string {
  if (row.length <= width) return row;
  const cut = row.slice(0, width - 1);
  const space = cut.lastIndexOf(' ');
  // Where no whole word of the verdict fits (60 columns), its first letters: a lone "…" after
  // the time column said nothing.
  return `${space > VERDICT_AT ? cut.slice(0, space) : cut}…`;
}

/**
 * The results: accuracies as the notebook reports them, cost, time, and what
 * each scheme teaches; over a seed sweep, mean ± sd of the seeds.
 */
export function AccuracyTable({ groups, selected, width, color, shown, compact }: AccuracyTableProps) {
  const inner = compact === true ? width : width - 2;
  const count = Math.min(groups.length, shown ?? groups.length);
  const start = windowStart(groups.length, count, selected);
  const rows = (
    <>
      <Text bold wrap="truncate">
        {tableRow(HEADER, inner)}
      </Text>
      {groups.slice(start, start + count).map((g, i) => {
        const k = start + i;
        const row = compact === true ? firstWords(tableRow(groupCells(g)), inner) : tableRow(groupCells(g), inner);
        return (
          <Text key={k} wrap="truncate" inverse={k === selected}>
            {paint(row.slice(0, COLUMNS.scheme), color, schemeColor(g.scheme, k))}
            {row.slice(COLUMNS.scheme)}
          </Text>
        );
      })}
    </>
  );
  if (compact !== true) {
    return (
      <Box borderStyle="round" borderColor="gray" flexDirection="column">
        {rows}
      </Box>
    );
  }
  return (
    <Box flexDirection="column" flexShrink={0}>
      {rows}
      {/* The lanes' window line, which the compact layout (lanes hidden) would otherwise lose. */}
      {count < groups.length && (
        <Text dimColor wrap="truncate">
          {`schemes ${start + 1}–${start + count} of ${groups.length} · ↑↓ scroll`}
        </Text>
      )}
      {selectedVerdict(groups, selected, inner).map((line, k) => (
        <Text key={`v${k}`} wrap="truncate">
          {line}
        </Text>
      ))}
    </Box>
  );
}
