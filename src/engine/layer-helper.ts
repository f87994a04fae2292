/**
 * Two threads for one large model: the layer kernel's helper thread
 * (core/layer-kernel.ts LayerHelper). A worker thread instantiates the same
 * WebAssembly module on the kernel's shared memory and runs, on request, one
 * block of a product's output rows while the kernel's thread runs the other.
 * The hand-over is two words of a shared Int32Array: GO (a call's sequence
 * number, written by the kernel) and DONE (the last one finished, written by
 * the helper), each waited on with a short spin and then Atomics.wait, so a
 * pass costs a few microseconds of hand-over rather than a message.
 *
 * The thread's code is a short script (eval), so it needs no file of its own
 * in dist/ and no module loading; it allocates nothing while it works. The
 * thread is unreferenced (it never keeps a process alive) and ends with
 * close(), which the training loop calls when the run ends or is cancelled;
 * if the thread that owns it ends first, Node ends it too.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DEFAULT_ACTIVATION } from '../core/activations.js';
import type { ExperimentConfig } from '../core/config.js';
import { layerPreferred, type KernelFactory } from '../core/kernel-table.js';
import { LayerKernel, layerSupports, type LayerHelper, type LayerHelperFactory } from '../core/layer-kernel.js';

/**
 * From this many weights on, one model trains on two threads. Measured (layer
 * kernel's ms per step, 300 samples, relu, one thread / two, medians of 5,
 * BENCHMARKS.md (i)), on an idle machine (load 0.6-1.3, 2 cores):
 * 2,32,32,1 0.089 / 0.065, 2,48,48,1 0.179 / 0.115, 2,64,64,1 0.293 / 0.177,
 * 2,96,96,1 0.635 / 0.350, 2,128,128,1 1.11 / 0.609, 2,256,256,1 4.38 /
 * 2.29, 8 × 32 0.520 / 0.356, 8 × 64 1.93 / 1.09: two threads pay from 32
 * units (0.73) and take 40-48 % off from 64. On a saturated machine (load
 * 70-300) the hand-overs (four per layer and step) wait for a core:
 * 2,48,48,1 3.23 / 10.0 and 2,64,64,1 8.51 / 10.0 lost, 2,96,96,1 17.6 / 14.5
 * and up still won. 4,096 weights (2,64,64,1 has 4,288; 8 × 32 7,264) keeps
 * the small networks, where a hand-over is a large share of a pass, on one
 * thread, and gives the rest the second core.
 */
export const TWO_THREAD_MIN_WEIGHTS = 4_096;

/** And, for relu networks that auto would give simd, a hidden layer at least this wide (the narrowest measured to pay). */
export const TWO_THREAD_MIN_WIDTH = 32;

function weights(layers: readonly number[]): number {
  let n = 0;
  for (let l = 1; l < layers.length; l++) n += layers[l - 1]! * layers[l]!;
  return n;
}

/**
 * Whether the race's one model trains on two threads: a race of one run (a
 * race or a sweep of several keeps one model per thread), at least two cores,
 * --threads not 1, the layer kernel (asked for, or auto's on a relu network or
 * where auto picks it) and a network of TWO_THREAD_MIN_WEIGHTS or more. The numbers are the same either way.
 */
export function twoThreadsFor(config: ExperimentConfig, runs: number, cores: number = availableParallelism()): boolean {
  if (runs !== 1 || config.sweep || cores < 2 || (config.threads ?? 2) < 2) return false;
  if (weights(config.layers) < TWO_THREAD_MIN_WEIGHTS) return false;
  if (config.kernel === 'layer') return layerSupports(config.layers);
  if (config.kernel !== 'auto') return false;
  // relu from 32 units (8 × 32): simd and layer tie on one thread (0.52 / 0.50
  // ms per step), so two threads of the layer kernel beat auto's one (0.36).
  // Narrower layers are the six-sample simd kernel's (layer: 0.28 s against
  // 0.15 s for the notebook's network), however many of them.
  if ((config.activation ?? DEFAULT_ACTIVATION) !== 'relu') return layerPreferred(config.layers, config.activation);
  return config.layers.slice(1, -1).some((n) => n >= TWO_THREAD_MIN_WIDTH) && layerSupports(config.layers);
}

/** The layer kernel with a helper thread (what a run of twoThreadsFor trains with). */
export const twoThreadKernel: KernelFactory = (initial, train, lr) => new LayerKernel(initial, train, lr, undefined, startLayerHelper);

/** The control words: GO, DONE, the product to run (-1: exit), FAILED (1 once the helper threw). */
const GO = 0;
const DONE = 1;
const OP = 2;
const FAILED = 3;
const EXIT = -1;

/**
 * Loads of a word before sleeping on it: ~10-20 µs, about one hand-over's worth
 * of a futex wake-up, so a pass of the other thread that ends soon is caught
 * without a system call, and an idle helper soon sleeps.
 */
const SPIN = 4000;

const SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, args, importModule, importName } = workerData;
const ctl = new Int32Array(control);
const a = new Float64Array(args);
try {
  const x = new WebAssembly.Instance(module, { [importModule]: { [importName]: memory } }).exports;
  const run = [
    () => x.forward(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]),
    () => x.grads(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]),
    () => x.back(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]),
    () => x.update(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]),
  ];
  let seen = 0;
  for (;;) {
    let go = Atomics.load(ctl, ${GO});
    for (let i = 0; go === seen && i < ${SPIN}; i++) go = Atomics.load(ctl, ${GO});
    while (go === seen) {
      Atomics.wait(ctl, ${GO}, seen);
      go = Atomics.load(ctl, ${GO});
    }
    seen = go;
    const op = Atomics.load(ctl, ${OP});
    if (op === ${EXIT}) break;
    run[op]();
    Atomics.store(ctl, ${DONE}, seen);
    Atomics.notify(ctl, ${DONE});
  }
} catch (err) {
  Atomics.store(ctl, ${FAILED}, 1);
  Atomics.store(ctl, ${DONE}, -1);
  Atomics.notify(ctl, ${DONE});
}
`;

/** Starts the helper thread for a layer kernel (a LayerHelperFactory). */
export const startLayerHelper: LayerHelperFactory = (module, memory, layout) => {
  const control = new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT);
  const argBuffer = new SharedArrayBuffer(10 * Float64Array.BYTES_PER_ELEMENT);
  const ctl = new Int32Array(control);
  const worker = new Worker(SOURCE, {
    eval: true,
    workerData: { module, memory, control, args: argBuffer, importModule: layout.memory.module, importName: layout.memory.name },
    // It holds a handful of closures: a small heap.
    resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 },
    stdout: false,
    stderr: false,
  });
  worker.unref();
  // A failure to start shows in join() (FAILED); nothing to report here, and no unhandled 'error'.
  worker.on('error', () => {});
  let seq = 0;
  let closed = false;
  return {
    args: new Float64Array(argBuffer),
    start(product: number): void {
      Atomics.store(ctl, OP, product);
      seq = (seq + 1) | 0;
      if (seq === 0 || seq === -1) seq = 1;
      Atomics.store(ctl, GO, seq);
      Atomics.notify(ctl, GO);
    },
    join(): void {
      let done = Atomics.load(ctl, DONE);
      for (let i = 0; done !== seq && i < SPIN; i++) done = Atomics.load(ctl, DONE);
      while (done !== seq) {
        if (Atomics.load(ctl, FAILED) === 1) throw new Error("the layer kernel's second thread failed");
        Atomics.wait(ctl, DONE, done);
        done = Atomics.load(ctl, DONE);
      }
    },
    close(): void {
      if (closed) return;
      closed = true;
      Atomics.store(ctl, OP, EXIT);
      seq = (seq + 1) | 0;
      if (seq === 0 || seq === -1) seq = 1;
      Atomics.store(ctl, GO, seq);
      Atomics.notify(ctl, GO);
      void worker.terminate();
    },
  } satisfies LayerHelper;
};
