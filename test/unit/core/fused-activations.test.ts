import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sameBitsAsGeneric } from '../../support/kernels.ts';
import { ACTIVATIONS, resolveActivation, type Activation } from '../../../src/core/activations.ts';
import { FusedKernel } from '../../../src/core/fused-kernel.ts';

/** The fused kernel with every hidden activation: bit for bit the generic kernel's numbers. */

const ACTS = ['relu', 'leaky-relu', 'leaky-relu:0.3', 'tanh', 'sigmoid', 'linear', 'selu'];

/** Values where the ops branch or round differently: signs of zero, subnormals, infinities, NaN, saturation. */
const SPECIALS = [
  0,
  -0,
  5e-324,
  -5e-324,
  2.2250738585072014e-308,
  -1e-300,
  1e-17,
  -1e-17,
  2 ** -55,
  -(2 ** -55),
  0.25,
  -0.25,
  0.5,
  -0.5,
  Math.LN2 / 2,
  -Math.LN2 / 2,
  1,
  -1,
  3,
  -3,
  22,
  -22,
  23,
  -23,
  38.9,
  -38.9,
  56 * Math.LN2,
  -56 * Math.LN2,
  709.7,
  -709.7,
  800,
  -800,
  1e300,
  -1e300,
  Infinity,
  -Infinity,
  NaN,
];

test("every activation's generated source computes its array ops' very bits (φ and φ′, specials included)", () => {
  const rows: Activation[] = [...Object.values(ACTIVATIONS), resolveActivation('leaky-relu:0.3')!];
  const xs = [...SPECIALS];
  let u = 0.1;
  for (let i = 0; i < 2000; i++) {
    u = (u + 0.6180339887498949) % 1;
    xs.push((u - 0.5) * 60, (u - 0.5) * 2);
  }
  for (const act of rows) {
    const fwd = new Function('v', `return ${act.js.forward('v')};`) as (v: number) => number;
    const back = new Function('d', 'z', 'a', `return ${act.js.backward('d', 'z', 'a')};`) as (d: number, z: number, a: number) => number;
    const z = Float64Array.from(xs);
    const a = Float64Array.from(xs);
    act.forward(a, a.length);
    for (const d0 of [1, -0.75, 0, -0, Infinity, NaN]) {
      const d = new Float64Array(xs.length).fill(d0);
      act.backward(d, z, a, d.length);
      for (let i = 0; i < xs.length; i++) {
        assert.ok(Object.is(fwd(xs[i]!), a[i]), `${act.name} φ(${xs[i]}): ${fwd(xs[i]!)} vs ${a[i]}`);
        const got = back(d0, xs[i]!, a[i]!);
        assert.ok(Object.is(got, d[i]), `${act.name} d = ${d0}, z = ${xs[i]}: ${got} vs ${d[i]}`);
      }
    }
  }
});

/** Steps generic and this kernel side by side (test/support/kernels.ts). */
const assertIdentical = sameBitsAsGeneric((p, train, lr) => new FusedKernel(p, train, lr));

for (const activation of ACTS) {
  test(`with ${activation} hidden layers the fused kernel is bit-identical to the generic one on several shapes, seeds and learning rates`, () => {
    assertIdentical([2, 10, 5, 1], activation, 'he', 3, 0.01, 300, 300);
    assertIdentical([2, 10, 5, 1], activation, 'glorot', 0, 0.5, 200, 41);
    assertIdentical([2, 7, 3, 4, 1], activation, 'random', 12345, 0.05, 150, 37);
    assertIdentical([2, 1], activation, 'torch-default', 5, 0.1, 100, 3);
    assertIdentical([2, 16, 16, 1], activation, 'orthogonal:2', 7, 1.2, 100, 60);
  });

  test(`with ${activation} hidden layers a diverging run stays bit-identical on the fused kernel, NaN and infinities included`, () => {
    const costs = assertIdentical([2, 16, 8, 1], activation, 'random', 3, 1e300, 30, 20);
    assert.ok(
      costs.some((c) => !Number.isFinite(c)),
      `${activation}: the run diverged (${costs.slice(0, 5).join(', ')})`,
    );
  });
}
