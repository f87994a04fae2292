import { DEFAULT_ACTIVATION } from './activations.js';
import type { Dataset } from './datasets.js';
import { FusedKernel, fusedSupports } from './fused-kernel.js';
import { LAYER_MAX_UNITS, LayerKernel, layerSupports } from './layer-kernel.js';
import type { Params } from './network.js';
import { SimdKernel, simdPreferred, simdSupports } from './simd-kernel.js';
import { GenericKernel, type Kernel } from './train.js';

/** A kernel is built from the initial parameters (which name the hidden activation), the training set and the learning rate. */
export type KernelFactory = (initial: Params, train: Dataset, learningRate: number) => Kernel;

/** What a kernel is asked to cover: the layer sizes and the hidden activation (absent: relu). */
export type NetworkShape = Pick<Params, 'layers' | 'activation'>;

/**
 * From this hidden width on, `auto` trains relu networks with the layer
 * kernel. Measured (one thread, 300 samples, relu, ms per step, simd against
 * layer, idle machine, load 0.6): 2,32,32,1 0.084 / 0.086; 2,40,40,1
 * 0.126 / 0.129; 2,48,48,1 0.176 / 0.174; 2,64,64,1 0.314 / 0.297;
 * 2,96,96,1 0.667 / 0.624; 2,128,128,1 1.54 / 1.07; 2,256,256,1 14.4 / 4.35;
 * 8 × 64 2.09 / 1.88; 8 × 32 0.52 / 0.50 (a tie within the noise: simd keeps
 * the narrow ones).
 */
export const LAYER_AUTO_MIN_WIDTH = 48;

/**
 * The same for the other activations, which the layer kernel takes through
 * activations.ts's array ops in JavaScript where simd has them in f64x2, so
 * simd stays faster up to 224 units (ms per step, simd / layer): tanh
 * 2,64,64,1 0.686 / 0.762, 2,128,128,1 2.08 / 2.21, 2,192,192,1 3.99 / 4.22,
 * 2,224,224,1 5.07 / 5.61; sigmoid 2,64,64,1 0.451 / 0.596, 2,192,192,1
 * 3.39 / 3.57; selu 2,128,128,1 2.09 / 2.02. At 256 simd's column walks fold
 * into 2 of L1's 64 sets: tanh 21.2 / 6.90, sigmoid 15.7 / 5.69.
 */
export const LAYER_AUTO_MIN_WIDTH_OTHERS = 256;

/** Whether `auto` takes the layer kernel: a hidden layer wide enough for its activation, and the kernel covers the network. */
export function layerPreferred(layers: readonly number[], activation?: string): boolean {
  const relu = (activation ?? DEFAULT_ACTIVATION) === 'relu';
  const min = relu ? LAYER_AUTO_MIN_WIDTH : LAYER_AUTO_MIN_WIDTH_OTHERS;
  return layers.slice(1, -1).some((n) => n >= min) && layerSupports(layers);
}

/** The fastest kernel that covers the network (what `auto` picks): layer for wide hidden layers, simd where it runs and pays, else fused, else generic. */
export const defaultKernel: KernelFactory = (initial, train, lr) => {
  if (layerPreferred(initial.layers, initial.activation)) return new LayerKernel(initial, train, lr);
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
    description: `layer for a hidden layer of ${LAYER_AUTO_MIN_WIDTH} units or more (relu; ${LAYER_AUTO_MIN_WIDTH_OTHERS} for the other activations), simd where WebAssembly SIMD runs, except tiny networks (fewer than 24 weights) that fused covers; else fused, else generic (default)`,
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
  layer: {
    description: `WebAssembly SIMD, layer-major: all samples through one layer at a time, register tiles of f64x2 products (output 1, up to ${LAYER_MAX_UNITS} units a layer, any activation)`,
    supports: (net) => layerSupports(net.layers),
    covers: `networks with one output and at most ${LAYER_MAX_UNITS} units a layer, where WebAssembly SIMD runs`,
    make: (initial, train, lr) => new LayerKernel(initial, train, lr),
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
