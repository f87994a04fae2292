import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { thousands } from '../../../src/core/thousands.ts';

test('thousands groups an integer exactly as toLocaleString("en-US") does', () => {
  for (const n of [0, 7, 999, 1000, 10_000, 123_456, 1_000_000, 10_000_000, -1, -1000, -987_654_321, 2 ** 53]) {
    assert.equal(thousands(n), n.toLocaleString('en-US'), String(n));
  }
  fc.assert(fc.property(fc.integer({ min: -(2 ** 53), max: 2 ** 53 }), (n) => thousands(n) === n.toLocaleString('en-US')));
});

test('thousands rounds a fraction to the nearest integer and spells out the non-finite', () => {
  assert.equal(thousands(12345.6), '12,346');
  assert.equal(thousands(NaN), 'NaN');
  assert.equal(thousands(Infinity), '∞');
  assert.equal(thousands(-Infinity), '-∞');
});
