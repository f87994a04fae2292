import type { Dataset } from './datasets.js';
import { FusedKernel, fusedSupports } from './fused-kernel.js';
import type { Params } from './network.js';
import { GenericKernel, type Kernel } from './train.js';

export type KernelFactory = (initial: Params, train: Dataset, learningRate: number) => Kernel;

/** The fastest kernel that covers the network (what `auto` picks). */
export const defaultKernel: KernelFactory = (initial, train, lr) =>
  fusedSupports(initial.layers) ? new FusedKernel(initial, train, lr) : new GenericKernel(initial, train, lr);

/**
 * The training kernels, by name. They differ in speed only: each performs
 * SPEC §3 with the same float64 operations in the same order, so their
 * results are bit-identical. `--kernel` and the bench read this table.
 */
export const KERNELS: Readonly<Record<string, { readonly description: string; readonly make: KernelFactory }>> = {
  auto: {
    description: 'fused where it covers the network, else generic (default)',
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
};

export const DEFAULT_KERNEL = 'auto';

export function kernelFactory(name: string): KernelFactory {
  const k = KERNELS[name];
  if (!k) throw new RangeError(`unknown kernel "${name}"`);
  return k.make;
}
