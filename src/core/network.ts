import type { RandomState } from './rng.js';
import type { SchemeSpec } from './schemes.js';

/**
 * Parameters of a fully connected network with layer sizes
 * `layers = [n_0, n_1, ..., n_L]`. Index l-1 holds layer l:
 * W[l-1] is n_l × n_{l-1} (row-major), b[l-1] has n_l entries.
 */
export interface Params {
  readonly layers: readonly number[];
  readonly W: Float64Array[];
  readonly b: Float64Array[];
}

/** Allocates zeroed parameters for the given layer sizes. */
export function zeroParams(layers: readonly number[]): Params {
  const W: Float64Array[] = [];
  const b: Float64Array[] = [];
  for (let l = 1; l < layers.length; l++) {
    W.push(new Float64Array(layers[l]! * layers[l - 1]!));
    b.push(new Float64Array(layers[l]!));
  }
  return { layers: [...layers], W, b };
}

/**
 * The notebook's `initialize_parameters_*`: for l = 1..L, fill W_l with the
 * scheme (row-major, layer after layer, one generator for all layers), b_l = 0.
 * The caller seeds `rng` once beforehand (`np.random.seed(3)`).
 */
export function initParams(layers: readonly number[], scheme: SchemeSpec, rng: RandomState): Params {
  const p = zeroParams(layers);
  for (let l = 1; l < layers.length; l++) scheme.fill(p.W[l - 1]!, layers[l]!, layers[l - 1]!, rng);
  return p;
}

export function cloneParams(p: Params): Params {
  return { layers: [...p.layers], W: p.W.map((w) => w.slice()), b: p.b.map((b) => b.slice()) };
}

/** Checks a layer list once, where a network is built; the kernels trust it afterwards. */
export function checkLayers(layers: readonly number[]): void {
  if (layers.length < 2) throw new RangeError('a network needs at least an input and an output layer');
  for (const n of layers) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`layer sizes must be positive integers, got ${n}`);
  }
  if (layers[layers.length - 1] !== 1) throw new RangeError('the output layer must have exactly 1 unit');
}
