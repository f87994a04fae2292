import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeData } from '../../../src/core/experiment.ts';
import { KERNELS } from '../../../src/core/kernel-table.ts';
import { crossEntropy } from '../../../src/core/kernels.ts';
import { cloneParams, initParams, type Params } from '../../../src/core/network.ts';
import { RandomState } from '../../../src/core/rng.ts';
import { resolveScheme } from '../../../src/core/schemes.ts';
import { FusedKernel } from '../../../src/core/fused-kernel.ts';
import { forward, GenericKernel } from '../../../src/core/train.ts';

/** The generic kernel with every activation: gradients against finite differences; which kernel trains what. */

const ACTIVATIONS = ['relu', 'leaky-relu:0.2', 'tanh', 'sigmoid', 'linear', 'selu'];
const { train } = makeData('circles');
const m = 30;
const x = new Float64Array(2 * m);
x.set(train.x.subarray(0, m), 0);
x.set(train.x.subarray(train.m, train.m + m), m);
const y = train.y.slice(0, m);
const small = { m, x, y };

const costOf = (p: Params): number => crossEntropy(forward(p, x, m), y, m);

for (const activation of ACTIVATIONS) {
  test(`with ${activation} hidden layers the generic kernel's gradients match central finite differences`, () => {
    const p0 = initParams([2, 4, 3, 1], resolveScheme('torch-default')!, new RandomState(5), activation);
    assert.equal(p0.activation, activation === 'relu' ? undefined : activation, 'relu stays implicit');
    const kernel = new GenericKernel(p0, small, 0);
    kernel.step(false);
    const { dW, db } = kernel.grads();
    const h = 1e-6;
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
          const numeric = (costOf(plus) - costOf(minus)) / (2 * h);
          // 1e-6 relative, above the difference quotient's own rounding (~ε·cost/h ≈ 1e-10).
          const ok = Math.abs(numeric - g[i]!) <= 1e-6 * (Math.abs(numeric) + Math.abs(g[i]!)) + 1e-9;
          assert.ok(ok, `${activation} d${kind}${l + 1}[${i}]: analytic ${g[i]} vs numeric ${numeric}`);
        }
      });
    }
  });
}

test("fused covers every activation; auto trains each on a fast kernel, with the generic kernel's numbers", () => {
  for (const activation of ACTIVATIONS) {
    const p = initParams([2, 10, 5, 1], resolveScheme('glorot')!, new RandomState(3), activation);
    assert.equal(KERNELS['fused']!.supports(p), true, activation);
    assert.equal(KERNELS['generic']!.supports(p), true, activation);
    assert.equal(new FusedKernel(p, small, 0.1).name, 'fused');
    const auto = KERNELS['auto']!.make(p, small, 0.1);
    assert.notEqual(auto.name, 'generic', activation);
    const ref = new GenericKernel(p, small, 0.1);
    for (let i = 0; i < 20; i++) assert.ok(Object.is(auto.step(true), ref.step(true)), `${activation} @${i}`);
  }
});

test('the activations differ: the same weights give different costs under each', () => {
  const costs = ACTIVATIONS.map((activation) =>
    costOf(initParams([2, 6, 6, 1], resolveScheme('orthogonal:2')!, new RandomState(7), activation)),
  );
  assert.equal(new Set(costs).size, ACTIVATIONS.length, costs.join(', '));
});
