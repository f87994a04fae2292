import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import wabtInit from 'wabt';
import { firstSamples, sameBitsAsGeneric } from '../../support/kernels.ts';
import { initParams } from '../../../src/core/network.ts';
import { RandomState } from '../../../src/core/rng.ts';
import { resolveScheme } from '../../../src/core/schemes.ts';
import { KERNELS } from '../../../src/core/kernel-table.ts';
import { LAYER_MAX_UNITS, LayerKernel, layerModule, layerSupports, type LayerBuild } from '../../../src/core/layer-kernel.ts';
import { layerSource } from '../../../src/core/wasm/layer-source.ts';
import { LAYER_LAYOUT, layerLayoutProblems, type LayerLayout } from '../../../src/core/wasm/layout.ts';

/** The layer kernel: its module current with its table, its runs bit for bit generic's over shapes, activations, schemes, rates and tiles. */

const bits = sameBitsAsGeneric((p, train, lr) => new LayerKernel(p, train, lr));
const NOTEBOOK = [2, 10, 5, 1];
const DEEP64 = [2, 64, 64, 64, 64, 64, 64, 64, 64, 1];

test('the committed layer.wat is what the generator makes of the layout table', () => {
  const committed = readFileSync(new URL('../../../src/core/wasm/layer.wat', import.meta.url), 'utf8');
  assert.ok(committed === layerSource(LAYER_LAYOUT), 'src/core/wasm/layer.wat is stale: run `npm run gen:wasm` and commit it');
});

test('the layer layout is sound, its row stride not a power of two, and a bad tile is refused', () => {
  assert.deepEqual(layerLayoutProblems(LAYER_LAYOUT), []);
  assert.equal(Number.isInteger(Math.log2(LAYER_LAYOUT.rowBytes)), false);
  assert.match(layerLayoutProblems({ ...LAYER_LAYOUT, forward: { samples: 0, pairs: 4 } }).join('\n'), /forward tile/);
  assert.throws(() => layerSource({ ...LAYER_LAYOUT, rowBytes: 100 }), /unusable layer layout: rowBytes/);
});

test('the layer kernel runs here and covers one-output networks up to its row width', () => {
  assert.notEqual(layerModule(), null);
  assert.equal(layerSupports([2, 256, 256, 1]), true);
  assert.equal(layerSupports([2, LAYER_MAX_UNITS + 1, 1]), false);
  assert.equal(layerSupports([2, 16, 2]), false);
  assert.equal(KERNELS['layer']!.supports({ layers: [2, 64, 1], activation: 'selu' }), true);
});

test('the layer kernel gives generic’s bits on odd and even widths, 7, 293 and 300 samples, deep and the notebook network', () => {
  const cases: [number[], number][] = [
    [NOTEBOOK, 300],
    [[2, 7, 9, 1], 7],
    [[2, 65, 33, 1], 293],
    [[2, 1, 1], 7],
    [[2, 3, 130, 5, 1], 11],
    [[2, 49, 17, 1], 300],
    [DEEP64, 60],
  ];
  for (const [layers, m] of cases) bits(layers, 'relu', 'he', 1, 0.05, 25, m);
});

test('the layer kernel gives generic’s bits for every activation and every scheme', () => {
  for (const act of ['relu', 'leaky-relu', 'leaky-relu:0.3', 'tanh', 'sigmoid', 'linear', 'selu']) {
    for (const scheme of ['zeros', 'random', 'he']) bits([2, 19, 12, 1], act, scheme, 2, 0.1, 12, 29);
  }
  bits([2, 64, 64, 1], 'selu', 'he', 4, 0.3, 10, 31);
});

test('the layer kernel gives generic’s bits at small and large learning rates, and on a run that diverges to ∞ and NaN', () => {
  for (const lr of [1e-4, 0.0075, 1, 30]) bits([2, 24, 9, 1], 'relu', 'random', 5, lr, 15, 50);
  const costs = bits([2, 40, 40, 1], 'relu', 'random', 3, 1e3, 40, 50);
  assert.ok(
    costs.some((c) => c === Infinity || Number.isNaN(c)),
    `the run diverges: ${costs.slice(-4).join(', ')}`,
  );
  bits([2, 33, 33, 1], 'tanh', 'random', 3, 1e6, 30, 40);
});

test('every tile shape gives the same bits: tiles block over entries, never over a sum', async () => {
  const wabt = await wabtInit();
  const build = (layout: LayerLayout): LayerBuild => {
    const mod = wabt.parseWat('layer.wat', layerSource(layout), { simd: true, threads: true });
    const { buffer } = mod.toBinary({});
    mod.destroy();
    return { module: new WebAssembly.Module(new Uint8Array(buffer)), layout };
  };
  for (const [f, g, b, row] of [
    [[1, 1], [1, 1], [1, 1], 2112],
    [[3, 3], [2, 5], [6, 1], 2064],
    [[4, 2], [4, 2], [4, 2], 2048],
  ] as const) {
    const layout: LayerLayout = {
      ...LAYER_LAYOUT,
      rowBytes: row,
      forward: { samples: f[0], pairs: f[1] },
      grads: { rows: g[0], pairs: g[1] },
      back: { samples: b[0], pairs: b[1] },
    };
    const built = build(layout);
    const check = sameBitsAsGeneric((p, train, lr) => new LayerKernel(p, train, lr, built));
    check([2, 13, 21, 1], 'relu', 'he', 7, 0.05, 10, 23);
    check([2, 13, 21, 1], 'tanh', 'random', 7, 0.5, 10, 23);
  }
});

test('a one-ulp change to one weight is detected by the check', () => {
  const nudged = sameBitsAsGeneric((p, train, lr) => {
    const W = p.W.map((w) => w.slice());
    W[0]![3] = W[0]![3]! * (1 + 2 ** -52);
    return new LayerKernel({ ...p, W }, train, lr);
  });
  assert.throws(() => nudged([2, 16, 16, 1], 'relu', 'he', 1, 0.05, 3, 20));
});

test('auto takes the layer kernel for relu from 48 units, for the other activations at 256, and simd below', () => {
  const pick = (layers: number[], activation: string): string =>
    KERNELS['auto']!.make(initParams(layers, resolveScheme('he')!, new RandomState(1), activation), firstSamples(20), 0.01).name;
  assert.equal(pick([2, 48, 1], 'relu'), 'layer');
  assert.equal(pick([2, 47, 47, 1], 'relu'), 'simd');
  assert.equal(pick([2, 224, 224, 1], 'tanh'), 'simd');
  assert.equal(pick([2, 256, 1], 'tanh'), 'layer');
  assert.equal(pick([2, 256, 256, 1], 'selu'), 'layer');
});
