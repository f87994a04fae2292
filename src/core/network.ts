import { DEFAULT_ACTIVATION } from './activations.js';
import type { RandomState } from './rng.js';
import type { SchemeSpec } from './schemes.js';

/**
 * Parameters of a fully connected network with layer sizes
 * `layers = [n_0, n_1, ..., n_L]`. Index l-1 holds layer l:
 * W[l-1] is n_l × n_{l-1} (row-major), b[l-1] has n_l entries.
 */
export interface Params {
  readonly layers: readonly number[];
  /**
   * The hidden layers' activation (activations.ts), by name; absent means the
   * notebook's relu. A name, not the row, so that parameters cross threads as
   * plain data.
   */
  readonly activation?: string;
  readonly W: Float64Array[];
  readonly b: Float64Array[];
}

/**
 * Allocates zeroed parameters for the given layer sizes and hidden activation;
 * relu is left implicit, so a relu network's parameters are what they always were.
 */
export function zeroParams(layers: readonly number[], activation?: string): Params {
  const W: Float64Array[] = [];
  const b: Float64Array[] = [];
  for (let l = 1; l < layers.length; l++) {
    W.push(new Float64Array(layers[l]! * layers[l - 1]!));
    b.push(new Float64Array(layers[l]!));
  }
  return { layers: [...layers], ...(activation !== undefined && activation !== DEFAULT_ACTIVATION ? { activation } : {}), W, b };
}

/**
 * The notebook's `initialize_parameters_*`: for l = 1..L, the scheme fills W_l
 * (row-major) and then, if it draws them, b_l (else b_l = 0), layer after
 * layer from one generator. The caller seeds `rng` once beforehand
 * (`np.random.seed(3)`).
 */
export function initParams(layers: readonly number[], scheme: SchemeSpec, rng: RandomState, activation?: string): Params {
  const p = zeroParams(layers, activation);
  for (let l = 1; l < layers.length; l++) scheme.fill(p.W[l - 1]!, p.b[l - 1]!, layers[l]!, layers[l - 1]!, rng);
  return p;
}

export function cloneParams(p: Params): Params {
  return {
    layers: [...p.layers],
    ...(p.activation !== undefined ? { activation: p.activation } : {}),
    W: p.W.map((w) => w.slice()),
    b: p.b.map((b) => b.slice()),
  };
}

/** Checks a layer list once, where a network is built; the kernels trust it afterwards. */
export function checkLayers(layers: readonly number[]): void {
  if (layers.length < 2) throw new RangeError('a network needs at least an input and an output layer');
  for (const n of layers) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`layer sizes must be positive integers, got ${n}`);
  }
  if (layers[layers.length - 1] !== 1) throw new RangeError('the output layer must have exactly 1 unit');
}
