/**
 * Which scheme column a click hit in the compare view, pure: the row labels
 * first, then the visible window of columns, as compareColumns lays them out.
 */
import { compareColumns } from './compare-layout.js';

export function columnAt(x: number, width: number, count: number, selected: number): number | undefined {
  const { labelWidth, columnWidth, first, visible } = compareColumns(width, count, selected);
  const j = Math.floor((x - labelWidth) / columnWidth);
  return x < labelWidth || j >= visible ? undefined : first + j;
}
