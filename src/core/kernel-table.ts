import type { Dataset } from './datasets.js';
import { FusedKernel, fusedSupports } from './fused-kernel.js';
import type { Params } from './network.js';
import { SimdKernel, simdPreferred } from './simd-kernel.js';
import { GenericKernel, type Kernel } from './train.js';

export type KernelFactory = (initial: Params, train: Dataset, learningRate: number) => Kernel;

/** The fastest kernel that covers the network (what `auto` picks): simd where it runs and pays, else fused, else generic. */
export const defaultKernel: KernelFactory = (initial, train, lr) => {
  const fused = fusedSupports(initial.layers);
  if (simdPreferred(initial.layers, fused)) return new SimdKernel(initial, train, lr);
  return fused ? new FusedKernel(initial, train, lr) : new GenericKernel(initial, train, lr);
};

/**
 * The training kernels, by name. They differ in speed only: each performs
 * SPEC §3 with the same float64 operations in the same order, so their
 * results are bit-identical. `--kernel` and the bench read this table.
 */
export const KERNELS: Readonly<Record<string, { readonly description: string; readonly make: KernelFactory }>> = {
  auto: {
    description: 'simd where WebAssembly SIMD runs, except tiny networks (fewer than 24 weights) that fused covers; else fused, else generic (default)',
    make: defaultKernel,
  },
  fused: {
    description: `code generated for the layer sizes, one sample at a time through every layer (input 2, output 1, up to 4096 weights)`,
    make: (initial, train, lr) => new FusedKernel(initial, train, lr),
  },
  generic: {
    description: 'plain loops over Float64Arrays, one layer at a time; any layer sizes',
    make: (initial, train, lr) => new GenericKernel(initial, train, lr),
  },
  simd: {
    description: 'WebAssembly SIMD: hidden units two at a time in f64x2 lanes, six samples at a time (output 1, up to 256 units a layer)',
    make: (initial, train, lr) => new SimdKernel(initial, train, lr),
  },
};

export const DEFAULT_KERNEL = 'auto';

export function kernelFactory(name: string): KernelFactory {
  const k = KERNELS[name];
  if (!k) throw new RangeError(`unknown kernel "${name}"`);
  return k.make;
}
