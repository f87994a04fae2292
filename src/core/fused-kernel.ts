/**
 * The fast kernel: JavaScript generated for one set of layer sizes, so every
 * weight, bias and gradient lives in a local variable and each sample goes
 * forward and back through the whole network in straight-line code (no
 * inner loops, no array indexing but the data's).
 *
 * It performs the very operations of GenericKernel in the very same order, so
 * its numbers are bit-identical, not merely close:
 *  - z = (0 + W[r,0]·a[0] + W[r,1]·a[1] + …) + b[r], as `affine`;
 *  - each gradient accumulates over the samples j = 0, 1, … from 0, as
 *    `weightGrads`; da_prev sums over the units r = 0, 1, … as `backWeights`;
 *  - the hidden activation and its derivative are the activation row's own
 *    scalar source (activations.ts `js`: its forward and backward ops, in
 *    their order, with its constants), so every activation of the table runs here;
 *  - the cost sums its terms in sample order and skips NaN terms (but is
 *    NaN when an output is NaN, as `crossEntropy`);
 *  - every parameter is updated after the whole pass: p = p - lr·g.
 * Only the loop nest differs: samples outermost, layers inside.
 */
import { activationOf, type Activation } from './activations.js';
import type { Dataset } from './datasets.js';
import { cloneParams, type Params } from './network.js';
import type { Kernel } from './train.js';

/** Beyond this many weights the unrolled code gets too long to pay off; use GenericKernel. */
export const FUSED_MAX_WEIGHTS = 4096;

export function fusedSupports(layers: readonly number[]): boolean {
  let weights = 0;
  for (let l = 1; l < layers.length; l++) weights += layers[l]! * layers[l - 1]!;
  return layers[0] === 2 && layers[layers.length - 1] === 1 && weights <= FUSED_MAX_WEIGHTS;
}

type StepFn = (X: Float64Array, Y: Float64Array, m: number, lr: number, withCost: boolean, W: Float64Array[], b: Float64Array[]) => number;

/** Source of `step` for the given layer sizes and hidden activation (the body of a `new Function`). */
export function fusedSource(layers: readonly number[], act: Activation = activationOf(undefined)): string {
  const L = layers.length - 1;
  const out: string[] = [];
  const w = (l: number, r: number, k: number) => `w${l}_${r}_${k}`;
  const g = (l: number, r: number, k: number) => `g${l}_${r}_${k}`;
  // Load parameters into locals; zero the gradient accumulators.
  for (let l = 1; l <= L; l++) {
    out.push(`const W${l} = W[${l - 1}], B${l} = b[${l - 1}];`);
    for (let r = 0; r < layers[l]!; r++) {
      for (let k = 0; k < layers[l - 1]!; k++) out.push(`let ${w(l, r, k)} = W${l}[${r * layers[l - 1]! + k}], ${g(l, r, k)} = 0;`);
      out.push(`let c${l}_${r} = B${l}[${r}], h${l}_${r} = 0;`);
    }
  }
  out.push('const invM = 1 / m; let cost = 0, diverged = false;');
  // Two samples per pass (suffixes A and B) give the CPU independent work to
  // overlap; every accumulator still adds sample j before sample j + 1.
  const pass = (suffixes: readonly string[]): void => {
    for (const s of suffixes) {
      const j = s === 'B' ? 'j + 1' : 'j';
      out.push(`  const a0_0${s} = X[${j}], a0_1${s} = X[m + ${j}], y${s} = Y[${j}];`);
    }
    // Forward: a_l = φ(W_l a_{l-1} + b_l), the last layer through the sigmoid;
    // z_l kept for the activations whose derivative reads it.
    for (let l = 1; l <= L; l++) {
      for (let r = 0; r < layers[l]!; r++) {
        for (const s of suffixes) {
          const terms = Array.from({ length: layers[l - 1]! }, (_, k) => `${w(l, r, k)} * a${l - 1}_${k}${s}`);
          const a = `a${l}_${r}${s}`;
          const dot = `(0 + ${terms.join(' + ')}) + c${l}_${r}`;
          if (l === L) out.push(`  let ${a} = ${dot};`, `  ${a} = 1 / (1 + Math.exp(-${a}));`);
          else if (act.needsZ) out.push(`  const z${l}_${r}${s} = ${dot};`, `  const ${a} = ${act.js.forward(`z${l}_${r}${s}`)};`);
          else out.push(`  let ${a} = ${dot};`, `  ${a} = ${act.js.forward(a)};`);
        }
      }
    }
    for (const s of suffixes) {
      out.push(
        `  if (withCost) { const t = -Math.log(a${L}_0${s}) * y${s} + -Math.log(1 - a${L}_0${s}) * (1 - y${s}); if (t === t) cost += t; else if (a${L}_0${s} !== a${L}_0${s}) diverged = true; }`,
      );
      out.push(`  const d${L}_0${s} = invM * (a${L}_0${s} - y${s});`);
    }
    // Backward: accumulate gradients, then carry the delta through W and φ′.
    for (let l = L; l >= 1; l--) {
      for (let r = 0; r < layers[l]!; r++) {
        for (let k = 0; k < layers[l - 1]!; k++) {
          out.push(`  ${g(l, r, k)} = ${[g(l, r, k), ...suffixes.map((s) => `d${l}_${r}${s} * a${l - 1}_${k}${s}`)].join(' + ')};`);
        }
        out.push(`  h${l}_${r} = ${[`h${l}_${r}`, ...suffixes.map((s) => `d${l}_${r}${s}`)].join(' + ')};`);
      }
      if (l > 1) {
        for (let k = 0; k < layers[l - 1]!; k++) {
          for (const s of suffixes) {
            const terms = Array.from({ length: layers[l]! }, (_, r) => `${w(l, r, k)} * d${l}_${r}${s}`);
            out.push(`  const s${l - 1}_${k}${s} = 0 + ${terms.join(' + ')};`);
            out.push(`  const d${l - 1}_${k}${s} = ${act.js.backward(`s${l - 1}_${k}${s}`, `z${l - 1}_${k}${s}`, `a${l - 1}_${k}${s}`)};`);
          }
        }
      }
    }
  };
  out.push('let j = 0;');
  out.push('for (; j + 1 < m; j += 2) {');
  pass(['A', 'B']);
  out.push('}');
  out.push('if (j < m) {');
  pass(['A']);
  out.push('}');
  // Update every parameter from the same pass.
  for (let l = 1; l <= L; l++) {
    for (let r = 0; r < layers[l]!; r++) {
      for (let k = 0; k < layers[l - 1]!; k++) out.push(`W${l}[${r * layers[l - 1]! + k}] = ${w(l, r, k)} - lr * ${g(l, r, k)};`);
      out.push(`B${l}[${r}] = c${l}_${r} - lr * h${l}_${r};`);
    }
  }
  out.push('return withCost && !diverged ? invM * cost : NaN;');
  return out.join('\n');
}

/**
 * One compiled function per network shape, reused: a fresh `new Function` per
 * kernel would make V8 optimize the same code again each time (and, measured,
 * run later copies about half as fast).
 */
const cache = new Map<string, StepFn>();

function compiled(layers: readonly number[], act: Activation): StepFn {
  const key = `${layers.join(',')} ${act.name}`;
  let fn = cache.get(key);
  if (!fn) {
    // The body is arithmetic over its arguments and Math; nothing else is in scope.
    fn = new Function('X', 'Y', 'm', 'lr', 'withCost', 'W', 'b', fusedSource(layers, act)) as StepFn;
    cache.set(key, fn);
  }
  return fn;
}

export class FusedKernel implements Kernel {
  readonly name = 'fused';
  private readonly p: Params;
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private readonly m: number;
  private readonly lr: number;
  private readonly run: StepFn;

  constructor(initial: Params, train: Dataset, learningRate: number) {
    if (!fusedSupports(initial.layers)) throw new RangeError(`the fused kernel does not cover layers ${initial.layers.join(',')}`);
    this.p = cloneParams(initial);
    this.x = train.x;
    this.y = train.y;
    this.m = train.m;
    this.lr = learningRate;
    this.run = compiled(initial.layers, activationOf(initial.activation));
  }

  params(): Params {
    return this.p;
  }

  step(withCost: boolean): number {
    return this.run(this.x, this.y, this.m, this.lr, withCost, this.p.W, this.p.b);
  }
}
