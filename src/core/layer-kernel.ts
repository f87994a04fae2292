/**
 * The layer kernel: layer-major passes for wide hidden layers. All samples go
 * through one layer's Z = W·A + b before the next layer starts; backward,
 * dW = dZ·Aᵀ then dA = Wᵀ·dZ, layer by layer. The products run in WebAssembly
 * (./wasm/layer.wat, generated from LAYER_LAYOUT), in register tiles that
 * block over the entries they compute and never over a sum, so every entry is
 * GenericKernel's chain of float64 additions in its order: bit-identical.
 *
 * What is not a product runs here, with the very functions GenericKernel
 * calls on the same float64s: the hidden activation's forward and backward
 * (activations.ts; relu alone is fused into the products, as numpy's max and
 * mask), the output's sigmoid, the cost and the output delta. So every
 * activation of the table trains here, bit for bit.
 *
 * With a helper (a second thread on the same shared memory, which src/engine
 * starts: the core starts none), each product is split by its output rows:
 * the helper computes one block of the entries, this thread the other, and
 * join() is the barrier before the next pass reads them. Every entry is still
 * one whole sum computed by one thread in the generic kernel's order, so the
 * bits do not depend on the thread count.
 */
import { activationOf, type Activation } from './activations.js';
import type { Dataset } from './datasets.js';
import { zeroParams, type Params } from './network.js';
import type { Kernel } from './train.js';
import { LAYER_WASM_BASE64 } from './wasm/layer-wasm.generated.js';
import { F64_BYTES, LAYER_LAYOUT, layerMaxUnits, PAGE_BYTES, V128_BYTES, type LayerLayout } from './wasm/layout.js';

interface LayerExports {
  readonly forward: (A: number, Wc: number, b: number, Z: number, m: number, n: number, pairs: number, relu: number) => void;
  readonly grads: (D: number, A: number, g: number, h: number, m: number, n: number, pairs: number, outPairs: number) => void;
  readonly back: (D: number, Wr: number, O: number, act: number, m: number, n: number, pairs: number, relu: number) => void;
  readonly update: (
    Wr: number,
    Wc: number,
    g: number,
    b: number,
    h: number,
    lr: number,
    n: number,
    nIn: number,
    pairs: number,
    outPairs: number,
  ) => void;
}

/** The products a helper runs, by their index in start(). */
export const LAYER_PRODUCTS = ['forward', 'grads', 'back', 'update'] as const;
const FORWARD = 0;
const GRADS = 1;
const BACK = 2;
const UPDATE = 3;

/**
 * A second thread that runs the module's exports on the kernel's memory: the
 * kernel writes a call's arguments (at most 10, in the export's order) into
 * `args`, start(product) hands the call over and returns at once, join()
 * returns once it is done (and throws if the thread failed). close() ends the
 * thread; the kernel trains on alone after it.
 */
export interface LayerHelper {
  readonly args: Float64Array;
  start(product: number): void;
  join(): void;
  close(): void;
}

/** Starts a helper for this module and its (shared) memory. */
export type LayerHelperFactory = (module: WebAssembly.Module, memory: WebAssembly.Memory, layout: LayerLayout) => LayerHelper;

/** A compiled layer module and the layout its text came from (tests build others). */
export interface LayerBuild {
  readonly module: WebAssembly.Module;
  readonly layout: LayerLayout;
}

/** Widest layer the kernel takes: one row of the layout. */
export const LAYER_MAX_UNITS = layerMaxUnits(LAYER_LAYOUT);

function decodeBase64(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** undefined: not tried yet; null: no WebAssembly SIMD here. */
let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, once per process; null where WebAssembly SIMD does not run. */
export function layerModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    compiled = null;
    try {
      const bytes = decodeBase64(LAYER_WASM_BASE64);
      if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** Whether the layer kernel runs here for these layer sizes: one output, every layer 1..LAYER_MAX_UNITS units. */
export function layerSupports(layers: readonly number[]): boolean {
  if (layers.length < 2 || layers[layers.length - 1] !== 1) return false;
  return layers.every((n) => Number.isInteger(n) && n >= 1 && n <= LAYER_MAX_UNITS) && layerModule() !== null;
}

const pairsOf = (n: number): number => (n + 1) >> 1;

/** Addresses (bytes) of one layer's arrays; act and Z of layer 0 are the inputs. */
interface LayerAt {
  n: number;
  Wr: number;
  Wc: number;
  b: number;
  g: number;
  h: number;
  Z: number;
  act: number;
  D: number;
}

export class LayerKernel implements Kernel {
  readonly name = 'layer';
  private readonly x: LayerExports;
  private readonly heap: Float64Array;
  private readonly at: LayerAt[];
  private readonly act: Activation;
  private readonly relu: number;
  private readonly lr: number;
  private readonly m: number;
  private readonly invM: number;
  private readonly y: Float64Array;
  private readonly rowF: number;
  /** Per hidden layer l, sample j: views of its Z, act and D rows (n_l entries), for the activation's array ops. */
  private readonly rows: { z: Float64Array[]; a: Float64Array[]; d: Float64Array[] }[];
  private readonly p: Params;
  private helper: LayerHelper | undefined;

  constructor(initial: Params, train: Dataset, learningRate: number, build: LayerBuild | null = layerBuild(), helper?: LayerHelperFactory) {
    if (!build) throw new RangeError('the layer kernel needs WebAssembly SIMD, which this runtime does not offer');
    const { layout } = build;
    const sizes = [...initial.layers];
    const widest = layerMaxUnits(layout);
    if (sizes.length < 2 || sizes[sizes.length - 1] !== 1 || !sizes.every((n) => Number.isInteger(n) && n >= 1 && n <= widest)) {
      throw new RangeError(`the layer kernel does not cover layers ${sizes.join(',')} (output 1, up to ${widest} units a layer)`);
    }
    const L = sizes.length - 1;
    const m = train.m;
    const ROW = layout.rowBytes;
    this.rowF = ROW / F64_BYTES;
    this.act = activationOf(initial.activation);
    this.relu = this.act.name === 'relu' ? 1 : 0;
    this.lr = learningRate;
    this.m = m;
    this.invM = 1 / m;
    this.y = train.y;

    // Every array a stack of rows ROW bytes apart, each starting on a cache line.
    let top = 64;
    const rows = (count: number): number => {
      const at = top;
      top += Math.ceil((count * ROW) / 64) * 64;
      return at;
    };
    const vec = (n: number): number => {
      const at = top;
      top += Math.ceil((pairsOf(n) * V128_BYTES) / 64) * 64;
      return at;
    };
    const keepZ = this.act.needsZ;
    this.at = sizes.map((n, l) => {
      if (l === 0) {
        const X = rows(m);
        return { n, Wr: 0, Wc: 0, b: 0, g: 0, h: 0, Z: X, act: X, D: 0 };
      }
      const Z = rows(m);
      const act = l < L && keepZ ? rows(m) : Z;
      return { n, Wr: rows(n), Wc: rows(sizes[l - 1]!), b: vec(n), g: rows(n), h: vec(n), Z, act, D: rows(m) };
    });
    const pages = Math.max(layout.minPages, Math.ceil(top / PAGE_BYTES));
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
    const instance = new WebAssembly.Instance(build.module, { [layout.memory.module]: { [layout.memory.name]: memory } });
    this.x = instance.exports as unknown as LayerExports;
    const heap = new Float64Array(memory.buffer);
    this.heap = heap;
    const F = this.rowF;
    const ix = (addr: number): number => addr / F64_BYTES;

    const n0 = sizes[0]!;
    const X = ix(this.at[0]!.act);
    for (let j = 0; j < m; j++) for (let k = 0; k < n0; k++) heap[X + j * F + k] = train.x[k * m + j]!;
    for (let l = 1; l <= L; l++) {
      const a = this.at[l]!;
      const n = sizes[l]!;
      const nIn = sizes[l - 1]!;
      const W = initial.W[l - 1]!;
      for (let r = 0; r < n; r++) {
        for (let k = 0; k < nIn; k++) {
          heap[ix(a.Wr) + r * F + k] = W[r * nIn + k]!;
          heap[ix(a.Wc) + k * F + r] = W[r * nIn + k]!;
        }
      }
      heap.set(initial.b[l - 1]!, ix(a.b));
    }
    const view = (addr: number, j: number, n: number): Float64Array => heap.subarray(ix(addr) + j * F, ix(addr) + j * F + n);
    this.rows = this.at.map((a, l) =>
      l === 0 || l === L || this.relu
        ? { z: [], a: [], d: [] }
        : {
            z: Array.from({ length: m }, (_, j) => view(a.Z, j, a.n)),
            a: Array.from({ length: m }, (_, j) => view(a.act, j, a.n)),
            d: Array.from({ length: m }, (_, j) => view(a.D, j, a.n)),
          },
    );
    this.p = zeroParams(sizes, initial.activation);
    this.helper = helper?.(build.module, memory, layout);
  }

  /** Ends the helper thread, if there is one (training goes on, on this thread alone). */
  close(): void {
    this.helper?.close();
    this.helper = undefined;
  }

  // The four products, each split in two blocks of output rows when a helper is
  // there and there are two pairs of rows to share (q pairs here, the rest there):
  // the same call with its output pointers moved to the helper's first row and
  // its row count cut, so each entry's sum is untouched.

  /**
   * forward (Z over the unit pairs) or back (dA over the input pairs): the same
   * shape of call, (src, matrix, vector, out, m, n, pairs, relu), whose last
   * three pointers step one pair per pair; this thread the first q, the helper the rest.
   */
  private pairs(
    product: typeof FORWARD | typeof BACK,
    s: number,
    w: number,
    v: number,
    out: number,
    n: number,
    pairs: number,
    relu: number,
  ): void {
    const { x, m, helper: h } = this;
    const call = product === FORWARD ? x.forward : x.back;
    if (!h || pairs < 2) return call(s, w, v, out, m, n, pairs, relu);
    const q = pairs >> 1;
    const o = q * V128_BYTES;
    const g = h.args;
    g[0] = s;
    g[1] = w + o;
    g[2] = v + o;
    g[3] = out + o;
    g[4] = m;
    g[5] = n;
    g[6] = pairs - q;
    g[7] = relu;
    h.start(product);
    call(s, w, v, out, m, n, q, relu);
    h.join();
  }

  /** dW and db over the units: this thread the first 2q rows (q pairs of db), the helper the rest. */
  private grads(D: number, A: number, gr: number, hb: number, n: number, pairs: number, outPairs: number): void {
    const { x, m, helper: h, rowF } = this;
    if (!h || outPairs < 2) return x.grads(D, A, gr, hb, m, n, pairs, outPairs);
    const q = outPairs >> 1;
    const o = q * V128_BYTES;
    const g = h.args;
    g[0] = D + o;
    g[1] = A;
    g[2] = gr + 2 * q * rowF * F64_BYTES;
    g[3] = hb + o;
    g[4] = m;
    g[5] = n - 2 * q;
    g[6] = pairs;
    g[7] = outPairs - q;
    h.start(GRADS);
    x.grads(D, A, gr, hb, m, 2 * q, pairs, q);
    h.join();
  }

  /** The update over the units: this thread the first 2q rows (and their columns of Wc), the helper the rest. */
  private update(Wr: number, Wc: number, gr: number, b: number, hb: number, n: number, nIn: number, pairs: number, outPairs: number): void {
    const { x, lr, helper: h, rowF } = this;
    if (!h || outPairs < 2) return x.update(Wr, Wc, gr, b, hb, lr, n, nIn, pairs, outPairs);
    const q = outPairs >> 1;
    const o = q * V128_BYTES;
    const rows = 2 * q * rowF * F64_BYTES;
    const g = h.args;
    g[0] = Wr + rows;
    g[1] = Wc + o;
    g[2] = gr + rows;
    g[3] = b + o;
    g[4] = hb + o;
    g[5] = lr;
    g[6] = n - 2 * q;
    g[7] = nIn;
    g[8] = pairs;
    g[9] = outPairs - q;
    h.start(UPDATE);
    x.update(Wr, Wc, gr, b, hb, lr, 2 * q, nIn, pairs, q);
    h.join();
  }

  params(): Params {
    const { heap, at, p, rowF } = this;
    for (let l = 1; l < at.length; l++) {
      const a = at[l]!;
      const nIn = at[l - 1]!.n;
      const W = p.W[l - 1]!;
      const base = a.Wr / F64_BYTES;
      for (let r = 0; r < a.n; r++) W.set(heap.subarray(base + r * rowF, base + r * rowF + nIn), r * nIn);
      p.b[l - 1]!.set(heap.subarray(a.b / F64_BYTES, a.b / F64_BYTES + a.n));
    }
    return p;
  }

  /**
   * GenericKernel.step's operations in its order: forward layer by layer, the
   * cost over the sigmoid's outputs (terms in sample order, NaN terms skipped,
   * NaN when an output is NaN, times 1/m), the deltas, every update last.
   */
  step(withCost: boolean): number {
    const { heap, at, act, relu, m, rows, rowF } = this;
    const L = at.length - 1;
    for (let l = 1; l <= L; l++) {
      const a = at[l]!;
      const prev = at[l - 1]!;
      this.pairs(FORWARD, prev.act, a.Wc, a.b, a.Z, prev.n, pairsOf(a.n), l < L ? relu : 0);
      if (l < L && !relu) {
        const rz = rows[l]!;
        for (let j = 0; j < m; j++) {
          const ra = rz.a[j]!;
          if (ra !== rz.z[j]) ra.set(rz.z[j]!);
          act.forward(ra, a.n);
        }
      }
    }
    // The output: a = 1 / (1 + e^(-z)) (kernels.ts sigmoid), the cost, dz = (1/m)·(a - y).
    const out = at[L]!;
    const z0 = out.Z / F64_BYTES;
    const d0 = out.D / F64_BYTES;
    const { y, invM } = this;
    let sum = 0;
    let diverged = false;
    for (let j = 0; j < m; j++) {
      const aj = 1 / (1 + Math.exp(-heap[z0 + j * rowF]!));
      const yj = y[j]!;
      if (withCost) {
        if (aj !== aj) diverged = true;
        const t = -Math.log(aj) * yj + -Math.log(1 - aj) * (1 - yj);
        if (t === t) sum += t;
      }
      heap[d0 + j * rowF] = invM * (aj - yj);
    }
    for (let l = L; l >= 1; l--) {
      const a = at[l]!;
      const prev = at[l - 1]!;
      this.grads(a.D, prev.act, a.g, a.h, a.n, pairsOf(prev.n), pairsOf(a.n));
      if (l > 1) {
        this.pairs(BACK, a.D, a.Wr, prev.D, prev.act, a.n, pairsOf(prev.n), relu);
        if (!relu) {
          const r = rows[l - 1]!;
          for (let j = 0; j < m; j++) act.backward(r.d[j]!, r.z[j]!, r.a[j]!, prev.n);
        }
      }
    }
    for (let l = 1; l <= L; l++) {
      const a = at[l]!;
      const nIn = at[l - 1]!.n;
      this.update(a.Wr, a.Wc, a.g, a.b, a.h, a.n, nIn, pairsOf(nIn), pairsOf(a.n));
    }
    if (!withCost || diverged) return NaN;
    return invM * sum;
  }
}

function layerBuild(): LayerBuild | null {
  const mod = layerModule();
  return mod && { module: mod, layout: LAYER_LAYOUT };
}
