import type { Dataset } from './datasets.js';
import { FusedKernel, fusedSupports } from './fused-kernel.js';
import type { Params } from './network.js';
import { SimdKernel, simdPreferred, simdSupports } from './simd-kernel.js';
import { GenericKernel, type Kernel } from './train.js';

/** A kernel is built from the initial parameters (which name the hidden activation), the training set and the learning rate. */
export type KernelFactory = (initial: Params, train: Dataset, learningRate: number) => Kernel;

/** What a kernel is asked to cover: the layer sizes and the hidden activation (absent: relu). */
export type NetworkShape = Pick<Params, 'layers' | 'activation'>;

/** The fastest kernel that covers the network (what `auto` picks): simd where it runs and pays, else fused, else generic. */
export const defaultKernel: KernelFactory = (initial, train, lr) => {
  const fused = KERNELS['fused']!.supports(initial);
  if (simdPreferred(initial.layers, fused, initial.activation)) return new SimdKernel(initial, train, lr);
  return fused ? new FusedKernel(initial, train, lr) : new GenericKernel(initial, train, lr);
};

interface KernelRow {
  readonly description: string;
  /** Whether the kernel trains this network (its sizes and its activation). */
  readonly supports: (net: NetworkShape) => boolean;
  /** What `supports` accepts, in words (the refusal of --kernel). */
  readonly covers: string;
  readonly make: KernelFactory;
}

/**
 * The training kernels, by name. They differ in speed only: each performs
 * SPEC §3 with the same float64 operations in the same order, so their
 * results are bit-identical. `--kernel` and the bench read this table.
 * Every kernel trains every hidden activation of activations.ts (simd: where
 * its exp, expm1 and tanh are Math's, which it checks when it loads).
 */
export const KERNELS: Readonly<Record<string, KernelRow>> = {
  auto: {
    description:
      'simd where WebAssembly SIMD runs, except tiny networks (fewer than 24 weights) that fused covers; else fused, else generic (default)',
    supports: () => true,
    covers: 'every network',
    make: defaultKernel,
  },
  fused: {
    description: `code generated for the layer sizes and the activation, one sample at a time through every layer (input 2, output 1, up to 4096 weights)`,
    supports: (net) => fusedSupports(net.layers),
    covers: 'networks of input 2, output 1 and at most 4,096 weights',
    make: (initial, train, lr) => new FusedKernel(initial, train, lr),
  },
  generic: {
    description: 'plain loops over Float64Arrays, one layer at a time; any layer sizes, any activation',
    supports: () => true,
    covers: 'every network',
    make: (initial, train, lr) => new GenericKernel(initial, train, lr),
  },
  simd: {
    description: 'WebAssembly SIMD: hidden units two at a time in f64x2 lanes, six samples at a time (output 1, up to 256 units a layer)',
    supports: (net) => simdSupports(net.layers, net.activation),
    covers: 'networks with one output and at most 256 units a layer, where WebAssembly SIMD runs',
    make: (initial, train, lr) => new SimdKernel(initial, train, lr),
  },
};

export const DEFAULT_KERNEL = 'auto';

export function kernelFactory(name: string): KernelFactory {
  const k = KERNELS[name];
  if (!k) throw new RangeError(`unknown kernel "${name}"`);
  return k.make;
}
