/**
 * The hidden layers' activations (SPEC §6.1), one table: each row is the
 * forward op with its derivative as backprop uses it right beside it, the
 * mean-field moments of §6.4, the recommended gain and a line of help. The
 * network code never names an activation; it reads a row.
 *
 * The ops follow numpy's operation order (oracle/oracle.py), so a run matches
 * the oracle to rounding. The output layer is always the sigmoid of kernels.ts.
 */
import { sigmoid } from './kernels.js';

export interface Activation {
  /** As typed: `relu`, `leaky-relu:0.2`, ... */
  readonly name: string;
  /** φ(z), in numpy's words (help, legends). */
  readonly formula: string;
  /** φ′ as backprop uses it, in numpy's words. */
  readonly slope: string;
  /** What it is, in a few words (help). */
  readonly help: string;
  /** PyTorch's `calculate_gain`: the weight scale G of G·sqrt(1/n_prev) that keeps the signal's size. */
  readonly gain: number;
  /** Whether `backward` reads z (else only a = φ(z)): a kernel keeps z only for these. */
  readonly needsZ: boolean;
  /** leaky-relu's A, the slope below 0 (for kernels that take it as a number). */
  readonly leak?: number;
  /** a = φ(z), in place over `len` entries. */
  forward(z: Float64Array, len: number): void;
  /**
   * d ← d ⊙ φ′, in place over `len` entries: d holds Wᵀ·dz on the way in and
   * dz_prev on the way out; z is the pre-activation (read only when `needsZ`),
   * a = φ(z).
   */
  backward(d: Float64Array, z: Float64Array, a: Float64Array, len: number): void;
  /**
   * The same ops on one number, as JavaScript source for code generators
   * (fused-kernel.ts): `forward(v)` is φ(v), `backward(d, z, a)` the new d,
   * each an expression over the identifiers passed in (read more than once).
   * They are forward's and backward's operations in their order, with the
   * same constants; a test holds them to the array ops bit for bit.
   */
  readonly js: { forward(v: string): string; backward(d: string, z: string, a: string): string };
  /** E[φ(z)²] for z ~ N(0, q). */
  meanSquare(q: number): number;
  /** E[φ′(z)²] for z ~ N(0, q). */
  meanSquareSlope(q: number): number;
}

/** SELU's constants (Klambauer et al. 2017), as SPEC §6.1 and PyTorch write them. */
export const SELU_LAMBDA = 1.0507009873554805;
export const SELU_ALPHA = 1.6732632423543772;

export const DEFAULT_ACTIVATION = 'relu';
export const DEFAULT_LEAK = 0.01;

// --- E[f(z)], z ~ N(0, q), by quadrature ---

/** Gauss–Legendre nodes and weights on [-1, 1], by Newton's method on P_n (accurate to a few ulps). */
function gaussLegendre(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let t = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = t;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * t * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (t * p1 - p0)) / (t * t - 1);
      const step = p1 / dp;
      t -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    x[i] = t;
    w[i] = 2 / ((1 - t * t) * dp * dp);
  }
  return { x, w };
}

const GL = gaussLegendre(20);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * E[f(z)] for z ~ N(0, q): ∫₀^∞ (f(s·t) + f(-s·t)) · N(t) dt with s = √q and N
 * the standard normal density, by 20-point Gauss–Legendre on panels.
 *
 * Not Gauss–Hermite on the whole line: the kinks of relu, leaky-relu and selu
 * at 0 and the steps of their slopes would cost it accuracy (folding at 0
 * makes every integrand smooth on each panel), and for a large q the features
 * of tanh and the sigmoid (of width ~1 in z) fall between its nodes. So the
 * panels follow both scales: steps of 1/2 in t up to t = 10 (the tail beyond
 * weighs < 1e-22) and, inside, a doubling ladder 2^k / s around |z| = 1.
 * Measured against scipy's adaptive quad in the tests: within 1e-9 relative
 * from q = 1e-8 to 1e8.
 */
export function gaussianMean(f: (z: number) => number, q: number): number {
  if (!(q >= 0)) return NaN;
  if (q === 0) return f(0);
  if (q === Infinity) return (f(Infinity) + f(-Infinity)) / 2;
  const s = Math.sqrt(q);
  const cuts: number[] = [0];
  for (let k = 1; k <= 20; k++) cuts.push(k / 2);
  for (let k = -10; k <= 10; k++) {
    const t = 2 ** k / s;
    if (t > 0 && t < 10) cuts.push(t);
  }
  cuts.sort((a, b) => a - b);
  let sum = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const lo = cuts[i]!;
    const hi = cuts[i + 1]!;
    if (!(hi > lo)) continue;
    const half = (hi - lo) / 2;
    const mid = (hi + lo) / 2;
    let panel = 0;
    for (let k = 0; k < GL.x.length; k++) {
      const t = mid + half * GL.x[k]!;
      panel += GL.w[k]! * (f(s * t) + f(-s * t)) * Math.exp((-t * t) / 2);
    }
    sum += half * panel;
  }
  return sum * INV_SQRT_2PI;
}

/** φ(z) and φ′(z) at one point, through the row's own array ops (so the moments use the kernel's arithmetic). */
function pointwise(forward: Activation['forward'], backward: Activation['backward']): { phi(z: number): number; slope(z: number): number } {
  const z = new Float64Array(1);
  const a = new Float64Array(1);
  const d = new Float64Array(1);
  return {
    phi(x) {
      a[0] = x;
      forward(a, 1);
      return a[0]!;
    },
    slope(x) {
      z[0] = x;
      a[0] = x;
      forward(a, 1);
      d[0] = 1;
      backward(d, z, a, 1);
      return d[0]!;
    },
  };
}

type Row = Omit<Activation, 'meanSquare' | 'meanSquareSlope'> & {
  /** Closed forms of the moments, where there are (else quadrature over the row's own ops). */
  readonly closed?: { meanSquare(q: number): number; meanSquareSlope(q: number): number };
};

function complete(row: Row): Activation {
  const { closed, ...rest } = row;
  if (closed) return { ...rest, meanSquare: closed.meanSquare, meanSquareSlope: closed.meanSquareSlope };
  const at = pointwise(row.forward, row.backward);
  return {
    ...rest,
    meanSquare: (q) => gaussianMean((x) => at.phi(x) ** 2, q),
    meanSquareSlope: (q) => gaussianMean((x) => at.slope(x) ** 2, q),
  };
}

function leakyRelu(name: string, A: number): Activation {
  // (1 + A²)/2: half the mass is z > 0 (φ = z, φ′ = 1), half z < 0 (φ = A·z, φ′ = A).
  const k = (1 + A * A) / 2;
  return complete({
    name,
    formula: `np.where(z > 0, z, ${A} * z)`,
    slope: `np.where(z > 0, 1.0, ${A})`,
    help: `z for z > 0, else ${A}·z (leaky-relu:A, 0 < A < 1; default ${DEFAULT_LEAK})`,
    gain: Math.sqrt(2 / (1 + A * A)),
    needsZ: false,
    leak: A,
    forward(z, len) {
      for (let i = 0; i < len; i++) {
        const v = z[i]!;
        z[i] = v > 0 ? v : A * v;
      }
    },
    // a > 0 exactly where z > 0 (A > 0), so the mask reads a; d·1.0 is d.
    backward(d, _z, a, len) {
      for (let i = 0; i < len; i++) if (!(a[i]! > 0)) d[i] = d[i]! * A;
    },
    js: { forward: (v) => `(${v} > 0 ? ${v} : ${A} * ${v})`, backward: (d, _z, a) => `(${a} > 0 ? ${d} : ${d} * ${A})` },
    closed: { meanSquare: (q) => k * q, meanSquareSlope: () => k },
  });
}

/** The fixed rows; leaky-relu:A is made by resolveActivation. */
export const ACTIVATIONS: Readonly<Record<string, Activation>> = {
  relu: complete({
    name: 'relu',
    formula: 'np.maximum(0, z)',
    slope: 'a > 0',
    help: "max(0, z), the notebook's (default)",
    gain: Math.SQRT2,
    needsZ: false,
    // NaN stays NaN, as in np.maximum.
    forward(z, len) {
      for (let i = 0; i < len; i++) if (z[i]! < 0) z[i] = 0;
    },
    // numpy multiplies by the mask (a > 0); the select gives the same bits:
    // d·1 = d (−0 and NaN included), and the masked side still multiplies, so
    // ∞·0 stays NaN when a run diverges.
    backward(d, _z, a, len) {
      for (let i = 0; i < len; i++) d[i] = a[i]! > 0 ? d[i]! : d[i]! * 0;
    },
    js: { forward: (v) => `(${v} < 0 ? 0 : ${v})`, backward: (d, _z, a) => `(${a} > 0 ? ${d} : ${d} * 0)` },
    // Half the mass is z > 0: E[z²; z > 0] = q/2, P(z > 0) = 1/2.
    closed: { meanSquare: (q) => q / 2, meanSquareSlope: () => 1 / 2 },
  }),
  'leaky-relu': leakyRelu('leaky-relu', DEFAULT_LEAK),
  tanh: complete({
    name: 'tanh',
    formula: 'np.tanh(z)',
    slope: '1 - a ** 2',
    help: 'tanh(z), zero-centred and saturating at ±1',
    gain: 5 / 3,
    needsZ: false,
    forward(z, len) {
      for (let i = 0; i < len; i++) z[i] = Math.tanh(z[i]!);
    },
    backward(d, _z, a, len) {
      for (let i = 0; i < len; i++) {
        const v = a[i]!;
        d[i] = d[i]! * (1 - v * v);
      }
    },
    js: { forward: (v) => `Math.tanh(${v})`, backward: (d, _z, a) => `(${d} * (1 - ${a} * ${a}))` },
  }),
  sigmoid: complete({
    name: 'sigmoid',
    formula: '1 / (1 + np.exp(-z))',
    slope: 'a * (1 - a)',
    help: '1 / (1 + e^-z) in the hidden layers too: outputs in (0, 1), slope at most 1/4',
    gain: 1,
    needsZ: false,
    forward: sigmoid,
    backward(d, _z, a, len) {
      for (let i = 0; i < len; i++) {
        const v = a[i]!;
        d[i] = d[i]! * (v * (1 - v));
      }
    },
    // kernels.ts's sigmoid, the forward above.
    js: { forward: (v) => `(1 / (1 + Math.exp(-${v})))`, backward: (d, _z, a) => `(${d} * (${a} * (1 - ${a})))` },
  }),
  linear: complete({
    name: 'linear',
    formula: 'z',
    slope: '1',
    help: 'the identity: the network stays a linear (logistic) model, however deep',
    gain: 1,
    needsZ: false,
    forward() {},
    // d·1 is d.
    backward() {},
    js: { forward: (v) => v, backward: (d) => d },
    closed: { meanSquare: (q) => q, meanSquareSlope: () => 1 },
  }),
  selu: complete({
    name: 'selu',
    formula: `${SELU_LAMBDA} * np.where(z > 0, z, ${SELU_ALPHA} * np.expm1(np.minimum(z, 0)))`,
    slope: `${SELU_LAMBDA} * np.where(z > 0, 1.0, ${SELU_ALPHA} * np.exp(np.minimum(z, 0)))`,
    help: 'scaled exponential linear unit: λ·z for z > 0, else λ·α·(e^z - 1); self-normalising at variance 1/n_prev',
    gain: 3 / 4,
    needsZ: true,
    forward(z, len) {
      for (let i = 0; i < len; i++) {
        const v = z[i]!;
        z[i] = SELU_LAMBDA * (v > 0 ? v : SELU_ALPHA * Math.expm1(Math.min(v, 0)));
      }
    },
    backward(d, z, _a, len) {
      for (let i = 0; i < len; i++) {
        const v = z[i]!;
        d[i] = d[i]! * (SELU_LAMBDA * (v > 0 ? 1 : SELU_ALPHA * Math.exp(Math.min(v, 0))));
      }
    },
    js: {
      forward: (v) => `(${SELU_LAMBDA} * (${v} > 0 ? ${v} : ${SELU_ALPHA} * Math.expm1(Math.min(${v}, 0))))`,
      backward: (d, z) => `(${d} * (${SELU_LAMBDA} * (${z} > 0 ? 1 : ${SELU_ALPHA} * Math.exp(Math.min(${z}, 0)))))`,
    },
  }),
};

/** `leaky-relu:A`, A a decimal in (0, 1). */
const LEAKY = /^leaky-relu:([+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)$/;

/** An activation by name: a row of the table or `leaky-relu:A` (0 < A < 1); undefined otherwise. */
export function resolveActivation(name: string): Activation | undefined {
  if (Object.hasOwn(ACTIVATIONS, name)) return ACTIVATIONS[name];
  const m = LEAKY.exec(name);
  if (!m) return undefined;
  const A = Number(m[1]);
  return A > 0 && A < 1 ? leakyRelu(name, A) : undefined;
}

/** For help and error messages: every name, and the leaky-relu:A family. */
export function activationNames(): string[] {
  return [...Object.keys(ACTIVATIONS), 'leaky-relu:A'];
}

/** The activation of a network (Params.activation; absent means the notebook's relu). */
export function activationOf(name: string | undefined): Activation {
  const a = resolveActivation(name ?? DEFAULT_ACTIVATION);
  if (!a) throw new RangeError(`unknown activation "${name}"`);
  return a;
}
