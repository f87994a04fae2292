/**
 * The one experiment configuration: its type, its defaults and one validator
 * per field. The command-line parser, the settings screen and the engine all
 * read this file, so a value is accepted (or refused, with the same one-line
 * message) the same way wherever it is typed.
 */
import { DEFAULT_ACTIVATION } from './activations.js';
import { DATASETS } from './datasets.js';
import { DEFAULT_KERNEL, KERNELS } from './kernel-table.js';
import { AUTO_RACE_SECONDS, type Pace } from './pace.js';
import { quote } from './quote.js';
import { DEFAULT_SCHEMES, resolveScheme, schemeNames } from './schemes.js';
import { gainValues, modelCount, sweepText } from './sweep.js';
import { thousands } from './thousands.js';

/**
 * A gain sweep (core/sweep.ts): `count` log-spaced gains from `from` to `to`,
 * each trained as `gain:G`; with `depth`, also every hidden-layer count from
 * `depth.from` to `depth.to`, each layer as wide as the first hidden layer of
 * `layers`. Every cell trains `seeds` seeds.
 */
export interface SweepSpec {
  readonly gain: { readonly from: number; readonly to: number; readonly count: number };
  readonly depth?: { readonly from: number; readonly to: number };
}

/** Everything that determines a race and its numbers. */
export interface ExperimentConfig {
  /** A generated data set (DATASETS), or "csv" for your own data. */
  readonly dataset: string;
  /** Noise of the generated data set; absent = the data set's default (and not reported). */
  readonly noise?: number;
  /** With your own data: the files it came from (test null: a seeded 75/25 split). */
  readonly data?: { readonly train: string; readonly test: string | null };
  readonly layers: readonly number[];
  /** The hidden layers' activation (core/activations.ts: relu, leaky-relu[:A], tanh, sigmoid, linear, selu). */
  readonly activation: string;
  readonly learningRate: number;
  readonly iterations: number;
  /** The first initialization seed. */
  readonly seed: number;
  /** Record the cost at every iteration i with i % every === 0. */
  readonly every: number;
  /** The initializations to race, in order. */
  readonly schemes: readonly string[];
  /** Initialization seeds per scheme: seed … seed + seeds - 1 (a seed sweep when > 1). */
  readonly seeds: number;
  /** The training kernel (KERNELS); every kernel gives the same numbers. */
  readonly kernel: string;
  /** Worker threads; absent = the engine's default. Never changes the numbers. */
  readonly threads?: number;
  /**
   * How fast the dashboard shows the race (iterations per second per run,
   * `auto` ≈ a 10-second race, or `max`). Never changes the numbers; the
   * headless modes always run flat out.
   */
  readonly pace: Pace;
  /** A gain (× depth) sweep instead of a race of `schemes`. */
  readonly sweep?: SweepSpec;
}

export const LIMITS = {
  iterations: 100_000_000,
  seed: 4294967295,
  threads: 64,
  noise: 10,
  units: 256,
  hiddenLayers: 64,
  seeds: 1000,
  /** --data / --test-data: the largest file read (64 MiB, ~3 million points); larger ones are refused unread. */
  dataFileBytes: 64 * 1024 * 1024,
  /**
   * Costs recorded over all runs of a race (runs × iterations / every): each is
   * kept in memory (~80 bytes as an [i, cost] pair) and printed (~40 bytes of JSON).
   */
  recordedCosts: 10_000_000,
  sweepGains: 200,
  sweepModels: 10_000,
} as const;

/** The notebook's experiment (SPEC §3, §5). */
export const DEFAULT_CONFIG: ExperimentConfig = {
  dataset: 'circles',
  layers: [2, 10, 5, 1],
  activation: DEFAULT_ACTIVATION,
  learningRate: 0.01,
  iterations: 15000,
  seed: 3,
  every: 1000,
  schemes: DEFAULT_SCHEMES,
  seeds: 1,
  kernel: DEFAULT_KERNEL,
  pace: 'auto',
};

/** A value that a field refuses; the message is the one line a user sees. */
export class ConfigError extends Error {}

/** One field: the option that sets it, what it accepts (for messages and help), and its parser. */
export interface Field<T> {
  readonly option: string;
  readonly accepts: string;
  /** The value of `raw`, or a ConfigError naming `option` (or the spelling the user typed). */
  parse(raw: string, spelled?: string): T;
}

/** The one-line refusal of a value; the value is quoted short (see quote.ts), however long it was. */
function refuse(option: string, accepts: string, raw: string): ConfigError {
  return new ConfigError(`${option} expects ${accepts}, got ${quote(raw)}`);
}

/** Decimal numbers only: "1e-3", "0.5", ".5"; not "0x10", "", " 1", "Infinity". */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function integerField(option: string, min: number, max: number): Field<number> {
  const accepts = `an integer from ${min} to ${max}`;
  return {
    option,
    accepts,
    parse(raw, spelled = option) {
      const n = DECIMAL.test(raw) ? Number(raw) : NaN;
      if (!Number.isInteger(n) || n < min || n > max) throw refuse(spelled, accepts, raw);
      return n;
    },
  };
}

/** One of the names of a table (the data sets, the kernels): adding a row to the table adds the choice. */
function choiceField(option: string, table: object): Field<string> {
  const accepts = `one of ${Object.keys(table).join(', ')}`;
  return {
    option,
    accepts,
    parse(raw) {
      if (!Object.hasOwn(table, raw)) throw refuse(option, accepts, raw);
      return raw;
    },
  };
}

/** A finite decimal number that `ok` accepts. */
function numberField(option: string, accepts: string, ok: (x: number) => boolean): Field<number> {
  return {
    option,
    accepts,
    parse(raw, spelled = option) {
      const x = DECIMAL.test(raw) ? Number(raw) : NaN;
      if (!Number.isFinite(x) || !ok(x)) throw refuse(spelled, accepts, raw);
      return x;
    },
  };
}

const FIELDS_PACE_ACCEPTS = `max, auto (a race of about ${AUTO_RACE_SECONDS} s) or iterations per second per run, an integer from 1 to ${LIMITS.iterations}`;

const sweepAccepts =
  `gain=A..B:N (N log-spaced gains from A to B, 0 < A ≤ B, N from 2 to ${LIMITS.sweepGains}), ` +
  `optionally ,depth=D1..D2 (hidden layers, 1 ≤ D1 ≤ D2 ≤ ${LIMITS.hiddenLayers}); at most ${thousands(LIMITS.sweepModels)} models counting seeds`;

/** "gain=A..B:N" and, optionally, "depth=D1..D2", in either order. */
function parseSweep(raw: string): SweepSpec {
  const bad = (why: string): ConfigError => new ConfigError(`--sweep ${JSON.stringify(raw)}: ${why}; --sweep accepts ${sweepAccepts}`);
  const NUM = '[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?';
  let gain: SweepSpec['gain'] | undefined;
  let depth: SweepSpec['depth'] | undefined;
  const parts = raw.split(',').map((p) => p.trim());
  for (const part of parts) {
    const g = new RegExp(`^gain=(${NUM})\\.\\.(${NUM}):(\\d+)$`).exec(part);
    const d = /^depth=(\d+)\.\.(\d+)$/.exec(part);
    if (g) {
      if (gain) throw bad('gain is given twice');
      const [from, to, count] = [Number(g[1]), Number(g[2]), Number(g[3])];
      if (!Number.isFinite(from) || !(from > 0)) throw bad('the first gain A must be a number above 0');
      if (!Number.isFinite(to) || to < from) throw bad('the last gain B must be a number no smaller than A');
      if (!Number.isFinite(to / from)) throw bad('B / A is too large to space gains between them');
      if (count < 2 || count > LIMITS.sweepGains) throw bad(`N, the number of gains, must be from 2 to ${LIMITS.sweepGains}`);
      gain = { from, to, count };
    } else if (d) {
      if (depth) throw bad('depth is given twice');
      const [from, to] = [Number(d[1]), Number(d[2])];
      if (from < 1 || to > LIMITS.hiddenLayers || to < from) throw bad(`depths must be from 1 to ${LIMITS.hiddenLayers}, D1 ≤ D2`);
      depth = { from, to };
    } else throw bad(/^(gain|depth)=/.test(part) ? `cannot read ${JSON.stringify(part)}` : `unknown axis ${JSON.stringify(part.split('=')[0] ?? part)}`);
  }
  if (!gain) throw bad('the gain axis is missing');
  const spec: SweepSpec = { gain, ...(depth ? { depth } : {}) };
  if (gainValues(spec.gain).some((x) => !Number.isFinite(x) || x <= 0)) throw bad('the gains between A and B are not all finite numbers above 0');
  return spec;
}

const schemesAccepts = `a comma-separated list of ${schemeNames().join(', ')} (K, G > 0)`;
const layersAccepts =
  `a comma-separated list of layer sizes: 2, then 1 to ${LIMITS.hiddenLayers} hidden sizes of 1 to ${LIMITS.units}, then 1`;

/** Every field a user can set, by the name of its command-line option. */
export const FIELDS = {
  schemes: {
    option: '--schemes',
    accepts: schemesAccepts,
    parse(raw: string): readonly string[] {
      if (raw.trim() === '') throw refuse('--schemes', schemesAccepts, raw);
      const names = raw.split(',').map((s) => s.trim());
      for (const s of names) {
        if (s === '') throw refuse('--schemes', schemesAccepts, raw);
        if (!resolveScheme(s)) throw new ConfigError(`--schemes: unknown scheme ${quote(s)}; expects ${schemesAccepts}`);
      }
      const seen = new Set<string>();
      for (const s of names) {
        if (seen.has(s)) throw new ConfigError(`--schemes lists ${quote(s)} twice; each scheme may appear once`);
        seen.add(s);
      }
      return names;
    },
  },
  iterations: integerField('--iterations', 1, LIMITS.iterations),
  'learning-rate': numberField('--learning-rate', 'a finite number greater than 0', (x) => x > 0),
  dataset: choiceField('--dataset', DATASETS),
  noise: numberField('--noise', `a number from 0 to ${LIMITS.noise}`, (x) => x >= 0 && x <= LIMITS.noise),
  layers: {
    option: '--layers',
    accepts: layersAccepts,
    parse(raw: string): readonly number[] {
      const parts = raw.split(',').map((p) => p.trim());
      if (parts.some((p) => !/^\d+$/.test(p))) throw refuse('--layers', layersAccepts, raw);
      const sizes = parts.map(Number);
      if (sizes.length < 3) throw new ConfigError(`--layers needs at least one hidden layer: ${layersAccepts}, got ${quote(raw)}`);
      if (sizes[0] !== 2) throw new ConfigError(`--layers must start with 2 (the two coordinates), got ${quote(raw)}`);
      if (sizes[sizes.length - 1] !== 1) throw new ConfigError(`--layers must end with 1 (one sigmoid output), got ${quote(raw)}`);
      const hidden = sizes.slice(1, -1);
      if (hidden.length > LIMITS.hiddenLayers || hidden.some((n) => n < 1 || n > LIMITS.units)) throw refuse('--layers', layersAccepts, raw);
      return sizes;
    },
  },
  seeds: integerField('--seeds', 1, LIMITS.seeds),
  seed: integerField('--seed', 0, LIMITS.seed),
  every: integerField('--every', 1, LIMITS.iterations),
  threads: integerField('--threads', 1, LIMITS.threads),
  pace: {
    option: '--pace',
    accepts: FIELDS_PACE_ACCEPTS,
    parse(raw: string): Pace {
      if (raw === 'max' || raw === 'auto') return raw;
      const n = DECIMAL.test(raw) ? Number(raw) : NaN;
      if (!Number.isInteger(n) || n < 1 || n > LIMITS.iterations) throw refuse('--pace', FIELDS_PACE_ACCEPTS, raw);
      return n;
    },
  },
  sweep: {
    option: '--sweep',
    accepts: sweepAccepts,
    parse(raw: string): SweepSpec {
      return parseSweep(raw);
    },
  },
  kernel: choiceField('--kernel', KERNELS),
} as const satisfies Record<string, Field<unknown>>;

export type FieldName = keyof typeof FIELDS;

/** The raw text of each field that was given (the command line's values, the settings form's). */
export type ConfigText = Partial<Record<FieldName, string>> & {
  /** Your own data files (the CLI reads them; here they only decide the data set). */
  readonly data?: string;
  readonly 'test-data'?: string;
};

/**
 * A whole configuration from raw field texts: each given field through its
 * validator, every other field from `base` (the defaults unless said
 * otherwise), then the rules that tie fields together. Throws ConfigError with
 * one line naming the option. `spelled` maps a field to the spelling the user
 * typed (`--lr` for `--learning-rate`), for the message.
 */
export function configFrom(
  text: ConfigText,
  base: ExperimentConfig = DEFAULT_CONFIG,
  spelled: Partial<Record<FieldName, string>> = {},
): ExperimentConfig {
  const parse = <K extends FieldName>(name: K): ReturnType<(typeof FIELDS)[K]['parse']> | undefined => {
    const raw = text[name];
    if (raw === undefined) return undefined;
    return FIELDS[name].parse(raw, spelled[name]) as ReturnType<(typeof FIELDS)[K]['parse']>;
  };
  if (text['test-data'] !== undefined && text.data === undefined) throw new ConfigError('--test-data needs --data (the training set it tests)');
  if (text.data !== undefined && text.dataset !== undefined) {
    throw new ConfigError('--data and --dataset exclude each other: train on a file or on a generated data set');
  }
  if (text.data !== undefined && text.noise !== undefined) throw new ConfigError('--noise applies to generated data sets, not to --data');
  const fileData = text.data !== undefined ? { train: text.data, test: text['test-data'] ?? null } : base.dataset === 'csv' ? base.data : undefined;
  const dataset = fileData ? 'csv' : (parse('dataset') ?? base.dataset);
  const noise = parse('noise') ?? (text.dataset === undefined ? base.noise : undefined);
  const threads = parse('threads') ?? base.threads;
  if (text.sweep !== undefined && text.schemes !== undefined) {
    throw new ConfigError('--schemes and --sweep exclude each other: a sweep trains gain:G at each of its gains');
  }
  const sweep = parse('sweep') ?? (text.schemes === undefined ? base.sweep : undefined);
  const config: ExperimentConfig = {
    dataset,
    // The noise is reported where it is not the notebook's circles default.
    ...(dataset !== 'csv' && (noise !== undefined || dataset !== 'circles') ? { noise: noise ?? DATASETS[dataset]?.defaultNoise ?? 0 } : {}),
    ...(fileData ? { data: fileData } : {}),
    layers: parse('layers') ?? base.layers,
    activation: base.activation,
    learningRate: parse('learning-rate') ?? base.learningRate,
    iterations: parse('iterations') ?? base.iterations,
    seed: parse('seed') ?? base.seed,
    every: parse('every') ?? base.every,
    schemes: parse('schemes') ?? base.schemes,
    seeds: parse('seeds') ?? base.seeds,
    kernel: parse('kernel') ?? base.kernel,
    ...(threads !== undefined ? { threads } : {}),
    pace: parse('pace') ?? base.pace,
    ...(sweep !== undefined ? { sweep } : {}),
  };
  checkConfig(config);
  return config;
}

/**
 * The rules between fields, and a guard for configurations built in code:
 * throws ConfigError on anything the validators would have refused.
 */
export function checkConfig(config: ExperimentConfig): void {
  if (config.seed + config.seeds - 1 > LIMITS.seed) {
    throw new ConfigError(`--seeds ${config.seeds} from --seed ${config.seed} would pass ${LIMITS.seed}, the largest seed`);
  }
  if (config.dataset !== 'csv' && !Object.hasOwn(DATASETS, config.dataset)) throw refuse('--dataset', FIELDS.dataset.accepts, config.dataset);
  if (config.schemes.length === 0) throw refuse('--schemes', schemesAccepts, '');
  FIELDS.layers.parse(config.layers.join(','));
  FIELDS.kernel.parse(config.kernel);
  if (config.sweep) {
    const text = sweepText(config.sweep);
    FIELDS.sweep.parse(text);
    const models = modelCount(config.sweep, config.seeds);
    if (models > LIMITS.sweepModels) {
      throw new ConfigError(
        `--sweep ${text}${config.seeds > 1 ? ` with --seeds ${config.seeds}` : ''} is ${thousands(models)} models; ` +
          `--sweep accepts at most ${thousands(LIMITS.sweepModels)} models (gains × depths × seeds)`,
      );
    }
  }
  checkRecordedCosts(config);
}

/** The race records at most LIMITS.recordedCosts costs in all; the message says which --every would do. */
function checkRecordedCosts(config: ExperimentConfig): void {
  const runs = config.sweep ? modelCount(config.sweep, config.seeds) : config.schemes.length * config.seeds;
  const perRun = Math.floor((config.iterations - 1) / config.every) + 1;
  const limit = LIMITS.recordedCosts;
  if (runs * perRun <= limit) return;
  const perRunAllowed = Math.floor(limit / runs);
  if (perRunAllowed < 1) throw new ConfigError(`${thousands(runs)} runs (schemes × --seeds) are more than the ${thousands(limit)} costs a race may record`);
  const every = Math.floor((config.iterations - 1) / perRunAllowed) + 1;
  throw new ConfigError(
    `--every ${config.every} with --iterations ${config.iterations} would record ${thousands(runs * perRun)} costs over ${thousands(runs)} run${runs === 1 ? '' : 's'}; ` +
      `at most ${thousands(limit)}: use --every ${every} or more`,
  );
}
