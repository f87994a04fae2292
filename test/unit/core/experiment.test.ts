import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../../src/core/config.ts';
import { allCosts, costPoints, runScheme, SHOWN_COSTS, thinCosts } from '../../../src/core/experiment.ts';
import { toReport } from '../../../src/results/report.ts';
import { verdict } from '../../../src/results/verdict.ts';

test('a record of at most SHOWN_COSTS costs is kept whole, point for point', () => {
  const values = Float64Array.from({ length: SHOWN_COSTS }, (_, k) => 1 / (k + 1));
  assert.deepEqual(thinCosts(values, 10), costPoints(values, 10));
});

test('ten million costs thin to at most SHOWN_COSTS points with every bucket’s extremes, the first non-finite and the last, in a fraction of a second', () => {
  const n = 10_000_000;
  const values = new Float64Array(n);
  for (let k = 0; k < n; k++) values[k] = 1 + Math.sin(k / 1000) / (1 + k / 1e6);
  values[0] = Infinity; // random ×10 starts at +∞
  values[1234] = 40; // a spike inside a bucket
  values[7_654_321] = NaN; // divergence, then finite again (as data, not as a rule)
  const t0 = performance.now();
  const thin = thinCosts(values, 1);
  const ms = performance.now() - t0;
  assert.ok(thin.length <= SHOWN_COSTS, `${thin.length} points`);
  assert.ok(ms < 2000, `${ms.toFixed(0)} ms`);
  assert.deepEqual(thin[0], [0, Infinity]);
  assert.ok(
    thin.some(([i, c]) => i === 1234 && c === 40),
    'the spike is kept',
  );
  assert.ok(
    thin.some(([i, c]) => i === 7_654_321 && Number.isNaN(c)),
    'the NaN is kept where it happened',
  );
  assert.deepEqual(thin[thin.length - 1], [n - 1, values[n - 1]]);
  // Points stay in iteration order, each one a recorded cost.
  for (let j = 1; j < thin.length; j++) assert.ok(thin[j]![0] > thin[j - 1]![0]);
  for (const [i, c] of thin) assert.ok(Object.is(c, values[i]));
  // The lowest and highest finite cost of the whole record are among the points.
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  assert.ok(thin.some(([, c]) => c === lo) && thin.some(([, c]) => c === hi));
});

test('a run kept compact (recorded) writes every cost in the JSON document and keeps its verdict', () => {
  const config = { ...DEFAULT_CONFIG, iterations: 9000, every: 1, schemes: ['random'] };
  const whole = runScheme(config, 'random');
  const recorded = Float64Array.from(whole.costs, ([, c]) => c);
  const compact = { ...whole, costs: thinCosts(recorded, 1), recorded };
  assert.ok(compact.costs.length < whole.costs.length);
  assert.deepEqual(allCosts(compact, 1), whole.costs);
  assert.deepEqual(toReport(config, [compact]).runs[0]!.costs, toReport(config, [whole]).runs[0]!.costs);
  assert.equal(verdict(compact), verdict(whole));
});
