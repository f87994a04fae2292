import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sameBitsAsGeneric } from '../../support/kernels.ts';
import { makeData } from '../../../src/core/experiment.ts';
import { KERNELS } from '../../../src/core/kernel-table.ts';
import { initParams } from '../../../src/core/network.ts';
import { RandomState } from '../../../src/core/rng.ts';
import { resolveScheme } from '../../../src/core/schemes.ts';
import {
  expm1Probes,
  expm1TanhMismatches,
  SIMD_SAMPLES,
  SimdKernel,
  simdActivations,
  simdModule,
  simdSupports,
} from '../../../src/core/simd-kernel.ts';
import { resolveActivation } from '../../../src/core/activations.ts';
import { activationCode, SIMD_ACTIVATIONS } from '../../../src/core/wasm/activation-source.ts';
import { maxUnits, recordAt, SIMD_LAYOUT, writeFields } from '../../../src/core/wasm/layout.ts';
import { expProbes } from '../../../src/core/simd-kernel.ts';

/** The simd kernel with every hidden activation: its expm1 and tanh lane by lane against Math's, its runs bit for bit generic's. */

const ACTS = ['relu', 'leaky-relu', 'leaky-relu:0.3', 'tanh', 'sigmoid', 'linear', 'selu'];
const DATA = makeData('circles');

test('the simd module trains every activation here: its expm1 and tanh passed the load-time check', () => {
  assert.notEqual(simdModule(), null);
  assert.deepEqual([...simdActivations()].sort(), ['leaky-relu', 'linear', 'relu', 'selu', 'sigmoid', 'tanh']);
  for (const a of ACTS) assert.equal(simdSupports([2, 10, 5, 1], a), true, a);
});

test("the module's expm1 and tanh give Math.expm1's and Math.tanh's bits on the probes, lane by lane", () => {
  const probes = expm1Probes();
  assert.ok(probes.length > 20000);
  assert.deepEqual(expm1TanhMismatches(simdModule()!, probes), { expm1: 0, tanh: 0 });
});

test("the module's expm1 and tanh give Math's bits on 600 000 more inputs: random bit patterns and spreads", () => {
  const more = new Float64Array(600_000);
  const bits = new BigUint64Array(1);
  const f = new Float64Array(bits.buffer);
  let s = 0x9e3779b97f4a7c15n;
  let u = 0.5;
  for (let i = 0; i < more.length; i++) {
    s = (s * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    u = (u + 0.7548776662466927) % 1;
    bits[0] = s;
    more[i] = i % 4 === 0 ? f[0]! : i % 4 === 1 ? (u - 0.5) * 90 : i % 4 === 2 ? (u - 0.5) * 3 : (u < 0.5 ? -1 : 1) * 2 ** (u * 140 - 75);
  }
  assert.deepEqual(expm1TanhMismatches(simdModule()!, more), { expm1: 0, tanh: 0 });
});

test("$activate gives every lane the table row's φ and φ′ bits, specials and every branch of exp, expm1 and tanh included", () => {
  const L = SIMD_LAYOUT;
  const units = maxUnits(L);
  const rowsBytes = L.samples * L.rowBytes;
  const actAt = 4096;
  const slopeAt = actAt + rowsBytes;
  const memory = new WebAssembly.Memory({ initial: Math.ceil((slopeAt + rowsBytes) / 65536) });
  const exports = new WebAssembly.Instance(simdModule()!, { env: { memory } }).exports as unknown as {
    activate(rec: number, act: number, leak: number): void;
  };
  const i32 = new Int32Array(memory.buffer);
  const heap = new Float64Array(memory.buffer);
  const rec = recordAt(L, 1);
  writeFields(i32, L.records, { n: units, s: units, Wr: 0, Wc: 0, b: 0, g: 0, h: 0, act: actAt, dz: 0, slope: slopeAt }, 1);
  // The probes of exp and expm1, halved, doubled and negated (tanh calls expm1 at ±2|x|, selu at min(z, 0), the sigmoid exp at -z).
  const base = [...expProbes(), ...expm1Probes()];
  const zs = Float64Array.from(base.flatMap((x) => [x, -x, x / 2, -x / 2, 2 * x]));
  const perCall = units * L.samples;
  let checked = 0;
  for (const name of ['leaky-relu', 'leaky-relu:0.3', 'tanh', 'sigmoid', 'linear', 'selu']) {
    const act = resolveActivation(name)!;
    const kind = SIMD_ACTIVATIONS.find((k) => k === name.split(':')[0])!;
    const want = Float64Array.from(zs);
    act.forward(want, want.length);
    const slope = new Float64Array(zs.length).fill(1);
    act.backward(slope, zs, want, zs.length);
    for (let at = 0; at < zs.length; at += perCall) {
      const count = Math.min(perCall, zs.length - at);
      for (let i = 0; i < perCall; i++) heap[actAt / 8 + Math.floor(i / units) * (L.rowBytes / 8) + (i % units)] = zs[at + (i % count)]!;
      exports.activate(rec, activationCode(kind), act.leak ?? 0);
      for (let i = 0; i < count; i++) {
        const cell = Math.floor(i / units) * (L.rowBytes / 8) + (i % units);
        const got = heap[actAt / 8 + cell]!;
        const gotSlope = heap[slopeAt / 8 + cell]!;
        if (!Object.is(got, want[at + i])) assert.fail(`${name} φ(${zs[at + i]}): ${got} vs ${want[at + i]}`);
        if (!Object.is(gotSlope, slope[at + i])) assert.fail(`${name} φ′(${zs[at + i]}): ${gotSlope} vs ${slope[at + i]}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 6 * 100_000, `${checked} lanes`);
});

/** Steps generic and this kernel side by side (test/support/kernels.ts). */
const assertIdentical = sameBitsAsGeneric((p, train, lr) => new SimdKernel(p, train, lr));

for (const activation of ACTS) {
  test(`with ${activation} hidden layers simd is bit-identical to generic on several shapes, seeds, learning rates and sample counts`, () => {
    assertIdentical([2, 10, 5, 1], activation, 'he', 3, 0.01, 300, 300);
    assertIdentical([2, 10, 5, 1], activation, 'glorot', 0, 0.5, 200, 41);
    assertIdentical([2, 7, 3, 4, 1], activation, 'random', 12345, 0.05, 100, 37);
    for (const m of [1, SIMD_SAMPLES - 1, SIMD_SAMPLES, SIMD_SAMPLES + 1])
      assertIdentical([2, 5, 1], activation, 'torch-default', 5, 0.1, 60, m);
    assertIdentical([2, 16, 16, 16, 1], activation, 'orthogonal:2', 7, 1.2, 60, 60);
    assertIdentical([2, 64, 64, 1], activation, 'he', 1, 0.05, 20, 300);
    assertIdentical([2, 10, 5, 1], activation, 'zeros', 3, 0.1, 50, 30);
  });

  test(`with ${activation} hidden layers a diverging run stays bit-identical on simd, NaN and infinities included`, () => {
    for (const [layers, lr] of [
      [[2, 16, 8, 1], 1e300],
      [[2, 7, 5, 1], 1e5],
      [[2, 9, 1], 1e300],
    ] as const) {
      const costs = assertIdentical([...layers], activation, 'random', 3, lr, 30, 20);
      assert.ok(
        costs.some((c) => !Number.isFinite(c)),
        `${activation} ${layers}: the run diverged (${costs.slice(0, 5).join(', ')})`,
      );
    }
  });
}

test('auto takes simd for every activation on the notebook network, fused on the tiny ones', () => {
  for (const activation of ACTS) {
    const p = initParams([2, 10, 5, 1], resolveScheme('glorot')!, new RandomState(3), activation);
    assert.equal(KERNELS['simd']!.supports(p), true, activation);
    assert.equal(KERNELS['auto']!.make(p, DATA.train, 0.1).name, 'simd', activation);
    const tiny = initParams([2, 3, 1], resolveScheme('glorot')!, new RandomState(3), activation);
    assert.equal(KERNELS['auto']!.make(tiny, DATA.train, 0.1).name, 'fused', activation);
  }
});
