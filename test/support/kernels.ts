import assert from 'node:assert/strict';
import type { Dataset } from '../../src/core/datasets.ts';
import { makeData } from '../../src/core/experiment.ts';
import { initParams, type Params } from '../../src/core/network.ts';
import { RandomState } from '../../src/core/rng.ts';
import { resolveScheme } from '../../src/core/schemes.ts';
import { GenericKernel, type Kernel } from '../../src/core/train.ts';

const DATA = makeData('circles');

/** The first m training samples (x is 2 × m, unit-major). */
export function firstSamples(m: number): Dataset {
  const n = DATA.train.m;
  const x = new Float64Array(2 * m);
  x.set(DATA.train.x.subarray(0, m), 0);
  x.set(DATA.train.x.subarray(n, n + m), m);
  return { m, x, y: DATA.train.y.slice(0, m) };
}

/**
 * A check that steps generic and the kernel `make` builds side by side: every
 * cost and, at the end, every parameter the same float64 (Object.is: −0 and
 * NaN count). The check returns the costs (a test can see a divergence).
 */
export function sameBitsAsGeneric(make: (p: Params, train: Dataset, lr: number) => Kernel) {
  return (layers: number[], activation: string, scheme: string, seed: number, lr: number, iterations: number, m: number): number[] => {
    const train = firstSamples(m);
    const p: Params = initParams(layers, resolveScheme(scheme)!, new RandomState(seed), activation);
    const a = new GenericKernel(p, train, lr);
    const b = make(p, train, lr);
    const what = `${b.name} ${activation} ${layers} ${scheme} seed ${seed} lr ${lr} m ${m}`;
    const costs: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const withCost = i % 3 !== 2;
      const ca = a.step(withCost);
      const cb = b.step(withCost);
      if (!Object.is(ca, cb)) assert.fail(`${what}: cost @${i} ${ca} vs ${cb}`);
      costs.push(ca);
    }
    const pa = a.params();
    const pb = b.params();
    assert.equal(pb.activation, pa.activation, 'the parameters name their activation (accuracy reads it)');
    for (const key of ['W', 'b'] as const) {
      pa[key].forEach((w, l) =>
        w.forEach((v, i) => {
          if (!Object.is(v, pb[key][l]![i])) assert.fail(`${what}: ${key}${l + 1}[${i}] ${v} vs ${pb[key][l]![i]}`);
        }),
      );
    }
    return costs;
  };
}
