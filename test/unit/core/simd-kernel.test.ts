import assert from 'node:assert/strict';
import { test } from 'node:test';
import wabtInit from 'wabt';
import type { Dataset } from '../../../src/core/datasets.ts';
import { makeData } from '../../../src/core/experiment.ts';
import { FusedKernel } from '../../../src/core/fused-kernel.ts';
import { KERNELS } from '../../../src/core/kernel-table.ts';
import { initParams, type Params } from '../../../src/core/network.ts';
import { RandomState } from '../../../src/core/rng.ts';
import { resolveScheme } from '../../../src/core/schemes.ts';
import {
  expMismatches,
  expProbes,
  SIMD_SAMPLES,
  SimdKernel,
  simdModule,
  simdSupports,
  type SimdBuild,
} from '../../../src/core/simd-kernel.ts';
import { GenericKernel, type Kernel } from '../../../src/core/train.ts';
import { layoutProblems, SIMD_LAYOUT, type SimdLayout } from '../../../src/core/wasm/layout.ts';
import { simdSource } from '../../../src/core/wasm/simd-source.ts';

const DATA = makeData('circles');

/** The first m training samples (x is 2 × m, unit-major). */
function firstSamples(m: number): Dataset {
  const n = DATA.train.m;
  const x = new Float64Array(2 * m);
  x.set(DATA.train.x.subarray(0, m), 0);
  x.set(DATA.train.x.subarray(n, n + m), m);
  return { m, x, y: DATA.train.y.slice(0, m) };
}

function initial(layers: number[], scheme: string, seed: number): Params {
  return initParams(layers, resolveScheme(scheme)!, new RandomState(seed));
}

interface Case {
  layers: number[];
  scheme: string;
  lr: number;
  iterations: number;
  m?: number;
  seed?: number;
  /** The reference kernel (default generic; fused on the networks it unrolls quickly). */
  against?: 'generic' | 'fused';
  /** The simd module and its layout (default: the built one). */
  build?: SimdBuild;
}

/**
 * Steps simd and the reference side by side: every cost (Object.is: the same
 * float64, −0 and NaN included) and, at the end, every parameter. Costs are
 * asked for on two steps in three, so steps without a cost are covered too.
 * Returns the costs, for the callers that check a run really diverged.
 */
function assertIdentical(c: Case): number[] {
  const train = firstSamples(c.m ?? DATA.train.m);
  const p = initial(c.layers, c.scheme, c.seed ?? 3);
  const ref: Kernel = c.against === 'fused' ? new FusedKernel(p, train, c.lr) : new GenericKernel(p, train, c.lr);
  const simd = new SimdKernel(p, train, c.lr, c.build);
  const what = `${c.layers.join(',')} ${c.scheme} seed ${c.seed ?? 3} lr ${c.lr} m ${train.m} vs ${ref.name}${c.build ? `, ${c.build.layout.samples} samples a group` : ''}`;
  const costs: number[] = [];
  for (let i = 0; i < c.iterations; i++) {
    const withCost = i % 3 !== 2;
    const a = ref.step(withCost);
    const b = simd.step(withCost);
    if (!Object.is(a, b)) assert.fail(`${what}: cost @${i} ${a} vs ${b}`);
    costs.push(b);
  }
  assertSameParams(ref.params(), simd.params(), what);
  return costs;
}

function assertSameParams(a: Params, b: Params, what: string): void {
  assert.deepEqual(b.layers, a.layers);
  for (const [name, xs, ys] of [
    ['W', a.W, b.W],
    ['b', a.b, b.b],
  ] as const) {
    xs.forEach((x, l) => {
      assert.equal(ys[l]!.length, x.length);
      x.forEach((v, i) => {
        if (!Object.is(v, ys[l]![i])) assert.fail(`${what}: ${name}${l + 1}[${i}] ${v} vs ${ys[l]![i]}`);
      });
    });
  }
}

const DEEP = [2, 16, 16, 16, 16, 16, 16, 16, 16, 1];

test('the select-form ReLU mask gives the bits of the multiply by the mask, −0 and NaN included', () => {
  const values = [0, -0, 1, -1, 2.5e-308, -5e-324, 1e308, Infinity, -Infinity, NaN];
  for (const s of values) {
    for (const a of values) {
      const multiply = s * (a > 0 ? 1 : 0);
      const select = a > 0 ? s : s * 0;
      assert.ok(Object.is(multiply, select), `s = ${s}, a = ${a}: ${multiply} vs ${select}`);
    }
  }
});

test('WebAssembly SIMD runs here and the kernel covers 1 to 8 hidden layers of 1 to 256 units', () => {
  assert.notEqual(simdModule(), null, 'Node 20 has WebAssembly SIMD and its Math.exp is fdlibm');
  assert.equal(simdSupports([2, 1, 1]), true);
  assert.equal(simdSupports(DEEP), true);
  assert.equal(simdSupports([2, 256, 256, 1]), true);
  assert.equal(simdSupports([2, 257, 1]), false);
  assert.equal(simdSupports([2, 10, 2]), false, 'one output unit');
});

test("the kernel's exp gives Math.exp's bits on the probes and a spread of other inputs", () => {
  const mod = simdModule()!;
  const probes = expProbes();
  assert.ok(probes.length > 20000);
  assert.equal(expMismatches(mod, probes, true), 0);
  // 300 000 more: a Weyl sequence over the sigmoid's usual range and over the whole finite range.
  const more = new Float64Array(300_000);
  let u = 0.5;
  for (let i = 0; i < more.length; i++) {
    u = (u + 0.7548776662466927) % 1;
    more[i] = i % 3 === 0 ? (u - 0.5) * 1500 : i % 3 === 1 ? (u - 0.5) * 40 : (u < 0.5 ? -1 : 1) * 2 ** (u * 70 - 60);
  }
  assert.equal(expMismatches(mod, more, true), 0);
});

test("the vector exps give Math.exp's bits when one lane is out of their range and the others are not", () => {
  const mod = simdModule()!;
  // Where the vector path stops or changes form, as $exp's high-word tests see it: |x| = 2^-28 (0x3E300000),
  // 0.5·ln2 (k = 0 up to 0x3FD62E42), 1.5·ln2 (0x3FF0A2B2), 700, x = 1, and the special values; the first
  // and last float64 of each high word, both signs, each next to sigmoid-range values, in every lane.
  const view = new DataView(new ArrayBuffer(8));
  const fromWords = (hi: number, lo: number): number => {
    view.setUint32(0, hi >>> 0);
    view.setUint32(4, lo >>> 0);
    return view.getFloat64(0);
  };
  const specials = [
    0,
    -0,
    1,
    -1,
    NaN,
    Infinity,
    -Infinity,
    5e-324,
    Math.LN2 / 2,
    -Math.LN2 / 2,
    1.5 * Math.LN2,
    700,
    -700,
    699.9999999999999,
    -699.9999999999999,
    709.782712893384,
    -745.1332191019411,
    -708.4,
    1e300,
    -1e300,
  ];
  for (const hi of [0x3e2fffff, 0x3e300000, 0x3fd62e42, 0x3fd62e43, 0x3fefffff, 0x3ff00000, 0x3ff0a2b1, 0x3ff0a2b2]) {
    for (const sign of [0, 0x80000000]) specials.push(fromWords(hi | sign, 0), fromWords(hi | sign, 0xffffffff));
  }
  const xs: number[] = [];
  let u = 0.25;
  for (const s of specials) {
    xs.push(s);
    for (let q = 1; q < SIMD_SAMPLES; q++) {
      u = (u + 0.6180339887498949) % 1;
      xs.push((u - 0.5) * 30);
    }
  }
  assert.equal(expMismatches(mod, Float64Array.from(xs), true), 0);
});

test('simd is bit-identical to fused on the notebook network for every scheme and seed', () => {
  for (const scheme of ['zeros', 'random', 'he', 'xavier', 'small', 'scale:3']) {
    for (const seed of [3, 0, 12345]) {
      assertIdentical({ layers: [2, 10, 5, 1], scheme, seed, lr: 0.01, iterations: 300, against: 'fused' });
    }
  }
});

test('simd is bit-identical to generic on narrow, odd-width, wide and deep networks', () => {
  for (const scheme of ['he', 'random', 'zeros']) {
    assertIdentical({ layers: [2, 1, 1], scheme, lr: 0.05, iterations: 300 });
    assertIdentical({ layers: [2, 3, 1], scheme, lr: 0.05, iterations: 300 });
    assertIdentical({ layers: [2, 7, 5, 3, 1], scheme, lr: 0.05, iterations: 200 });
  }
  assertIdentical({ layers: [2, 1], scheme: 'random', lr: 0.1, iterations: 100 });
  assertIdentical({ layers: [2, 256, 1], scheme: 'he', lr: 0.05, iterations: 40 });
  assertIdentical({ layers: [2, 255, 1], scheme: 'xavier', lr: 0.05, iterations: 20, m: 37 });
  assertIdentical({ layers: DEEP, scheme: 'he', lr: 0.05, iterations: 30 });
  assertIdentical({ layers: [2, 3, 9, 1, 4, 1], scheme: 'scale:3', seed: 0, lr: 0.02, iterations: 100 });
});

test('simd is bit-identical for any number of samples: 1, 2, 3, 5, 7 and 41', () => {
  for (const m of [1, 2, 3, 5, 7, 41]) {
    assertIdentical({ layers: [2, 10, 5, 1], scheme: 'he', lr: 0.1, iterations: 200, m, against: 'fused' });
    assertIdentical({ layers: [2, 7, 5, 3, 1], scheme: 'random', lr: 0.01, iterations: 100, m, seed: 12345 });
    assertIdentical({ layers: [2, 1, 1], scheme: 'small', lr: 0.5, iterations: 100, m, seed: 0 });
  }
});

test('simd is bit-identical at the edges of its groups of six samples: 6, 11, 12, 13, 17, 18, 19 and 300', () => {
  assert.equal(SIMD_SAMPLES, 6);
  for (const m of [6, 11, 12, 13, 17, 18, 19]) {
    assertIdentical({ layers: [2, 10, 5, 1], scheme: 'he', lr: 0.1, iterations: 100, m, against: 'fused' });
    assertIdentical({ layers: [2, 7, 5, 3, 1], scheme: 'random', lr: 0.01, iterations: 60, m, seed: 12345 });
  }
  assertIdentical({ layers: [2, 10, 5, 1], scheme: 'random', lr: 0.01, iterations: 300, m: 300, against: 'fused' });
  assertIdentical({ layers: [2, 7, 5, 3, 1], scheme: 'xavier', lr: 0.05, iterations: 100, m: 300, seed: 0 });
});

/** The module wabt assembles from the generator's text for this layout (as npm run build does for SIMD_LAYOUT). */
async function buildFor(layout: SimdLayout): Promise<SimdBuild> {
  const wabt = await wabtInit();
  const mod = wabt.parseWat('kernel.wat', simdSource(layout), { simd: true });
  try {
    mod.validate();
    return { module: new WebAssembly.Module(new Uint8Array(mod.toBinary({ write_debug_names: false }).buffer)), layout };
  } finally {
    mod.destroy();
  }
}

test('a kernel generated from another layout table is bit-identical too: 2, 4 and 8 samples a group, every field moved', async () => {
  // The memory imported under other names, the header and the records elsewhere, their fields in
  // reverse order, wider rows: the host and the module only agree if both read all of it from the table.
  const moved: SimdLayout = {
    memory: { module: 'host', name: 'heap' },
    minPages: 2,
    samples: 4,
    rowBytes: 4096,
    header: { at: 0, bytes: 32, fields: { OUT: 0, Y: 4, X: 8, m: 12, L: 16 } },
    records: { at: 32, bytes: 40, fields: { slope: 0, dz: 4, act: 8, h: 12, g: 16, b: 20, Wc: 24, Wr: 28, s: 32, n: 36 } },
  };
  for (const layout of [moved, { ...SIMD_LAYOUT, samples: 2 }, { ...moved, samples: 8 }]) {
    assert.deepEqual(layoutProblems(layout), []);
    const build = await buildFor(layout);
    assert.equal(expMismatches(build.module, expProbes(), true, layout), 0, `${layout.samples} samples: exp`);
    for (const m of [1, layout.samples - 1, layout.samples, layout.samples + 1, 41]) {
      assertIdentical({ layers: [2, 7, 5, 3, 1], scheme: 'random', lr: 0.01, iterations: 60, m, seed: 12345, build });
    }
    assertIdentical({ layers: [2, 10, 5, 1], scheme: 'he', lr: 0.1, iterations: 100, against: 'fused', build });
  }
  // Rows of 4096 bytes hold 512 units: wider than the built kernel's 256.
  assertIdentical({ layers: [2, 301, 1], scheme: 'he', lr: 0.05, iterations: 10, m: 37, build: await buildFor(moved) });
});

test('simd is bit-identical on diverging runs: costs go ∞ and NaN exactly as in the scalar code', () => {
  const cases: Case[] = [
    { layers: [2, 10, 5, 1], scheme: 'he', lr: 1e300, iterations: 30, against: 'fused' },
    { layers: [2, 7, 5, 3, 1], scheme: 'he', lr: 1e300, iterations: 30 },
    { layers: [2, 3, 1], scheme: 'random', lr: 1e300, iterations: 30, m: 7 },
    { layers: [2, 10, 5, 1], scheme: 'scale:10', lr: 1e5, iterations: 60, against: 'fused' },
    { layers: [2, 7, 5, 3, 1], scheme: 'scale:10', lr: 1e5, iterations: 60, m: 41 },
    { layers: [2, 255, 1], scheme: 'scale:10', lr: 1e5, iterations: 20, m: 33 },
  ];
  for (const c of cases) {
    const costs = assertIdentical(c);
    const recorded = costs.filter((_, i) => i % 3 !== 2);
    assert.ok(
      recorded.some((x) => !Number.isFinite(x)),
      `${c.layers} lr ${c.lr}: the run should diverge`,
    );
  }
});

test('simd is bit-identical to fused over the chaotic 15000-iteration random run at the notebook settings', () => {
  const p = initial([2, 10, 5, 1], 'random', 3);
  const fused = new FusedKernel(p, DATA.train, 0.01);
  const simd = new SimdKernel(p, DATA.train, 0.01);
  for (let i = 0; i < 15000; i++) {
    const a = fused.step(true);
    const b = simd.step(true);
    if (!Object.is(a, b)) assert.fail(`cost @${i}: ${a} vs ${b}`);
  }
  assertSameParams(fused.params(), simd.params(), 'random, 15000 iterations');
});

test('auto picks simd for the notebook network and narrower ones than 48 units, the layer kernel from 48 units on', () => {
  for (const layers of [
    [2, 10, 5, 1],
    [2, 47, 47, 1],
    [2, 32, 32, 32, 32, 32, 32, 32, 32, 1],
  ]) {
    const k = KERNELS['auto']!.make(initial(layers, 'he', 3), DATA.train, 0.01);
    assert.equal(k.name, 'simd', layers.join(','));
  }
  for (const layers of [
    [2, 48, 1],
    [2, 100, 100, 1],
    [2, 8, 256, 1],
    [2, 64, 64, 64, 64, 64, 64, 64, 64, 1],
  ]) {
    const k = KERNELS['auto']!.make(initial(layers, 'he', 3), DATA.train, 0.01);
    assert.equal(k.name, 'layer', layers.join(','));
  }
});
