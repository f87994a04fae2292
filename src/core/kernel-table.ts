import type { KernelFactory } from './experiment.js';
import { GenericKernel } from './train.js';

/**
 * The training kernels, by name. They differ in speed only: each computes
 * SPEC §3 on the same float64 numbers. The CLI's `--kernel` and the bench read this table.
 */
export const KERNELS: Readonly<Record<string, { readonly description: string; readonly make: KernelFactory }>> = {
  generic: {
    description: 'plain loops over Float64Arrays; any layer sizes',
    make: (initial, train, lr) => new GenericKernel(initial, train, lr),
  },
};

export const DEFAULT_KERNEL = 'generic';

export function kernelFactory(name: string): KernelFactory {
  const k = KERNELS[name];
  if (!k) throw new RangeError(`unknown kernel "${name}"`);
  return k.make;
}
