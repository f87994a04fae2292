import type { Dataset } from './datasets.js';
import { activationOf, type Activation } from './activations.js';
import { affine, backWeights, crossEntropy, outputDelta, sgd, sigmoid, weightGrads } from './kernels.js';
import { cloneParams, type Params } from './network.js';

/**
 * One full-batch gradient-descent step at a time, over a fixed training set.
 * Implementations may differ in speed, never in the numbers they produce.
 */
export interface Kernel {
  readonly name: string;
  /**
   * Forward pass, cost (only when `withCost`; NaN otherwise), backward pass,
   * then the update of every parameter. The cost is the one *before* the update.
   */
  step(withCost: boolean): number;
  /** The current parameters (the kernel's own arrays: copy them to keep them). */
  params(): Params;
  /** Releases what the kernel holds beyond its arrays (the layer kernel's helper thread); it may still train after. */
  close?(): void;
}

/**
 * The straightforward kernel: any layer sizes, any hidden activation
 * (activations.ts), sigmoid output. Every buffer is allocated here, once;
 * `step` allocates nothing.
 */
export class GenericKernel implements Kernel {
  readonly name = 'generic';
  private readonly p: Params;
  private readonly sizes: number[];
  private readonly L: number;
  private readonly m: number;
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private readonly lr: number;
  private readonly act: Activation;
  /** acts[l] = a_l (units × m); acts[0] is the input. */
  private readonly acts: Float64Array[];
  /**
   * zs[l] = z_l for the hidden layers when the activation's derivative reads z
   * (selu); otherwise zs[l] is acts[l], overwritten by a_l in place.
   */
  private readonly zs: Float64Array[];
  /** deltas[l] = dz_l for l = 1..L (index 0 unused). */
  private readonly deltas: Float64Array[];
  private readonly dW: Float64Array[];
  private readonly db: Float64Array[];

  constructor(initial: Params, train: Dataset, learningRate: number) {
    this.p = cloneParams(initial);
    this.sizes = [...initial.layers];
    this.L = this.sizes.length - 1;
    this.m = train.m;
    this.x = train.x;
    this.y = train.y;
    this.lr = learningRate;
    this.act = activationOf(initial.activation);
    this.acts = this.sizes.map((n, l) => (l === 0 ? train.x : new Float64Array(n * train.m)));
    const keepZ = this.act.needsZ;
    this.zs = this.acts.map((a, l) => (keepZ && l > 0 && l < this.L ? new Float64Array(a.length) : a));
    this.deltas = this.sizes.map((n, l) => new Float64Array(l === 0 ? 0 : n * train.m));
    this.dW = this.p.W.map((w) => new Float64Array(w.length));
    this.db = this.p.b.map((b) => new Float64Array(b.length));
  }

  params(): Params {
    return this.p;
  }

  /** Gradients of the last step, layer l at index l-1 (for diagnostics). */
  grads(): { dW: readonly Float64Array[]; db: readonly Float64Array[] } {
    return { dW: this.dW, db: this.db };
  }

  /** Activations of the last forward pass, a_l at index l (index 0 is the input). */
  activations(): readonly Float64Array[] {
    return this.acts;
  }

  step(withCost: boolean): number {
    const { sizes, L, m, acts, zs, deltas, p, act } = this;
    for (let l = 1; l <= L; l++) {
      const z = zs[l]!;
      const a = acts[l]!;
      affine(p.W[l - 1]!, p.b[l - 1]!, acts[l - 1]!, z, sizes[l]!, sizes[l - 1]!, m);
      if (l < L) {
        if (z !== a) a.set(z);
        act.forward(a, sizes[l]! * m);
      } else sigmoid(a, m);
    }
    const cost = withCost ? crossEntropy(acts[L]!, this.y, m) : NaN;
    outputDelta(acts[L]!, this.y, deltas[L]!, m);
    for (let l = L; l >= 1; l--) {
      weightGrads(deltas[l]!, acts[l - 1]!, this.dW[l - 1]!, this.db[l - 1]!, sizes[l]!, sizes[l - 1]!, m);
      if (l > 1) {
        backWeights(p.W[l - 1]!, deltas[l]!, deltas[l - 1]!, sizes[l]!, sizes[l - 1]!, m);
        act.backward(deltas[l - 1]!, zs[l - 1]!, acts[l - 1]!, sizes[l - 1]! * m);
      }
    }
    for (let l = 0; l < L; l++) {
      sgd(p.W[l]!, this.dW[l]!, this.lr, p.W[l]!.length);
      sgd(p.b[l]!, this.db[l]!, this.lr, p.b[l]!.length);
    }
    return cost;
  }
}

/** The network's output a_L (m values in (0, 1)) for the 2×m inputs `x`. */
export function forward(p: Params, x: Float64Array, m: number): Float64Array {
  const sizes = p.layers;
  const L = sizes.length - 1;
  const act = activationOf(p.activation);
  let a = x;
  for (let l = 1; l <= L; l++) {
    const z = new Float64Array(sizes[l]! * m);
    affine(p.W[l - 1]!, p.b[l - 1]!, a, z, sizes[l]!, sizes[l - 1]!, m);
    if (l < L) act.forward(z, z.length);
    else sigmoid(z, m);
    a = z;
  }
  return a;
}

/** The notebook's `predict`: 1 where a_L > 0.5, else 0; accuracy = mean(prediction == label). */
export function accuracy(p: Params, data: Dataset): number {
  const a = forward(p, data.x, data.m);
  let right = 0;
  for (let j = 0; j < data.m; j++) if ((a[j]! > 0.5 ? 1 : 0) === data.y[j]) right++;
  return right / data.m;
}
