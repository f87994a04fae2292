/**
 * The simd kernel: WebAssembly SIMD (./wasm/kernel.wat) with a layer's hidden
 * units two at a time in the f64 lanes of an f64x2, and six samples at a time
 * through the whole network, for every hidden activation of the table.
 * Bit-identical to GenericKernel and FusedKernel: the same float64 operations
 * in the same order (kernel.wat's header says why), the same exp, expm1 and
 * tanh (ports of V8's Math.exp, Math.expm1 and Math.tanh, checked here against
 * them before the module is used: an activation whose function differs is
 * left to the scalar kernels), and the cost computed here, in JavaScript, with
 * Math.log over the outputs the step leaves in memory.
 *
 * The binary is built from kernel.wat by `npm run build` into a generated
 * module (base64), compiled once per process; each kernel instantiates it
 * with its own memory, sized to the network and the data. Every address in
 * that memory comes from the layout table (./wasm/layout.ts) that kernel.wat
 * is generated from.
 */
import { activationOf, DEFAULT_ACTIVATION, resolveActivation, type Activation } from './activations.js';
import type { Dataset } from './datasets.js';
import { zeroParams, type Params } from './network.js';
import type { Kernel } from './train.js';
import { activationCode, SIMD_ACTIVATIONS, type SimdActivation } from './wasm/activation-source.js';
import { KERNEL_WASM_BASE64 } from './wasm/kernel-wasm.generated.js';
import {
  F64_BYTES,
  maxUnits,
  PAGE_BYTES,
  recordAt,
  SIMD_LAYOUT,
  V128_BYTES,
  writeFields,
  type FieldValues,
  type SimdLayout,
} from './wasm/layout.js';

/** Widest layer the kernel takes: one sample's scratch row of float64s. */
export const SIMD_MAX_UNITS = maxUnits(SIMD_LAYOUT);
/** The kernel takes this many samples at a time, each with its own scratch row. */
export const SIMD_SAMPLES = SIMD_LAYOUT.samples;

interface KernelExports {
  /** One step at learning rate lr; act: the hidden activation's code (activation-source.ts), leak: leaky-relu's A. */
  readonly step: (lr: number, act: number, leak: number) => void;
  /** The port of V8's expm1 over n float64s in place at ptr, one at a time. */
  readonly expm1Array: (ptr: number, n: number) => void;
  /** The expm1 of the selu, a group's samples at once, over n (a multiple of the group size) float64s in place at ptr. */
  readonly expm1ArrayN: (ptr: number, n: number) => void;
  /** The selu's expm1 (for inputs <= 0), likewise. */
  readonly expm1NegArrayN: (ptr: number, n: number) => void;
  /** The tanh, a group's samples at once, likewise. */
  readonly tanhArrayN: (ptr: number, n: number) => void;
  /** The port of V8's exp, one number. */
  readonly exp: (x: number) => number;
  /** The same over n float64s in place at byte address ptr. */
  readonly expArray: (ptr: number, n: number) => void;
  /** The two-lane exp, over n (even) float64s in place at ptr, two at a time. */
  readonly expArray2: (ptr: number, n: number) => void;
  /** The exp the sigmoid uses, a group's samples at once, over n (a multiple of the group size) float64s in place at ptr. */
  readonly expArrayN: (ptr: number, n: number) => void;
}

function decodeBase64(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/**
 * A compiled simd module and the layout its text was generated from: the
 * host lays out the memory by the same table. SIMD_LAYOUT's module is the
 * built one (simdModule); the tests build others from other tables.
 */
export interface SimdBuild {
  readonly module: WebAssembly.Module;
  readonly layout: SimdLayout;
}

function instantiate(build: SimdBuild, bytes: number): { exports: KernelExports; memory: WebAssembly.Memory } {
  const { module: mod, layout } = build;
  const pages = Math.max(layout.minPages, Math.ceil(bytes / PAGE_BYTES));
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const instance = new WebAssembly.Instance(mod, { [layout.memory.module]: { [layout.memory.name]: memory } });
  return { exports: instance.exports as unknown as KernelExports, memory };
}

/** The first probes of every exp-like check: ±0, ±1, ±∞, NaN and the smallest subnormals. */
const SPECIAL_PROBES: readonly number[] = [0, -0, 1, -1, Infinity, -Infinity, NaN, 5e-324, -5e-324];
/** The last of its listed ones: the far ends of the finite range. */
const HUGE_PROBES: readonly number[] = [1e300, -1e300, Number.MAX_VALUE, -Number.MAX_VALUE];

/**
 * Inputs on which the WebAssembly exp must give Math.exp's very bits: the
 * special values, the thresholds, the k·ln2/2 boundaries of the argument
 * reduction and a deterministic spread over the whole finite range. A V8 whose
 * Math.exp is no longer fdlibm's would fail here, and the kernel steps aside.
 */
export function expProbes(): Float64Array {
  const xs: number[] = [
    ...SPECIAL_PROBES,
    2 ** -28,
    -(2 ** -28),
    2 ** -29,
    709.782712893384,
    709.7827128933839,
    709.783,
    -745.1332191019411,
    -745.1332191019412,
    -745.14,
    -708.4,
    -708.3964185322641,
    -709.0895657128241,
    ...HUGE_PROBES,
  ];
  for (let k = -2150; k <= 2150; k++) {
    const x = (k * Math.LN2) / 2;
    xs.push(x, x * (1 + 2 ** -52), x * (1 - 2 ** -52));
  }
  // A Weyl sequence (no Math.random in the core): 4096 points over [-750, 750] and [-2, 2].
  let u = 0;
  for (let i = 0; i < 4096; i++) {
    u = (u + 0.6180339887498949) % 1;
    xs.push((u - 0.5) * 1500, (u - 0.5) * 4);
  }
  return Float64Array.from(xs);
}

/**
 * How many probes the module's exps get wrong (0: they are Math.exp): the
 * scalar exp, and the group-wide exp of the sigmoid on groups of layout.samples
 * probes (the vector exps send a whole group to the scalar one when any lane
 * is out of their range). With everyLane (the tests), each probe takes each
 * lane of the groups in turn, and the two-lane exp that the wide one falls
 * back on is checked too, on pairs (x0, x1), (x2, x3), … and (x1, x2), ….
 * The probes wrap around to fill the last group.
 */
export function expMismatches(mod: WebAssembly.Module, probes: Float64Array, everyLane = false, layout = SIMD_LAYOUT): number {
  const n = probes.length;
  const group = layout.samples;
  const padded = Math.ceil(n / group) * group;
  const { exports, memory } = instantiate({ module: mod, layout }, padded * F64_BYTES);
  const buf = new Float64Array(memory.buffer, 0, padded);
  let bad = 0;
  const run = (exp: (ptr: number, n: number) => void, shift: number): void => {
    for (let i = 0; i < padded; i++) buf[i] = probes[(i + shift) % n]!;
    exp(0, padded);
    for (let i = 0; i < padded; i++) if (!Object.is(buf[i], Math.exp(probes[(i + shift) % n]!))) bad++;
  };
  run(exports.expArray, 0);
  if (everyLane) {
    run(exports.expArray2, 0);
    run(exports.expArray2, 1);
  }
  for (let shift = 0; shift < (everyLane ? group : 1); shift++) run(exports.expArrayN, shift);
  return bad;
}

/** A float64 from its high and low 32-bit words. */
function fromWords(hi: number, lo: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, hi >>> 0);
  view.setUint32(4, lo >>> 0);
  return view.getFloat64(0);
}

/**
 * Inputs on which the WebAssembly expm1 and tanh must give Math.expm1's and
 * Math.tanh's very bits: the special values (±0, subnormals, ±∞, NaN), the
 * first and last float64 of every high word fdlibm's branches test (2^-55,
 * 2^-54, 2^-28, 0.5·ln2, 1, 1.5·ln2, 22, 56·ln2, 709.78…), both signs, the
 * k·ln2 and (k + 1/2)·ln2 boundaries of the argument reduction with their
 * neighbours, and a deterministic spread (wide, narrow and over magnitudes).
 */
export function expm1Probes(): Float64Array {
  const xs: number[] = [
    ...SPECIAL_PROBES,
    2.2250738585072014e-308,
    -2.2250738585072014e-308,
    0.25,
    -0.25,
    22,
    -22,
    44,
    -44,
    56 * Math.LN2,
    -56 * Math.LN2,
    700,
    -700,
    709.782712893384,
    709.7827128933841,
    ...HUGE_PROBES,
  ];
  for (const hi of [
    0x3c800000, 0x3c900000, 0x3e300000, 0x3fd62e42, 0x3fd62e43, 0x3fefffff, 0x3ff00000, 0x3ff0a2b1, 0x3ff0a2b2, 0x40360000, 0x4043687a,
    0x40862e42, 0x7fefffff,
  ]) {
    for (const sign of [0, 0x80000000]) {
      for (const h of [hi - 1, hi]) xs.push(fromWords(h | sign, 0), fromWords(h | sign, 0xffffffff));
    }
  }
  for (let k = -60; k <= 1030; k++) {
    for (const x of [k * Math.LN2, (k + 0.5) * Math.LN2]) xs.push(x, -x, x * (1 + 2 ** -52), x * (1 - 2 ** -52));
  }
  let u = 0;
  for (let i = 0; i < 4096; i++) {
    u = (u + 0.6180339887498949) % 1;
    xs.push((u - 0.5) * 100, (u - 0.5) * 4, (u < 0.5 ? -1 : 1) * 2 ** (u * 2 * 70 - 65));
  }
  return Float64Array.from(xs);
}

/**
 * How many probes the module's expm1 and tanh get wrong (0 each: they are
 * Math.expm1 and Math.tanh): the scalar expm1, and the group-wide expm1 and
 * tanh on groups of layout.samples probes, each probe in each lane of a group
 * in turn (the probes wrap around to fill the last group); the selu's expm1,
 * made for inputs <= 0, on -|probe|.
 */
export function expm1TanhMismatches(mod: WebAssembly.Module, probes: Float64Array, layout = SIMD_LAYOUT): { expm1: number; tanh: number } {
  const n = probes.length;
  const group = layout.samples;
  const padded = Math.ceil(n / group) * group;
  const { exports, memory } = instantiate({ module: mod, layout }, padded * F64_BYTES);
  const buf = new Float64Array(memory.buffer, 0, padded);
  const negative = probes.map((x) => -Math.abs(x));
  const run = (fn: (ptr: number, n: number) => void, ref: (x: number) => number, shift: number, xs = probes): number => {
    let bad = 0;
    for (let i = 0; i < padded; i++) buf[i] = xs[(i + shift) % n]!;
    fn(0, padded);
    for (let i = 0; i < padded; i++) if (!Object.is(buf[i], ref(xs[(i + shift) % n]!))) bad++;
    return bad;
  };
  const bad = { expm1: run(exports.expm1Array, Math.expm1, 0), tanh: 0 };
  for (let shift = 0; shift < group; shift++) {
    bad.expm1 += run(exports.expm1ArrayN, Math.expm1, shift) + run(exports.expm1NegArrayN, Math.expm1, shift, negative);
    bad.tanh += run(exports.tanhArrayN, Math.tanh, shift);
  }
  return bad;
}

/** undefined: not tried yet; null: no WebAssembly SIMD here, or an exp that differs. */
let compiled: WebAssembly.Module | null | undefined;
/** The hidden activations the compiled module trains bit-identically here. */
let trains: ReadonlySet<SimdActivation> = new Set();

/**
 * The compiled module, once per process; null where the kernel cannot run
 * bit-identically (no WebAssembly SIMD, or an exp that is not Math.exp's).
 * An expm1 or a tanh that is not Math's (a V8 that no longer uses fdlibm's)
 * only takes selu or tanh off the module's list (simdActivations).
 */
export function simdModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    compiled = null;
    try {
      const bytes = decodeBase64(KERNEL_WASM_BASE64);
      // validate() is false where WebAssembly has no SIMD (the module uses f64x2).
      if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes)) {
        const mod = new WebAssembly.Module(bytes);
        if (expMismatches(mod, expProbes()) === 0) {
          const bad = expm1TanhMismatches(mod, expm1Probes());
          trains = new Set(SIMD_ACTIVATIONS.filter((kind) => (kind !== 'selu' || bad.expm1 === 0) && (kind !== 'tanh' || bad.tanh === 0)));
          compiled = mod;
        }
      }
    } catch {
      // no WebAssembly at all, or it refused the module: the scalar kernels remain
      compiled = null;
    }
  }
  return compiled;
}

/** The hidden activations the simd kernel trains here (none without the module). */
export function simdActivations(): ReadonlySet<SimdActivation> {
  simdModule();
  return trains;
}

/** The module's kind of an activation (leaky-relu:A is leaky-relu), or undefined. */
function kindOf(act: Activation): SimdActivation | undefined {
  const kind = act.name.split(':')[0];
  return SIMD_ACTIVATIONS.find((k) => k === kind);
}

function builtKernel(): SimdBuild | null {
  const mod = simdModule();
  return mod && { module: mod, layout: SIMD_LAYOUT };
}

/** Whether the simd kernel runs here (WebAssembly SIMD, exact functions) for these layer sizes and this hidden activation (default relu). */
export function simdSupports(layers: readonly number[], activation?: string): boolean {
  if (!covers(layers, SIMD_MAX_UNITS) || simdModule() === null) return false;
  const act = resolveActivation(activation ?? DEFAULT_ACTIVATION);
  const kind = act && kindOf(act);
  return kind !== undefined && simdActivations().has(kind);
}

/** Whether the kernel's loops take these layer sizes: one output, every layer 1..widest units. */
function covers(layers: readonly number[], widest: number): boolean {
  if (layers.length < 2 || layers[layers.length - 1] !== 1) return false;
  return layers.every((n) => Number.isInteger(n) && n >= 1 && n <= widest);
}

/**
 * Below this many weights the kernel's fixed cost per group of samples
 * (the calls, the loop set-ups, the exp) is most of the work, and simd and
 * fused take turns being faster, within ±30 % at a few µs per step (CPU time,
 * 300 samples: [2,2,1] … [2,4,1,1,1,1,1,1,1,1]). From 24 weights on simd is
 * consistently faster: [2,8,1] 0.73×, [2,5,5,1] 0.74×, the notebook's
 * [2,10,5,1] 0.57×, and 10–20× on the wide networks fused unrolls badly
 * (figures measured with the earlier four-sample kernel).
 */
export const SIMD_AUTO_MIN_WEIGHTS = 24;

/** What `auto` asks: simd runs here and pays off on this network (else fused or generic). */
export function simdPreferred(layers: readonly number[], fusedCovers: boolean, activation?: string): boolean {
  let weights = 0;
  for (let l = 1; l < layers.length; l++) weights += layers[l]! * layers[l - 1]!;
  return (weights >= SIMD_AUTO_MIN_WEIGHTS || !fusedCovers) && simdSupports(layers, activation);
}

/** Rounded up to whole v128s: the kernel loads and stores its arrays two float64s at a time. */
const alignV128 = (n: number): number => Math.ceil(n / V128_BYTES) * V128_BYTES;
/** A layer's stride: its width rounded up to even, the extra lane a pad unit (see kernel.wat). */
const stride = (n: number): number => n + (n & 1);

/** Addresses (in float64s) of one layer's arrays in the kernel's memory. */
interface LayerArrays {
  Wr: number;
  Wc: number;
  b: number;
}

/** z[r..r+1] = W[r..r+1, ·]·a + b[r..r+1] for 6 samples a pass: 2 units × 6 samples per f64x2 step, any layer sizes ≤ 256, output 1. */
export class SimdKernel implements Kernel {
  readonly name = 'simd';
  private readonly step_: (lr: number, act: number, leak: number) => void;
  /** The hidden activation's code in the module, and leaky-relu's A (0 for the others). */
  private readonly act: number;
  private readonly leak: number;
  private readonly lr: number;
  private readonly m: number;
  private readonly invM: number;
  private readonly y: Float64Array;
  /** a_L[j] of the last step's forward pass, one per sample. */
  private readonly out: Float64Array;
  private readonly heap: Float64Array;
  private readonly layers: readonly number[];
  private readonly arrays: LayerArrays[];
  private readonly p: Params;

  /** build: the module and its layout (default: the built kernel, where it runs here). */
  constructor(initial: Params, train: Dataset, learningRate: number, build: SimdBuild | null = builtKernel()) {
    if (!build) throw new RangeError('the simd kernel needs WebAssembly SIMD, which this runtime does not offer');
    const { layout } = build;
    if (!covers(initial.layers, maxUnits(layout))) {
      throw new RangeError(
        `the simd kernel does not cover layers ${initial.layers.join(',')} (output 1, up to ${maxUnits(layout)} units a layer)`,
      );
    }
    const activation = activationOf(initial.activation);
    const kind = kindOf(activation);
    // The built module trains what passed its check here; a module built for a test trains every kind.
    if (!kind || (build.module === simdModule() && !simdActivations().has(kind))) {
      throw new RangeError(
        `the simd kernel does not train ${activation.name} hidden layers here (its ${activation.name} differs from Math's)`,
      );
    }
    this.act = activationCode(kind);
    this.leak = activation.leak ?? 0;
    const sizes = [...initial.layers];
    const L = sizes.length - 1;
    const m = train.m;
    this.layers = sizes;
    this.lr = learningRate;
    this.m = m;
    this.invM = 1 / m;
    this.y = train.y;

    // Lay out the memory (byte addresses): header and records, then parameters, scratch, data.
    let top = alignV128(recordAt(layout, L + 1));
    const alloc = (bytes: number): number => {
      const at = top;
      top = alignV128(top + bytes);
      return at;
    };
    const f64s = (count: number): number => alloc(count * F64_BYTES);
    // A group's rows of s float64s, sample q's at +rowBytes·q.
    const rows = (s: number): number => alloc((layout.samples - 1) * layout.rowBytes + s * F64_BYTES);
    const rec: FieldValues<SimdLayout['records']>[] = [];
    for (let l = 0; l <= L; l++) {
      const n = sizes[l]!;
      const s = stride(n);
      if (l === 0) {
        // The inputs' record: their width and the rows the group's inputs are copied to.
        rec.push({ n, s, Wr: 0, Wc: 0, b: 0, g: 0, h: 0, dz: 0, act: rows(s), slope: 0 });
      } else {
        const sPrev = stride(sizes[l - 1]!);
        // φ′ rows for the hidden layers of an activation other than relu (relu's mask reads act).
        const slope = l < L && kind !== 'relu' ? rows(s) : 0;
        rec.push({
          n,
          s,
          Wr: f64s(n * sPrev),
          Wc: f64s(sPrev * s),
          b: f64s(s),
          g: f64s(n * sPrev),
          h: f64s(s),
          dz: rows(s),
          act: rows(s),
          slope,
        });
      }
    }
    const n0 = sizes[0]!;
    const s0 = stride(n0);
    const X = f64s(m * s0);
    // The last group of samples may hold phantoms: room for them past the m real ones.
    const Y = f64s(m + layout.samples - 1);
    const OUT = f64s(m + layout.samples - 1);
    const { exports, memory } = instantiate(build, top);
    this.step_ = exports.step;

    const i32 = new Int32Array(memory.buffer);
    writeFields(i32, layout.header, { L, m, X, Y, OUT });
    rec.forEach((r, l) => writeFields(i32, layout.records, r, l));
    const heap = new Float64Array(memory.buffer);
    this.heap = heap;
    // Inputs sample-major with the even stride s0 (x is n0 × m, unit-major); labels; the outputs' view.
    const x0 = X / F64_BYTES;
    for (let j = 0; j < m; j++) for (let k = 0; k < n0; k++) heap[x0 + j * s0 + k] = train.x[k * m + j]!;
    heap.set(train.y.subarray(0, m), Y / F64_BYTES);
    this.out = heap.subarray(OUT / F64_BYTES, OUT / F64_BYTES + m);

    this.arrays = rec.slice(1).map((r) => ({ Wr: r.Wr / F64_BYTES, Wc: r.Wc / F64_BYTES, b: r.b / F64_BYTES }));
    this.p = zeroParams(sizes, initial.activation);
    for (let l = 1; l <= L; l++) {
      const n = sizes[l]!;
      const nPrev = sizes[l - 1]!;
      const s = stride(n);
      const sPrev = stride(nPrev);
      const a = this.arrays[l - 1]!;
      const W = initial.W[l - 1]!;
      for (let r = 0; r < n; r++) {
        for (let k = 0; k < nPrev; k++) {
          heap[a.Wr + r * sPrev + k] = W[r * nPrev + k]!;
          heap[a.Wc + k * s + r] = W[r * nPrev + k]!;
        }
      }
      heap.set(initial.b[l - 1]!, a.b);
    }
  }

  /**
   * The current parameters, copied out of the kernel's memory into arrays
   * this kernel owns (refreshed by each call: later steps do not move them).
   */
  params(): Params {
    const { layers, heap, p } = this;
    for (let l = 1; l < layers.length; l++) {
      const n = layers[l]!;
      const nPrev = layers[l - 1]!;
      const sPrev = stride(nPrev);
      const a = this.arrays[l - 1]!;
      const W = p.W[l - 1]!;
      for (let r = 0; r < n; r++) W.set(heap.subarray(a.Wr + r * sPrev, a.Wr + r * sPrev + nPrev), r * nPrev);
      p.b[l - 1]!.set(heap.subarray(a.b, a.b + n));
    }
    return p;
  }

  /**
   * The step runs in WebAssembly; the cost, when asked for, is summed here over
   * the outputs it left behind, exactly as crossEntropy does: terms in sample
   * order, NaN terms (0·∞) skipped, NaN when an output is NaN, times 1/m.
   */
  step(withCost: boolean): number {
    this.step_(this.lr, this.act, this.leak);
    if (!withCost) return NaN;
    const { out, y, m } = this;
    let sum = 0;
    for (let j = 0; j < m; j++) {
      const a = out[j]!;
      if (a !== a) return NaN;
      const yj = y[j]!;
      const t = -Math.log(a) * yj + -Math.log(1 - a) * (1 - yj);
      if (t === t) sum += t;
    }
    return this.invM * sum;
  }
}
