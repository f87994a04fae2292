/**
 * Why a scheme fails, in numbers: per layer the weight norm and the gradient
 * norm, the share of dead units, the spread of the layer's activations, the
 * signal's and the gradient's second moments (measured, and predicted by
 * theory.ts when given), the relative size of one update, the share of
 * saturated sigmoid outputs, the symmetry meter — how many distinct units a
 * hidden layer really has — and the accuracies.
 * Pure: parameters in (before and after one step), numbers out.
 */
import { activationOf } from './activations.js';
import type { Dataset } from './datasets.js';
import type { Params } from './network.js';
import { affine, backWeights, outputDelta, sigmoid, weightGrads } from './kernels.js';
import type { NetworkTheory } from './theory.js';
import { accuracy } from './train.js';

export interface LayerDiagnostics {
  /** Frobenius norm of W_l. */
  readonly weightNorm: number;
  /** Frobenius norm of dW_l, recovered from one step: (W_before - W_after) / lr. */
  readonly gradNorm: number;
  readonly units: number;
  /** Units whose (incoming weights, bias) are all different: 1 means perfect symmetry. */
  readonly distinct: number;
  /** Units whose gradient rows are all different (zeros: 1, every unit learns the same). */
  readonly distinctGrads: number;
  /**
   * Hidden layers: the share of units whose activation has slope 0 at every
   * training point (dead ReLUs: output 0 everywhere; a saturated tanh or
   * sigmoid); 0 for the output layer.
   */
  readonly dead: number;
  /**
   * How far the signal carries: the population standard deviation of the
   * layer's output a_l (after its ReLU, or the sigmoid for the last layer)
   * over all o × m values, o units times m training points:
   *   sd = sqrt( (1 / (o·m)) · Σ_{r,j} (a_l[r, j] - mean)² ),  mean = (1 / (o·m)) · Σ_{r,j} a_l[r, j].
   * One number per layer, not per unit, so it says whether the layer's outputs
   * spread at all (zeros: exactly 0) and at what scale (×10: ×10 per layer).
   * NaN when an activation is not finite.
   */
  readonly activationSd: number;
  /** The signal (SPEC §6.4): the mean of z_l² over units × training points, z_l = W_l·a_{l-1} + b_l. */
  readonly signal: number;
  /** The gradient's signal: the mean of (m · dz_l)² over units × training points, from this step's backward pass. */
  readonly gradSignal: number;
  /** theory.ts's q_l beside `signal`; NaN where no theory was given. */
  readonly signalTheory: number;
  /**
   * theory.ts's r_l, which predicts gradSignal_l / gradSignal_{L-1} (relative
   * to the last hidden layer); NaN for the output layer and where no theory was given.
   */
  readonly gradSignalTheory: number;
  /** ‖ΔW_l‖ / ‖W_l‖ of the step: how much one update moves the layer, relatively. */
  readonly relativeUpdate: number;
  /** How the layer's outputs a_l (units × training points) are spread: the signal view's histogram. */
  readonly histogram: Histogram;
}

/**
 * Counts of values in HISTOGRAM_BINS equal bins from the smallest finite value
 * `lo` to the largest `hi` (the last bin includes hi; all in the first bin when
 * lo = hi), and how many values were not finite.
 */
export interface Histogram {
  readonly lo: number;
  readonly hi: number;
  readonly counts: readonly number[];
  readonly nonFinite: number;
}

export const HISTOGRAM_BINS = 24;

/** The histogram of the first `len` values of a (one pass for the range, one for the counts). */
export function histogram(a: Float64Array, len: number, bins = HISTOGRAM_BINS): Histogram {
  let lo = Infinity;
  let hi = -Infinity;
  let nonFinite = 0;
  for (let i = 0; i < len; i++) {
    const v = a[i]!;
    if (v - v !== 0) nonFinite++;
    else {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const counts = new Array<number>(bins).fill(0);
  if (nonFinite === len) return { lo: NaN, hi: NaN, counts, nonFinite };
  const width = (hi - lo) / bins;
  for (let i = 0; i < len; i++) {
    const v = a[i]!;
    if (v - v !== 0) continue;
    // A width that is 0 (every value the same) or that overflows puts all in one bin rather than NaN.
    const k = width > 0 && Number.isFinite(width) ? Math.min(bins - 1, Math.floor((v - lo) / width)) : 0;
    counts[k]!++;
  }
  return { lo, hi, counts, nonFinite };
}

export interface Diagnostics {
  /** Layer l at index l - 1; the last entry is the sigmoid output layer. */
  readonly layers: readonly LayerDiagnostics[];
  /**
   * The share of training points where the sigmoid output is saturated:
   * a(1 - a) < 0.01, i.e. its slope is under 4% of its peak (a outside ~[0.01, 0.99]).
   */
  readonly saturated: number;
  /** Accuracy of these parameters on the training and the test set (as the run's result counts it). */
  readonly trainAccuracy: number;
  readonly testAccuracy: number;
  /** The prediction at initialization (theory.ts) when the caller gave it, else null. */
  readonly theory: NetworkTheory | null;
}

/**
 * How many different rows (units) a matrix has, row r being W[r, ·] and b[r];
 * rows are equal when their values are (−0 equals 0, NaN equals NaN). Rows are
 * bucketed by a hash of their values and compared exactly within a bucket, so
 * a wide layer costs one pass, not a string per row.
 */
export function distinctRows(W: Float64Array, b: Float64Array | undefined, rows: number, cols: number): number {
  const one = new Float64Array(1);
  const bits = new Uint32Array(one.buffer);
  const mix = (h: number, v: number): number => {
    one[0] = v === 0 ? 0 : v !== v ? NaN : v;
    h = Math.imul(h ^ bits[0]!, 0x9e3779b1);
    return Math.imul(h ^ bits[1]!, 0x85ebca77);
  };
  const same = (x: number, y: number): boolean => x === y || (x !== x && y !== y);
  const equal = (r: number, s: number): boolean => {
    for (let k = 0; k < cols; k++) if (!same(W[r * cols + k]!, W[s * cols + k]!)) return false;
    return !b || same(b[r]!, b[s]!);
  };
  const buckets = new Map<number, number[]>();
  let count = 0;
  for (let r = 0; r < rows; r++) {
    let h = 0x811c9dc5;
    for (let k = 0; k < cols; k++) h = mix(h, W[r * cols + k]!);
    if (b) h = mix(h, b[r]!);
    const bucket = buckets.get(h);
    if (!bucket) buckets.set(h, [r]);
    else if (bucket.some((s) => equal(r, s))) continue;
    else bucket.push(r);
    count++;
  }
  return count;
}

function norm(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * a[i]!;
  return Math.sqrt(s);
}

/** Frobenius norm of (before - after) / lr, without a gradient buffer. */
function stepNorm(before: Float64Array, after: Float64Array, lr: number): number {
  let s = 0;
  for (let i = 0; i < after.length; i++) {
    const g = (before[i]! - after[i]!) / lr;
    s += g * g;
  }
  return Math.sqrt(s);
}

/**
 * Population standard deviation of the first `len` values of `a` (see
 * LayerDiagnostics.activationSd). Two passes, shifted by the first value: the
 * deviations of a constant layer are exactly 0, so its sd is exactly 0, and a
 * large common offset does not eat the digits of a small spread.
 */
export function populationSd(a: Float64Array, len: number): number {
  if (len === 0) return NaN;
  const shift = a[0]!;
  let sum = 0;
  for (let i = 0; i < len; i++) sum += a[i]! - shift;
  const mean = sum / len;
  let sq = 0;
  for (let i = 0; i < len; i++) {
    const d = a[i]! - shift - mean;
    sq += d * d;
  }
  return Math.sqrt(sq / len);
}

/** The mean of x² over the first `len` values, times scale² (scale m turns dz into the per-sample gradient). */
function meanSquare(a: Float64Array, len: number, scale = 1): number {
  let s = 0;
  for (let i = 0; i < len; i++) {
    const v = scale * a[i]!;
    s += v * v;
  }
  return s / len;
}

/**
 * Diagnostics of the network `before`, over the training set, with the
 * gradients of the step it took from there to `after` at learning rate `lr`:
 * the network at iteration i (after i updates) and the gradient of iteration i.
 * `theory` (theory.ts), when given, is set beside the measured signals.
 */
export function diagnose(before: Params, after: Params, lr: number, train: Dataset, test: Dataset, theory?: NetworkTheory): Diagnostics {
  return measure(before, after, lr, train, test, theory);
}

/**
 * diagnose, or (after = null) diagnoseAt: then the step's weights are made here
 * from this backward pass's gradients, W - lr·dW, with GenericKernel's very
 * operations (weightGrads, then sgd's p - lr·g), so they are the bits a copy's
 * step would give, for one pass instead of two.
 */
function measure(before: Params, given: Params | null, lr: number, train: Dataset, test: Dataset, theory?: NetworkTheory): Diagnostics {
  const sizes = before.layers;
  const L = sizes.length - 1;
  const m = train.m;
  const act = activationOf(before.activation);
  // Forward, as GenericKernel: a_l of every layer (the backward pass reads them), z_l where the slope needs it.
  const acts: Float64Array[] = [train.x];
  const zs: Float64Array[] = [train.x];
  const signal: number[] = [];
  let saturated = 0;
  let right = 0;
  for (let l = 1; l <= L; l++) {
    const o = sizes[l]!;
    const z = new Float64Array(o * m);
    affine(before.W[l - 1]!, before.b[l - 1]!, acts[l - 1]!, z, o, sizes[l - 1]!, m);
    signal.push(meanSquare(z, o * m));
    const a = l < L && act.needsZ ? z.slice() : z;
    if (l < L) act.forward(a, o * m);
    else {
      sigmoid(a, m);
      for (let j = 0; j < m; j++) {
        if (!(a[j]! * (1 - a[j]!) >= 0.01)) saturated++;
        // The notebook's predict: 1 where a_L > 0.5 (the same forward pass as `accuracy`).
        if ((a[j]! > 0.5 ? 1 : 0) === train.y[j]) right++;
      }
    }
    acts.push(a);
    zs.push(z);
  }
  // Backward, as GenericKernel: dz_L = (a_L - y)/m, dz_{l-1} = (W_lᵀ·dz_l) ⊙ φ′.
  const gradSignal = new Array<number>(L).fill(NaN);
  const stepped: Float64Array[] = [];
  /** W_l after the step, from dz_l (only without `given`). */
  const step = (l: number, dzl: Float64Array): void => {
    if (given) return;
    const W = before.W[l - 1]!;
    const dW = new Float64Array(W.length);
    weightGrads(dzl, acts[l - 1]!, dW, new Float64Array(sizes[l]!), sizes[l]!, sizes[l - 1]!, m);
    // sgd's p - lr·g, into the gradient's buffer.
    for (let i = 0; i < dW.length; i++) dW[i] = W[i]! - lr * dW[i]!;
    stepped[l - 1] = dW;
  };
  let dz = new Float64Array(m);
  outputDelta(acts[L]!, train.y, dz, m);
  gradSignal[L - 1] = meanSquare(dz, m, m);
  step(L, dz);
  for (let l = L; l > 1; l--) {
    const n = sizes[l - 1]!;
    const prev = new Float64Array(n * m);
    backWeights(before.W[l - 1]!, dz, prev, sizes[l]!, n, m);
    act.backward(prev, zs[l - 1]!, acts[l - 1]!, n * m);
    gradSignal[l - 2] = meanSquare(prev, n * m, m);
    step(l - 1, prev);
    dz = prev;
  }
  const layers: LayerDiagnostics[] = [];
  for (let l = 1; l <= L; l++) {
    const o = sizes[l]!;
    const n = sizes[l - 1]!;
    const W = before.W[l - 1]!;
    const Wafter = given ? given.W[l - 1]! : stepped[l - 1]!;
    let dead = 0;
    if (l < L) {
      // The slope at every point: backward over ones gives φ′ itself.
      const slope = new Float64Array(o * m).fill(1);
      act.backward(slope, zs[l]!, acts[l]!, o * m);
      for (let r = 0; r < o; r++) {
        let alive = false;
        for (let j = 0; j < m && !alive; j++) if (slope[r * m + j]! !== 0) alive = true;
        if (!alive) dead++;
      }
    }
    let distinctGrads = 1;
    if (o > 1) {
      const g = new Float64Array(W.length);
      for (let i = 0; i < g.length; i++) g[i] = (W[i]! - Wafter[i]!) / lr;
      distinctGrads = distinctRows(g, undefined, o, n);
    }
    const weightNorm = norm(W);
    layers.push({
      weightNorm,
      gradNorm: stepNorm(W, Wafter, lr),
      units: o,
      distinct: distinctRows(W, before.b[l - 1]!, o, n),
      distinctGrads,
      dead: l < L ? dead / o : 0,
      activationSd: populationSd(acts[l]!, o * m),
      signal: signal[l - 1]!,
      gradSignal: gradSignal[l - 1]!,
      signalTheory: theory ? theory.signal[l - 1]! : NaN,
      gradSignalTheory: theory ? theory.gradSignal[l - 1]! : NaN,
      relativeUpdate: stepNorm(W, Wafter, 1) / weightNorm,
      histogram: histogram(acts[l]!, o * m),
    });
  }
  return { layers, saturated: saturated / m, trainAccuracy: right / m, testAccuracy: accuracy(before, test), theory: theory ?? null };
}

/**
 * Diagnostics of `params` as they stand, with the gradient of the step they
 * would take next. That step is computed here, not taken (its weights are the
 * bits GenericKernel's step would give, and every kernel's are those), so
 * `params` and whatever run they belong to are not touched: a run's numbers are
 * the same with or without it.
 */
export function diagnoseAt(params: Params, lr: number, train: Dataset, test: Dataset, theory?: NetworkTheory): Diagnostics {
  return measure(params, null, lr, train, test, theory);
}
