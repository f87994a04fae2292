import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sparkline, sparkTop } from '../../../../src/ui/charts/sparkline.ts';

test('a sparkline is zero-based: a constant zero draws nothing, any positive value at least the lowest bar', () => {
  assert.equal(sparkline([0, 0, 0, 0], 4), '    ', 'not a mid-height bar');
  assert.equal(sparkline([0, 0, 0], 3, 5), '   ');
  assert.equal(sparkline([0, 1e-9, 8], 3), ' ▁█');
  assert.equal(sparkline([1, 2, 3, 4, 5, 6, 7, 8], 8), '▁▂▃▄▅▆▇█');
  assert.equal(sparkline([1, 1, 1], 3), '███', 'a positive constant is its full height against itself');
});

test('He’s |W| from 4.35 to 6.13 reads as 40 % growth, not as a rocket', () => {
  assert.equal(sparkline([4.35, 5.2, 6.13], 3), '▆▇█');
});

test('sparklines of one figure share its scale: the smaller series draws lower', () => {
  const big = [2, 4, 8];
  const small = [0.5, 1, 2];
  const top = sparkTop([big, small]);
  assert.equal(top, 8);
  assert.equal(sparkline(big, 3, top), '▂▄█');
  assert.equal(sparkline(small, 3, top), '▁▁▂');
  assert.equal(sparkTop([[NaN, Infinity, 3], []]), 3, 'non-finite values do not set the scale');
  assert.equal(sparkTop([[0, 0]]), 0);
});

test('sparklines mark non-finite values and thin long histories to their width', () => {
  assert.equal(sparkline([1, NaN, 2], 3), '▄!█');
  assert.equal(sparkline([NaN, NaN], 2), '??');
  assert.equal(sparkline([], 5), '');
  assert.equal(
    sparkline(
      Array.from({ length: 100 }, (_, i) => i),
      10,
    ).length,
    10,
  );
});
