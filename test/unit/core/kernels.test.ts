import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../../src/core/config.ts';
import { makeData, runScheme } from '../../../src/core/experiment.ts';
import { FusedKernel, fusedSupports } from '../../../src/core/fused-kernel.ts';
import { KERNELS } from '../../../src/core/kernel-table.ts';
import { initParams } from '../../../src/core/network.ts';
import { RandomState } from '../../../src/core/rng.ts';
import { SCHEMES } from '../../../src/core/schemes.ts';
import { GenericKernel } from '../../../src/core/train.ts';

const DATA = makeData('circles');

/** Steps both kernels side by side; every cost and every parameter must be the same float64. */
function assertIdentical(layers: number[], scheme: string, lr: number, iterations: number, m = DATA.train.m): void {
  const x = new Float64Array(2 * m);
  x.set(DATA.train.x.subarray(0, m), 0);
  x.set(DATA.train.x.subarray(DATA.train.m, DATA.train.m + m), m);
  const train = { m, x, y: DATA.train.y.slice(0, m) };
  const p = initParams(layers, SCHEMES[scheme]!, new RandomState(3));
  const a = new GenericKernel(p, train, lr);
  const b = new FusedKernel(p, train, lr);
  for (let i = 0; i < iterations; i++) {
    const ca = a.step(true);
    const cb = b.step(true);
    assert.ok(Object.is(ca, cb), `${scheme} ${layers} cost @${i}: ${ca} vs ${cb}`);
  }
  const pa = a.params();
  const pb = b.params();
  pa.W.forEach((w, l) => w.forEach((v, i) => assert.ok(Object.is(v, pb.W[l]![i]), `W${l + 1}[${i}]`)));
  pa.b.forEach((w, l) => w.forEach((v, i) => assert.ok(Object.is(v, pb.b[l]![i]), `b${l + 1}[${i}]`)));
}

test('the fused kernel is bit-identical to the generic one on the notebook network, every scheme', () => {
  for (const scheme of ['zeros', 'random', 'he']) assertIdentical([2, 10, 5, 1], scheme, 0.01, 400);
});

test('the fused kernel is bit-identical on other shapes, an odd sample count and a diverging learning rate', () => {
  assertIdentical([2, 7, 3, 4, 1], 'he', 0.05, 200, 41);
  assertIdentical([2, 1], 'random', 0.1, 100, 3);
  assertIdentical([2, 16, 1], 'he', 1e300, 20, 10);
});

test('where simd does not pay off or apply, auto picks the fused kernel where it applies and the generic one elsewhere', () => {
  assert.equal(fusedSupports([2, 10, 5, 1]), true);
  assert.equal(fusedSupports([2, 100, 100, 1]), false, 'too many weights to unroll');
  // 300 units: wider than the simd kernel's 256
  const big = KERNELS['auto']!.make(initParams([2, 300, 300, 1], SCHEMES['he']!, new RandomState(3)), DATA.train, 0.01);
  assert.equal(big.name, 'generic');
  // 9 weights: too small for simd to pay off
  const small = KERNELS['auto']!.make(initParams([2, 3, 1], SCHEMES['he']!, new RandomState(3)), DATA.train, 0.01);
  assert.equal(small.name, 'fused');
});

test('every kernel in the table gives the same run results', () => {
  const config: ExperimentConfig = { ...DEFAULT_CONFIG, iterations: 1500, every: 100 };
  const results = Object.values(KERNELS).map((k) => {
    const r = runScheme(config, 'he', DATA, k.make);
    return { costs: r.costs, train: r.trainAccuracy, test: r.testAccuracy };
  });
  for (const r of results.slice(1)) assert.deepEqual(r, results[0]);
});
