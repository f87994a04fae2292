/**
 * Why a scheme fails, in numbers: per layer the weight norm and the gradient
 * norm, the share of dead ReLU units, the share of saturated sigmoid outputs,
 * and the symmetry meter — how many distinct units a hidden layer really has.
 * Pure: parameters in (before and after one step), numbers out.
 */
import type { Dataset } from './datasets.js';
import type { Params } from './network.js';
import { affine, relu, sigmoid } from './kernels.js';

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
  /** Hidden layers: the share of units that output 0 for every training point (dead ReLUs). */
  readonly dead: number;
}

export interface Diagnostics {
  readonly layers: readonly LayerDiagnostics[];
  /**
   * The share of training points where the sigmoid output is saturated:
   * a(1 - a) < 0.01, i.e. its slope is under 4% of its peak (a outside ~[0.01, 0.99]).
   */
  readonly saturated: number;
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

/**
 * Diagnostics of the network `after`, with gradients taken from the step that
 * led to it from `before` at learning rate `lr`, over the training set.
 */
export function diagnose(before: Params, after: Params, lr: number, train: Dataset): Diagnostics {
  const sizes = after.layers;
  const L = sizes.length - 1;
  const m = train.m;
  let a = train.x;
  const layers: LayerDiagnostics[] = [];
  let saturated = 0;
  for (let l = 1; l <= L; l++) {
    const o = sizes[l]!;
    const n = sizes[l - 1]!;
    const W = after.W[l - 1]!;
    const g = new Float64Array(W.length);
    for (let i = 0; i < g.length; i++) g[i] = (before.W[l - 1]![i]! - W[i]!) / lr;
    const z = new Float64Array(o * m);
    affine(W, after.b[l - 1]!, a, z, o, n, m);
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
      for (let j = 0; j < m; j++) if (!(z[j]! * (1 - z[j]!) >= 0.01)) saturated++;
    }
    layers.push({
      weightNorm: norm(W),
      gradNorm: norm(g),
      units: o,
      distinct: distinctRows(W, after.b[l - 1]!, o, n),
      distinctGrads: distinctRows(g, undefined, o, n),
      dead: l < L ? dead / o : 0,
    });
    a = z;
  }
  return { layers, saturated: saturated / m };
}
