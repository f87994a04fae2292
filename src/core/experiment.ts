import { DATASETS, TEST_SEED, TEST_SIZE, TRAIN_SEED, TRAIN_SIZE, type Dataset } from './datasets.js';
import { checkLayers, initParams, type Params } from './network.js';
import { RandomState } from './rng.js';
import { resolveScheme, type SchemeSpec } from './schemes.js';
import { accuracy, type Kernel } from './train.js';
import { FusedKernel, fusedSupports } from './fused-kernel.js';
import { SimdKernel, simdPreferred } from './simd-kernel.js';
import { GenericKernel } from './train.js';

/** Everything that determines a run's numbers (SPEC §5's `config`). */
export interface ExperimentConfig {
  readonly dataset: string;
  readonly layers: readonly number[];
  readonly learningRate: number;
  readonly iterations: number;
  readonly seed: number;
  /** Record the cost at every iteration i with i % every === 0. */
  readonly every: number;
  /** Noise of the generated data set; absent = the data set's default. */
  readonly noise?: number;
  /** With --data: the files the data came from (test null: a 75/25 split). */
  readonly data?: { readonly train: string; readonly test: string | null };
}

export const NOTEBOOK_CONFIG: ExperimentConfig = {
  dataset: 'circles',
  layers: [2, 10, 5, 1],
  learningRate: 0.01,
  iterations: 15000,
  seed: 3,
  every: 1000,
};

/** The seed of the 75/25 split of --data without --test-data (the training data's seed, as the notebook's). */
export const TRAIN_SEED_FOR_SPLIT = TRAIN_SEED;

export interface TrainTest {
  readonly train: Dataset;
  readonly test: Dataset;
}

/**
 * The notebook's data: `seed(1)` then 300 training points, `seed(2)` then 100
 * test points, for any generated data set.
 */
export function makeData(dataset: string, noise?: number): TrainTest {
  const spec = Object.hasOwn(DATASETS, dataset) ? DATASETS[dataset] : undefined;
  if (!spec) throw new RangeError(`unknown data set "${dataset}"`);
  const sigma = noise ?? spec.defaultNoise;
  const rng = new RandomState(TRAIN_SEED);
  const train = spec.generate(TRAIN_SIZE, sigma, rng);
  rng.seed(TEST_SEED);
  const test = spec.generate(TEST_SIZE, sigma, rng);
  return { train, test };
}

/** Initial parameters of a scheme: `seed(seed)` once (random schemes only), then every layer in turn. */
export function initialParams(config: ExperimentConfig, scheme: SchemeSpec): Params {
  checkLayers(config.layers);
  return initParams(config.layers, scheme, new RandomState(config.seed));
}

export function lookupScheme(name: string): SchemeSpec {
  const s = resolveScheme(name);
  if (!s) throw new RangeError(`unknown scheme "${name}"`);
  return s;
}

/** One recorded cost: [iteration, cost]; the cost may be +∞ or NaN (divergence is data). */
export type CostPoint = readonly [number, number];

export interface RunResult {
  readonly scheme: string;
  readonly costs: CostPoint[];
  readonly finalCost: number;
  readonly trainAccuracy: number;
  readonly testAccuracy: number;
  readonly params: Params;
}

/**
 * A training run that is driven from outside, a few iterations at a time, so
 * a worker can report progress, pause, single-step and stop between calls.
 * Iteration i's cost (from the forward pass before update i) is computed only
 * where someone needs it: i % every === 0 (the recorded costs),
 * i % traceEvery === 0 (a live display's samples), the last iteration, and
 * any iteration the caller asks for.
 */
export class Run {
  readonly scheme: string;
  readonly config: ExperimentConfig;
  private readonly data: TrainTest;
  private readonly kernel: Kernel;
  private readonly traceEvery: number;
  private done = 0;
  private lastCost = NaN;
  private lastCostAt = -1;
  readonly costs: CostPoint[] = [];

  constructor(config: ExperimentConfig, schemeName: string, data: TrainTest, opts: RunOptions = {}) {
    this.scheme = schemeName;
    this.config = config;
    this.data = data;
    this.traceEvery = opts.traceEvery ?? config.every;
    const make = opts.kernel ?? defaultKernel;
    this.kernel = make(initialParams(config, lookupScheme(schemeName)), data.train, config.learningRate);
  }

  /** Number of updates done so far (the next step is iteration `iteration`). */
  get iteration(): number {
    return this.done;
  }

  get finished(): boolean {
    return this.done >= this.config.iterations;
  }

  /** The cost of the last iteration whose cost was computed (NaN before any). */
  get cost(): number {
    return this.lastCost;
  }

  /** The iteration `cost` belongs to (-1 before any). */
  get costAt(): number {
    return this.lastCostAt;
  }

  /**
   * Runs up to `count` iterations. `onSample(i, cost)` hears every trace
   * sample (i % traceEvery === 0, and the last iteration); `alsoCostAt` asks
   * for one more cost, e.g. at the end of a single step. Returns how many
   * iterations ran.
   */
  advance(count: number, onSample?: (iteration: number, cost: number) => void, alsoCostAt = -1): number {
    const { every, iterations } = this.config;
    const trace = this.traceEvery;
    const last = iterations - 1;
    const start = this.done;
    const end = Math.min(iterations, start + count);
    for (let i = start; i < end; i++) {
      const record = i % every === 0;
      const sample = i % trace === 0 || i === last;
      const c = this.kernel.step(record || sample || i === alsoCostAt);
      if (record) this.costs.push([i, c]);
      if (record || sample || i === alsoCostAt) {
        this.lastCost = c;
        this.lastCostAt = i;
      }
      if (sample) onSample?.(i, c);
    }
    this.done = end;
    return end - start;
  }

  params(): Params {
    return this.kernel.params();
  }

  result(): RunResult {
    const p = this.kernel.params();
    return {
      scheme: this.scheme,
      costs: this.costs,
      finalCost: this.lastCost,
      trainAccuracy: accuracy(p, this.data.train),
      testAccuracy: accuracy(p, this.data.test),
      params: p,
    };
  }
}

export interface RunOptions {
  /** Interval of the live samples passed to `advance`'s callback (default: `every`). */
  readonly traceEvery?: number;
  readonly kernel?: KernelFactory;
}

export type KernelFactory = (initial: Params, train: Dataset, learningRate: number) => Kernel;

/** The fastest kernel that covers the network (see kernel-table.ts for the named choices). */
export const defaultKernel: KernelFactory = (initial, train, lr) => {
  const fused = fusedSupports(initial.layers);
  if (simdPreferred(initial.layers, fused)) return new SimdKernel(initial, train, lr);
  return fused ? new FusedKernel(initial, train, lr) : new GenericKernel(initial, train, lr);
};

/** Trains one scheme to the end on the calling thread. */
export function runScheme(
  config: ExperimentConfig,
  scheme: string,
  data = makeData(config.dataset),
  kernel: KernelFactory = defaultKernel,
): RunResult {
  const run = new Run(config, scheme, data, { kernel });
  run.advance(config.iterations);
  return run.result();
}
