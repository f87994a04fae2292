#!/usr/bin/env node
// The simd kernel's exp against Math.exp: every result must be the same float64
// (Object.is: same bits, up to NaN payloads), on ≥ 10 M inputs:
// special values, the overflow/underflow thresholds, the high-word boundaries
// of fdlibm's branches, every k·ln2/2 neighbourhood, subnormal results, random
// bit patterns (huge and tiny magnitudes), and uniform spreads.
// Usage: npm run build && node bench/exp-check.mjs [--count N]   (N: millions of random inputs, default 10)
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const { KERNEL_WASM_BASE64 } = await tsImport(pathToFileURL(join(root, 'src/core/wasm/kernel-wasm.generated.ts')).href, import.meta.url);
const args = process.argv.slice(2);
const MILLIONS = Number(args[args.indexOf('--count') + 1] ?? 0) || 10;

const BATCH = 1 << 16;
const memory = new WebAssembly.Memory({ initial: (BATCH * 8) / 65536 + 1 });
const { instance } = await WebAssembly.instantiate(Buffer.from(KERNEL_WASM_BASE64, 'base64'), { env: { memory } });
const buf = new Float64Array(memory.buffer, 0, BATCH);
const bits = new BigUint64Array(1);
const f64 = new Float64Array(bits.buffer);
const fromBits = (b) => ((bits[0] = b), f64[0]);
const toBits = (x) => ((f64[0] = x), bits[0]);

const totals = { bad: 0, checked: 0 };
const mismatches = [];
/** Checks xs (length ≤ BATCH). */
function check(xs) {
  buf.set(xs);
  instance.exports.expArray(0, xs.length);
  for (let i = 0; i < xs.length; i++) {
    const want = Math.exp(xs[i]);
    if (!Object.is(buf[i], want)) {
      totals.bad++;
      if (mismatches.length < 20) mismatches.push(`exp(${xs[i]}) = ${buf[i]}, Math.exp = ${want}`);
    }
  }
  totals.checked += xs.length;
}
/** Streams a generator of inputs through check() in batches. */
function sweep(label, gen) {
  const before = totals.checked;
  const t0 = performance.now();
  let batch = [];
  for (const x of gen) {
    batch.push(x);
    if (batch.length === BATCH) {
      check(batch);
      batch = [];
    }
  }
  if (batch.length) check(batch);
  console.log(
    `${label.padEnd(48)} ${String(totals.checked - before).padStart(9)} inputs  ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}
/** The doubles within `ulps` of x (both directions, through ±0 as bit patterns allow). */
function* around(x, ulps) {
  const b = toBits(x);
  for (let d = -ulps; d <= ulps; d++) {
    const c = b + BigInt(d);
    if (c >= 0n && c < 1n << 64n) yield fromBits(c);
  }
}
// A small deterministic generator (xorshift128+), so a failing input can be found again.
let s0 = 0x9e3779b97f4a7c15n,
  s1 = 0xbf58476d1ce4e5b9n;
const M64 = (1n << 64n) - 1n;
function next64() {
  let x = s0;
  const y = s1;
  s0 = y;
  x = (x ^ (x << 23n)) & M64;
  s1 = x ^ y ^ (x >> 17n) ^ (y >> 26n);
  return (s1 + y) & M64;
}
const uniform = () => Number(next64() >> 11n) / 2 ** 53;

console.log(`# exp check: the kernel's exp vs Math.exp (node ${process.version}, V8 ${process.versions.v8})`);
sweep(
  'special values',
  (function* () {
    yield* [
      0,
      -0,
      1,
      -1,
      Infinity,
      -Infinity,
      NaN,
      -NaN,
      fromBits(0x7ff0000000000001n),
      fromBits(0xfff8000000000001n),
      Number.MIN_VALUE,
      -Number.MIN_VALUE,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      2 ** -1022,
      -(2 ** -1022),
      Math.LN2,
      -Math.LN2,
    ];
  })(),
);
sweep(
  'overflow / underflow thresholds ±100k ulps',
  (function* () {
    yield* around(7.09782712893383973096e2, 100000);
    yield* around(-7.4513321910194110842e2, 100000);
    yield* around(-708.3964185322641, 20000); // results turn subnormal (fdlibm: -7.08396418532264106224e+02)
  })(),
);
sweep(
  "fdlibm's high-word branch boundaries ±20k ulps",
  (function* () {
    for (const hw of [0x40862e42n, 0x3fd62e42n, 0x3ff0a2b2n, 0x3e300000n, 0x7ff00000n]) {
      for (const sign of [0n, 1n << 63n]) yield* around(fromBits((hw << 32n) | sign), 20000);
    }
  })(),
);
sweep(
  'k·ln2/2 for k = -2150..2150, ±64 ulps each',
  (function* () {
    for (let k = -2150; k <= 2150; k++) yield* around((k * Math.LN2) / 2, 64);
  })(),
);
const R = Math.max(1, Math.round((MILLIONS * 1e6) / 6));
sweep(
  'uniform over [-750, 750]',
  (function* () {
    for (let i = 0; i < 2 * R; i++) yield (uniform() - 0.5) * 1500;
  })(),
);
sweep(
  'uniform over [-2, 2]',
  (function* () {
    for (let i = 0; i < R; i++) yield (uniform() - 0.5) * 4;
  })(),
);
sweep(
  'subnormal results: uniform over [-745.2, -708.3]',
  (function* () {
    for (let i = 0; i < R; i++) yield -708.3 - uniform() * 36.9;
  })(),
);
sweep(
  'random bit patterns (all magnitudes, NaNs)',
  (function* () {
    for (let i = 0; i < R; i++) yield fromBits(next64());
  })(),
);
sweep(
  'random magnitudes 2^-60 .. 2^11, both signs',
  (function* () {
    for (let i = 0; i < R; i++) yield (uniform() < 0.5 ? -1 : 1) * 2 ** (uniform() * 71 - 60);
  })(),
);

console.log(`\nchecked ${totals.checked} inputs: ${totals.bad} mismatches`);
for (const m of mismatches) console.log('  ' + m);
process.exit(totals.bad === 0 ? 0 : 1);
