import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeData } from '../../../src/core/experiment.ts';
import { crossEntropy } from '../../../src/core/kernels.ts';
import { cloneParams, initParams, type Params } from '../../../src/core/network.ts';
import { RandomState } from '../../../src/core/rng.ts';
import { SCHEMES } from '../../../src/core/schemes.ts';
import { forward, GenericKernel } from '../../../src/core/train.ts';

function costOf(p: Params, x: Float64Array, y: Float64Array, m: number): number {
  return crossEntropy(forward(p, x, m), y, m);
}

test('the backward pass matches central finite differences within 1e-6 relative', () => {
  // A small network with two hidden layers on 40 circle points: every kind of layer is exercised.
  const { train } = makeData('circles');
  const m = 40;
  const x = new Float64Array(2 * m);
  x.set(train.x.subarray(0, m), 0);
  x.set(train.x.subarray(train.m, train.m + m), m);
  const y = train.y.slice(0, m);
  const p0 = initParams([2, 4, 3, 1], SCHEMES['he']!, new RandomState(5));
  // Non-zero biases so that their gradients are tested away from the symmetric start.
  p0.b.forEach((b, l) => b.forEach((_, i) => (b[i] = 0.1 * (i + 1) * (l % 2 === 0 ? 1 : -1))));
  const kernel = new GenericKernel(p0, { m, x, y }, 0); // learning rate 0: one step computes gradients only
  kernel.step(false);
  const { dW, db } = kernel.grads();
  const h = 1e-6;
  let checked = 0;
  for (const [kind, analytic] of [
    ['W', dW],
    ['b', db],
  ] as const) {
    analytic.forEach((g, l) => {
      for (let i = 0; i < g.length; i++) {
        const plus = cloneParams(p0);
        const minus = cloneParams(p0);
        plus[kind][l]![i]! += h;
        minus[kind][l]![i]! -= h;
        const numeric = (costOf(plus, x, y, m) - costOf(minus, x, y, m)) / (2 * h);
        const err = Math.abs(numeric - g[i]!) / Math.max(1e-8, Math.abs(numeric) + Math.abs(g[i]!));
        assert.ok(err < 1e-6, `d${kind}${l + 1}[${i}]: analytic ${g[i]} vs numeric ${numeric}`);
        checked++;
      }
    });
  }
  assert.equal(checked, 2 * 4 + 4 + 4 * 3 + 3 + 3 + 1);
});

test('a step with learning rate 0 leaves the parameters unchanged and a step with lr > 0 lowers the He cost', () => {
  const { train } = makeData('circles');
  const p0 = initParams([2, 10, 5, 1], SCHEMES['he']!, new RandomState(3));
  const still = new GenericKernel(p0, train, 0);
  still.step(false);
  assert.deepEqual(
    still.params().W.map((w) => Array.from(w)),
    p0.W.map((w) => Array.from(w)),
  );
  const moving = new GenericKernel(p0, train, 0.5);
  const c0 = moving.step(true);
  const c1 = moving.step(true);
  assert.ok(c1 < c0, `${c1} < ${c0}`);
});

test('the cost skips 0·∞ terms like nansum but keeps +∞', () => {
  // a = 1 with y = 1: -ln(1-1)·0 is ∞·0 = NaN, skipped; a = 1 with y = 0: +∞, kept.
  assert.equal(crossEntropy(Float64Array.of(1, 0.5), Float64Array.of(1, 1), 2), 0.5 * Math.log(2));
  assert.equal(crossEntropy(Float64Array.of(1, 0.5), Float64Array.of(0, 1), 2), Infinity);
});
