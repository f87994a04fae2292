/**
 * Why a scheme fails, in numbers: per layer the weight norm and the gradient
 * norm, the share of dead ReLU units, the spread of the layer's activations,
 * the share of saturated sigmoid outputs, the symmetry meter — how many
 * distinct units a hidden layer really has — and the accuracies.
 * Pure: parameters in (before and after one step), numbers out.
 */
import type { Dataset } from './datasets.js';
import type { Params } from './network.js';
import { affine, relu, sigmoid } from './kernels.js';
import { accuracy, GenericKernel } from './train.js';

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
  /** Hidden layers: the share of units that output 0 for every training point (dead ReLUs); 0 for the output layer. */
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
}

/** How many different rows (units) a matrix has, row r being W[r, ·] and b[r]; equal means bit-equal. */
export function distinctRows(W: Float64Array, b: Float64Array | undefined, rows: number, cols: number): number {
  const seen = new Set<string>();
  for (let r = 0; r < rows; r++) {
    const key: number[] = [];
    for (let k = 0; k < cols; k++) key.push(W[r * cols + k]!);
    if (b) key.push(b[r]!);
    seen.add(key.join(','));
  }
  return seen.size;
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

/**
 * Diagnostics of the network `before`, over the training set, with the
 * gradients of the step it took from there to `after` at learning rate `lr`:
 * the network at iteration i (after i updates) and the gradient of iteration i.
 */
export function diagnose(before: Params, after: Params, lr: number, train: Dataset, test: Dataset): Diagnostics {
  const sizes = before.layers;
  const L = sizes.length - 1;
  const m = train.m;
  let a = train.x;
  const layers: LayerDiagnostics[] = [];
  let saturated = 0;
  let right = 0;
  for (let l = 1; l <= L; l++) {
    const o = sizes[l]!;
    const n = sizes[l - 1]!;
    const W = before.W[l - 1]!;
    const Wafter = after.W[l - 1]!;
    // The one buffer of the layer: z, then a_l in place (the next layer's input).
    const z = new Float64Array(o * m);
    affine(W, before.b[l - 1]!, a, z, o, n, m);
    let dead = 0;
    if (l < L) {
      relu(z, z.length);
      for (let r = 0; r < o; r++) {
        let alive = false;
        for (let j = 0; j < m && !alive; j++) if (z[r * m + j]! > 0) alive = true;
        if (!alive) dead++;
      }
    } else {
      sigmoid(z, m);
      for (let j = 0; j < m; j++) {
        if (!(z[j]! * (1 - z[j]!) >= 0.01)) saturated++;
        // The notebook's predict: 1 where a_L > 0.5 (the same forward pass as `accuracy`).
        if ((z[j]! > 0.5 ? 1 : 0) === train.y[j]) right++;
      }
    }
    let distinctGrads = 1;
    if (o > 1) {
      const g = new Float64Array(W.length);
      for (let i = 0; i < g.length; i++) g[i] = (W[i]! - Wafter[i]!) / lr;
      distinctGrads = distinctRows(g, undefined, o, n);
    }
    layers.push({
      weightNorm: norm(W),
      gradNorm: stepNorm(W, Wafter, lr),
      units: o,
      distinct: distinctRows(W, before.b[l - 1]!, o, n),
      distinctGrads,
      dead: l < L ? dead / o : 0,
      activationSd: populationSd(z, o * m),
    });
    a = z;
  }
  return { layers, saturated: saturated / m, trainAccuracy: right / m, testAccuracy: accuracy(before, test) };
}

/**
 * Diagnostics of `params` as they stand, with the gradient of the step they
 * would take next. That step is taken on a copy (a GenericKernel, whose steps
 * are bit-identical to every kernel's), so `params` and whatever run they
 * belong to are not touched: a run's numbers are the same with or without it.
 */
export function diagnoseAt(params: Params, lr: number, train: Dataset, test: Dataset): Diagnostics {
  const copy = new GenericKernel(params, train, lr);
  copy.step(false);
  return diagnose(params, copy.params(), lr, train, test);
}
