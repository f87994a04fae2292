import assert from 'node:assert/strict';
import { test } from 'node:test';
import { columnAt } from '../../../../../src/ui/views/compare/compare-hit.ts';
import { compareColumns } from '../../../../../src/ui/views/compare/compare-layout.ts';

test('a click in a scheme column of the compare view is that scheme; on the labels or past the columns, nothing', () => {
  const { labelWidth, columnWidth } = compareColumns(120, 3, 0);
  assert.equal(columnAt(0, 120, 3, 0), undefined, 'the row labels');
  assert.equal(columnAt(labelWidth, 120, 3, 0), 0);
  assert.equal(columnAt(labelWidth + columnWidth, 120, 3, 0), 1);
  assert.equal(columnAt(labelWidth + 3 * columnWidth - 1, 120, 3, 0), 2);
  assert.equal(columnAt(labelWidth + 3 * columnWidth, 120, 3, 0), undefined);
});

test('when the columns scroll, a click counts from the first column shown', () => {
  const c = compareColumns(80, 10, 9);
  assert.ok(c.first > 0, 'scrolled');
  assert.equal(columnAt(c.labelWidth, 80, 10, 9), c.first);
});
