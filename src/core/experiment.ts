import { resolveActivation } from './activations.js';
import { recordEvery, type ExperimentConfig } from './config.js';
import { diagnoseAt, type Diagnostics } from './diagnostics.js';
import { DATASETS, TEST_SEED, TEST_SIZE, TRAIN_SEED, TRAIN_SIZE, type Dataset } from './datasets.js';
import { checkLayers, initParams, type Params } from './network.js';
import { RandomState } from './rng.js';
import { resolveScheme, type SchemeSpec } from './schemes.js';
import { kernelFactory, type KernelFactory } from './kernel-table.js';
import { gainScheme, gridCells } from './sweep.js';
import { theoryOf } from './theory.js';
import { accuracy, type Kernel } from './train.js';

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

/**
 * Initial parameters of a scheme: `seed(seed)` once (random schemes only), then
 * every layer in turn; `activation` names the hidden layers' (default relu).
 */
export function initialParams(layers: readonly number[], scheme: SchemeSpec, seed: number, activation?: string): Params {
  checkLayers(layers);
  if (activation !== undefined && !resolveActivation(activation)) throw new RangeError(`unknown activation "${activation}"`);
  return initParams(layers, scheme, new RandomState(seed), activation);
}

export function lookupScheme(name: string): SchemeSpec {
  const s = resolveScheme(name);
  if (!s) throw new RangeError(`unknown scheme "${name}"`);
  return s;
}

/** One recorded cost: [iteration, cost]; the cost may be +∞ or NaN (divergence is data). */
export type CostPoint = readonly [number, number];

/** How many costs a run records: iterations 0, every, 2·every, … below `iterations`. */
export function recordedCount(iterations: number, every: number): number {
  return iterations <= 0 ? 0 : Math.floor((iterations - 1) / every) + 1;
}

/** Recorded costs as [iteration, cost] points, from the compact form (value k is the cost of iteration k·every). */
export function costPoints(values: Float64Array, every: number): CostPoint[] {
  const points = new Array<CostPoint>(values.length);
  for (let k = 0; k < values.length; k++) points[k] = [k * every, values[k]!];
  return points;
}

/** A run's costs kept as points where the whole record stays compact beside them (DoneRun.recorded): at most this many. */
export const SHOWN_COSTS = 4096;

/**
 * Recorded costs thinned to at most `max` points for what is drawn: the record
 * cut into buckets of consecutive costs, each kept as its first point, its
 * lowest and its highest (in iteration order), and its first non-finite cost,
 * then the very last point. A chart drawn from them has every peak and trough
 * it could show in a column, and the first +∞ or NaN where it happened.
 * At most `max` values, they are all kept, as costPoints gives them.
 */
export function thinCosts(values: Float64Array, every: number, max = SHOWN_COSTS): CostPoint[] {
  const n = values.length;
  if (n <= max) return costPoints(values, every);
  // Up to four points a bucket, and the last one.
  const size = Math.ceil(n / Math.floor((max - 1) / 4));
  const out: CostPoint[] = [];
  for (let from = 0; from < n; from += size) {
    const to = Math.min(n, from + size);
    let lo = -1;
    let hi = -1;
    let odd = -1;
    for (let k = from; k < to; k++) {
      const v = values[k]!;
      if (v - v !== 0) {
        if (odd < 0) odd = k;
      } else {
        if (lo < 0 || v < values[lo]!) lo = k;
        if (hi < 0 || v > values[hi]!) hi = k;
      }
    }
    const keep = [from, lo, hi, odd].filter((k) => k >= 0).sort((a, b) => a - b);
    for (let j = 0; j < keep.length; j++) {
      const k = keep[j]!;
      if (j > 0 && k === keep[j - 1]) continue;
      out.push([k * every, values[k]!]);
    }
  }
  const last = n - 1;
  if (out[out.length - 1]![0] !== last * every) out.push([last * every, values[last]!]);
  return out;
}

/** A finished run's every recorded cost as points: from its compact record where it has one (built here, once asked). */
export function allCosts(run: DoneRun, every: number): readonly CostPoint[] {
  return run.recorded ? costPoints(run.recorded, every) : run.costs;
}

/** One run of a race: a scheme with one initialization seed (and, in a sweep, its cell's network). */
export interface RunSpec {
  readonly scheme: string;
  readonly seed: number;
  /** The network, where it is not `config.layers` (a depth sweep's cell). */
  readonly layers?: readonly number[];
}

/**
 * The runs of an experiment, in order: every scheme, each with its seeds.
 * Run index k = scheme · seeds + s (scheme-major). A sweep's runs are its
 * cells' (core/sweep.ts), each with its seeds: run k = cell · seeds + s.
 */
export function runsOf(config: ExperimentConfig): RunSpec[] {
  const seeds = (spec: Omit<RunSpec, 'seed'>): RunSpec[] =>
    Array.from({ length: config.seeds }, (_, s) => ({ ...spec, seed: config.seed + s }));
  if (config.sweep) return gridCells(config).flatMap((c) => seeds({ scheme: gainScheme(c.gain), layers: c.layers }));
  return config.schemes.flatMap((scheme) => seeds({ scheme }));
}

/**
 * What a run becomes once it ends, the one result type that the engine
 * hands over and the table, the JSON and every screen read: trained, or
 * failed with a message. A diverged run is `done` with non-finite costs.
 */
export type FinishedRun =
  | {
      readonly status: 'done';
      readonly scheme: string;
      readonly seed: number;
      /** The costs recorded every `config.every` iterations (thinned for display where `recorded` is set). */
      readonly costs: readonly CostPoint[];
      /**
       * Every recorded cost, compactly (value k is the cost of iteration k·every), where a
       * dashboard keeps a long record: `costs` is then thinCosts of it, what is drawn, and
       * the JSON document is written from this (allCosts). Ten million [i, cost] pairs
       * would take gigabytes and freeze the screen for a minute; these take 80 MB.
       */
      readonly recorded?: Float64Array;
      readonly finalCost: number;
      readonly trainAccuracy: number;
      readonly testAccuracy: number;
      /** Time spent training, pauses and pacing excluded. */
      readonly seconds: number;
      readonly params: Params;
      /**
       * The network in numbers (diagnostics.ts) at iteration 0, the initial
       * parameters with the gradient of the first step, and at the end, the
       * final parameters with the gradient of the step that would come next
       * (taken on a copy: the run's numbers do not depend on it).
       */
      readonly diagnostics: { readonly start: Diagnostics; readonly end: Diagnostics };
    }
  | { readonly status: 'failed'; readonly scheme: string; readonly seed: number; readonly error: string };

export type DoneRun = Extract<FinishedRun, { status: 'done' }>;

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
  readonly seed: number;
  readonly config: ExperimentConfig;
  private readonly data: TrainTest;
  private readonly kernel: Kernel;
  private readonly traceEvery: number;
  /** Costs are recorded at every iteration i with i % recordEvery === 0 (config.ts's recordEvery: --every, coarser in a sweep). */
  private readonly recordEvery: number;
  private done = 0;
  private lastCost = NaN;
  private lastCostAt = -1;
  /** Diagnostics of the initial parameters (iteration 0), taken before any step, with the theory's prediction. */
  readonly startDiagnostics: Diagnostics;
  /**
   * The recorded costs, compactly: value k is the cost of iteration k·every
   * (8 bytes each, outside the JS heap; a million [i, c] pairs would fill a
   * worker's 64 MB heap). Grown by doubling up to the run's whole record.
   */
  private record = new Float64Array(0);
  private recorded = 0;

  constructor(config: ExperimentConfig, run: RunSpec, data: TrainTest, opts: RunOptions = {}) {
    this.scheme = run.scheme;
    this.seed = run.seed;
    this.config = config;
    this.data = data;
    this.traceEvery = opts.traceEvery ?? config.every;
    this.recordEvery = recordEvery(config);
    const make = opts.kernel ?? kernelFactory(config.kernel);
    const layers = run.layers ?? config.layers;
    const scheme = lookupScheme(run.scheme);
    const initial = initialParams(layers, scheme, run.seed, config.activation);
    const theory = theoryOf(layers, config.activation, scheme, data.train);
    this.startDiagnostics = diagnoseAt(initial, config.learningRate, data.train, data.test, theory);
    this.kernel = make(initial, data.train, config.learningRate);
  }

  /** Number of updates done so far (the next step is iteration `iteration`). */
  get iteration(): number {
    return this.done;
  }

  get finished(): boolean {
    return this.done >= this.config.iterations;
  }

  /** Releases the kernel's extra thread, if it has one (the run can still report after). */
  close(): void {
    this.kernel.close?.();
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
    const { iterations } = this.config;
    const every = this.recordEvery;
    const trace = this.traceEvery;
    const last = iterations - 1;
    const start = this.done;
    const end = Math.min(iterations, start + count);
    for (let i = start; i < end; i++) {
      const record = i % every === 0;
      const sample = i % trace === 0 || i === last;
      const c = this.kernel.step(record || sample || i === alsoCostAt);
      if (record) this.keep(c);
      if (record || sample || i === alsoCostAt) {
        this.lastCost = c;
        this.lastCostAt = i;
      }
      if (sample) onSample?.(i, c);
    }
    this.done = end;
    return end - start;
  }

  private keep(cost: number): void {
    if (this.recorded === this.record.length) {
      const whole = recordedCount(this.config.iterations, this.recordEvery);
      const grown = new Float64Array(Math.min(whole, Math.max(1024, 2 * this.record.length)));
      grown.set(this.record);
      this.record = grown;
    }
    this.record[this.recorded++] = cost;
  }

  /** The costs recorded so far (every recordEvery(config) iterations) as [iteration, cost] points. */
  get costs(): CostPoint[] {
    return costPoints(this.recordedCosts(), this.recordEvery);
  }

  /** The costs recorded so far, compactly (a copy: value k is the cost of iteration k·every). */
  recordedCosts(): Float64Array {
    return this.record.slice(0, this.recorded);
  }

  params(): Params {
    return this.kernel.params();
  }

  /** Diagnostics of the parameters as they stand now (iteration `iteration`), on a copy. */
  diagnostics(): Diagnostics {
    return diagnoseAt(this.kernel.params(), this.config.learningRate, this.data.train, this.data.test);
  }

  /** The finished run without its costs (a worker sends those compactly, from recordedCosts()). */
  outcome(seconds = 0): Omit<DoneRun, 'costs'> {
    const p = this.kernel.params();
    return {
      status: 'done',
      scheme: this.scheme,
      seed: this.seed,
      seconds,
      finalCost: this.lastCost,
      trainAccuracy: accuracy(p, this.data.train),
      testAccuracy: accuracy(p, this.data.test),
      params: p,
      diagnostics: { start: this.startDiagnostics, end: this.diagnostics() },
    };
  }

  /** The finished run; `seconds` is the training time the caller measured. */
  result(seconds = 0): DoneRun {
    return { ...this.outcome(seconds), costs: this.costs };
  }
}

export interface RunOptions {
  /** Interval of the live samples passed to `advance`'s callback (default: `every`). */
  readonly traceEvery?: number;
  readonly kernel?: KernelFactory;
}

/** Trains one scheme (at the config's first seed) to the end on the calling thread. */
export function runScheme(
  config: ExperimentConfig,
  scheme: string,
  data = makeData(config.dataset, config.noise),
  kernel?: KernelFactory,
): DoneRun {
  const run = new Run(config, { scheme, seed: config.seed }, data, kernel ? { kernel } : {});
  run.advance(config.iterations);
  return run.result();
}
