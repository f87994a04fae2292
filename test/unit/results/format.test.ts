import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cost, COST_WIDTH } from '../../../src/results/format.ts';
import { laneText } from '../../../src/ui/views/race/lane.ts';
import { freshRuns } from '../../../src/ui/state/runs.ts';
import { DEFAULT_CONFIG } from '../../../src/core/config.ts';

test('a cost between 1e-4 and 1e-2 is formatted to fit its 9 columns, not cut', () => {
  assert.equal(cost(0.00123456789), '0.0012346');
  assert.equal(cost(0.000123456789), '0.0001235');
  assert.equal(cost(0.0099999999), '0.0100000', 'rounding up to 0.01 still fits');
  assert.equal(cost(0.0648187), '0.0648187', 'from 0.01 on: 6 significant digits, as before');
  assert.equal(cost(0.693147180559), '0.693147');
  assert.equal(cost(0.0000999), '9.990e-5');
  assert.equal(cost(0), '0.00000');
  assert.equal(cost(1234567), '1.235e+6');
});

test('every cost from 1e-12 to 1e12 fits COST_WIDTH columns and reads back within its shown precision', () => {
  for (let e = -12; e <= 12; e += 0.01) {
    const c = 10 ** e;
    const text = cost(c);
    assert.ok(text.length <= COST_WIDTH, `${c} → ${text}`);
    assert.ok(Math.abs(Number(text) - c) <= c * 5e-4, `${c} → ${text}`);
  }
});

test('a lane shows a cost of 0.00123 whole, without an ellipsis', () => {
  const [run] = freshRuns(DEFAULT_CONFIG);
  const text = laneText({ ...run!, iteration: 5000, cost: 0.00123456789, costAt: 4999 }, 0, 15000, false, 1500, 120, false);
  assert.match(text, /cost 0\.0012346 /);
  assert.doesNotMatch(text, /…/);
});
