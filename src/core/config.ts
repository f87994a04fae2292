/**
 * The one experiment configuration: its type, its defaults and one validator
 * per field. The command-line parser, the settings screen and the engine all
 * read this file, so a value is accepted (or refused, with the same one-line
 * message) the same way wherever it is typed.
 */
import { activationNames, DEFAULT_ACTIVATION, resolveActivation } from './activations.js';
import { DATASETS } from './datasets.js';
import { DEFAULT_KERNEL, KERNELS } from './kernel-table.js';
import { AUTO_RACE_SECONDS, paceText, type Pace } from './pace.js';
import { quote } from './quote.js';
import { didYouMean } from './suggest.js';
import { DEFAULT_SCHEMES, resolveScheme, schemeNames } from './schemes.js';
import { depthValues, gainValues, layersAt, modelCount, sweepText } from './sweep.js';
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

/**
 * One option of the command line, as one row: the option and its help line,
 * its validator, and how the config shows it everywhere else (its text on the
 * command line and in the settings form, its part of the JSON document's
 * `config`, its part of the dashboard's header). The parser, `--help`, the
 * settings form, the report and the header are all derived from these rows,
 * so a new option is one row here (and its field in ExperimentConfig).
 */
export interface Field<T> {
  readonly option: string;
  /** A one-letter spelling (`-n`). */
  readonly short?: string;
  /** Another long spelling that counts as the same option (`--lr`). */
  readonly alias?: string;
  /** The value's placeholder in `--help` (`N`, `LIST`). */
  readonly value: string;
  /** The line `--help` prints. */
  readonly help: string;
  /** What it accepts, for messages. */
  readonly accepts: string;
  /** The names it is one of, when it is a choice (what shell completion offers, and what "did you mean" looks through). */
  readonly choices?: readonly string[];
  /** The value of `raw`, or a ConfigError naming `option` (or the spelling the user typed). */
  parse(raw: string, spelled?: string): T;
  /**
   * The value in `config` as the command line spells it (what the settings
   * form starts from, and the equivalent command line); undefined when the
   * config leaves it unset.
   */
  text(config: ExperimentConfig): string | undefined;
  /** A value other than the default, for the test that walks every row (and as an example). */
  readonly example: string;
  /** Options the example needs beside it (`--test-data` needs `--data`). */
  readonly exampleWith?: readonly string[];
  /** The settings form's label, when the field is on the settings screen. */
  readonly form?: string;
  /** Its part of the JSON document's `config`; absent when it never changes a number. */
  json?(config: ExperimentConfig): Partial<ConfigJson>;
  /** Its part of the header line ("lr 0.01"), when it shows there. */
  header?(config: ExperimentConfig): string | undefined;
}

/** The document's `config` (SPEC §5): what decides the numbers, nothing about threads, kernels or pace. */
export interface ConfigJson {
  dataset: string;
  noise?: number;
  data?: { train: string; test: string | null };
  layers: number[];
  activation?: string;
  learningRate: number;
  iterations: number;
  seed: number;
  seeds?: number;
  sweep?: { gain: { from: number; to: number; count: number }; depth?: { from: number; to: number } };
  every: number;
}

/** A row's validator and its wording of what it accepts; the other columns come with the row. */
type Validator<T> = Pick<Field<T>, 'option' | 'accepts' | 'parse' | 'choices'>;

/** The one-line refusal of a value; the value is quoted short (see quote.ts), however long it was. */
function refuse(option: string, accepts: string, raw: string, names: readonly string[] = []): ConfigError {
  return new ConfigError(`${option} expects ${accepts}, got ${quote(raw)}${didYouMean(raw, names)}`);
}

/** Decimal numbers only: "1e-3", "0.5", ".5"; not "0x10", "", " 1", "Infinity". */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function integerField(option: string, min: number, max: number): Validator<number> {
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
function choiceField(option: string, table: object): Validator<string> {
  const accepts = `one of ${Object.keys(table).join(', ')}`;
  return {
    option,
    accepts,
    choices: Object.keys(table),
    parse(raw) {
      if (!Object.hasOwn(table, raw)) throw refuse(option, accepts, raw, Object.keys(table));
      return raw;
    },
  };
}

/** A finite decimal number that `ok` accepts. */
function numberField(option: string, accepts: string, ok: (x: number) => boolean): Validator<number> {
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

/** A file name: anything but blank (the CLI opens it and says what is wrong with it). */
function fileField(option: string, accepts: string): Validator<string> {
  return {
    option,
    accepts,
    parse(raw) {
      if (raw.trim() === '') throw refuse(option, accepts, raw);
      return raw;
    },
  };
}

const FIELDS_PACE_ACCEPTS = `max, auto (a race of about ${AUTO_RACE_SECONDS} s) or iterations per second per run, an integer from 1 to ${LIMITS.iterations}`;

const sweepAccepts =
  `gain=A..B:N (N log-spaced gains from A to B, 0 < A ≤ B, N from 2 to ${LIMITS.sweepGains}), ` +
  `optionally ,depth=D1..D2 (hidden layers, 1 ≤ D1 ≤ D2 ≤ ${LIMITS.hiddenLayers}); at most ${thousands(LIMITS.sweepModels)} models counting seeds`;

/** "gain=A..B:N" and, optionally, "depth=D1..D2", in either order. */
function parseSweep(raw: string): SweepSpec {
  // The value and its parts are quoted short (quote.ts): a 200 KB value is still one line.
  const bad = (why: string): ConfigError => new ConfigError(`--sweep ${quote(raw)}: ${why}; --sweep accepts ${sweepAccepts}`);
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
    } else throw bad(/^(gain|depth)=/.test(part) ? `cannot read ${quote(part)}` : `unknown axis ${quote(part.split('=')[0] ?? part)}`);
  }
  if (!gain) throw bad('the gain axis is missing');
  const spec: SweepSpec = { gain, ...(depth ? { depth } : {}) };
  if (gainValues(spec.gain).some((x) => !Number.isFinite(x) || x <= 0))
    throw bad('the gains between A and B are not all finite numbers above 0');
  return spec;
}

const activationAccepts = `one of ${activationNames().join(', ')} (0 < A < 1)`;
const schemesAccepts = `a comma-separated list of ${schemeNames().join(', ')} (K, G > 0)`;
const layersAccepts = `a comma-separated list of layer sizes: 2, then 1 to ${LIMITS.hiddenLayers} hidden sizes of 1 to ${LIMITS.units} (NxK: K layers of N), then 1`;

const D = (): ExperimentConfig => DEFAULT_CONFIG;

/** The names a mistyped activation or scheme may have meant (a parameterised one by its bare name: `leaky-relu`, `gain`). */
export const activationChoices = (): string[] => [...new Set(activationNames().map((n) => n.split(':')[0]!))];
export const schemeChoices = (): string[] => [...new Set(schemeNames().map((n) => n.split(':')[0]!))];

/** Layer sizes as --layers spells them, a run of three or more equal hidden sizes as NxK: [2,32,32,32,1] → "2,32x3,1". */
export function layersText(layers: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < layers.length;) {
    let j = i + 1;
    // Only hidden layers repeat: the input (2) and the output (1) stay as they are.
    if (i > 0) while (j < layers.length - 1 && layers[j] === layers[i]) j++;
    parts.push(j - i >= 3 ? `${layers[i]}x${j - i}` : layers.slice(i, j).join(','));
    i = j;
  }
  return parts.join(',');
}
const plural = (n: number, one: string): string => `${thousands(n)} ${one}${n === 1 ? '' : 's'}`;

/**
 * Every option that sets the experiment, one row each, in the order `--help`
 * lists them; the settings form, the JSON `config` and the header keep this
 * order too. The key is the option's name without `--`.
 */
export const FIELDS = {
  dataset: {
    ...choiceField('--dataset', DATASETS),
    value: 'NAME',
    help: `generated data set: ${Object.keys(DATASETS).join(', ')} (default ${D().dataset})`,
    text: (c) => (c.dataset === 'csv' ? undefined : c.dataset),
    example: 'moons',
    form: 'data set',
    json: (c) => ({ dataset: c.dataset }),
    header: (c) => c.dataset,
  },
  noise: {
    ...numberField('--noise', `a number from 0 to ${LIMITS.noise}`, (x) => x >= 0 && x <= LIMITS.noise),
    value: 'X',
    help: `noise of the generated data set (default: ${Object.entries(DATASETS)
      .map(([name, d]) => `${name} ${d.defaultNoise}`)
      .join(', ')})`,
    text: (c) => (c.noise === undefined ? undefined : String(c.noise)),
    example: '0.1',
    form: 'noise',
    json: (c) => (c.noise !== undefined ? { noise: c.noise } : {}),
    // Always shown for generated data, the set's own noise included: moons and circles differ by it, and a settings change may switch it.
    header: (c) => (c.dataset === 'csv' ? undefined : `noise ${c.noise ?? DATASETS[c.dataset]?.defaultNoise ?? 0}`),
  },
  data: {
    ...fileField('--data', 'a CSV file name'),
    value: 'FILE',
    help: `train on your own data: a CSV with header x1,x2,label and labels 0/1 (a regular file, at most ${LIMITS.dataFileBytes / 2 ** 20} MiB)`,
    text: (c) => c.data?.train,
    example: 'points.csv',
    json: (c) => (c.data !== undefined ? { data: { ...c.data } } : {}),
  },
  'test-data': {
    ...fileField('--test-data', 'a CSV file name'),
    value: 'FILE',
    help: 'test set for --data (default: a seeded 75/25 split of --data)',
    text: (c) => c.data?.test ?? undefined,
    example: 'test.csv',
    exampleWith: ['--data', 'points.csv'],
    // The document names both files in one `data`, which the --data row writes too.
    json: (c) => (c.data?.test != null ? { data: { ...c.data } } : {}),
  },
  layers: {
    option: '--layers',
    accepts: layersAccepts,
    parse(raw: string): readonly number[] {
      // "2,32x16,1": a size NxK stands for K layers of N units (at most the hidden-layer limit, so a huge K is refused unexpanded).
      const parts = raw.split(',').map((p) => p.trim());
      if (parts.some((p) => !/^\d+(x\d+)?$/.test(p))) throw refuse('--layers', layersAccepts, raw);
      const repeats = parts.map((p) => p.split('x').map(Number) as [number, number?]);
      const count = repeats.reduce((n, [, k = 1]) => n + k, 0);
      if (repeats.some(([, k]) => k === 0)) throw refuse('--layers', layersAccepts, raw);
      if (count > LIMITS.hiddenLayers + 2)
        throw new ConfigError(
          `--layers has ${thousands(count - 2)} hidden layers; it accepts at most ${LIMITS.hiddenLayers}, got ${quote(raw)}`,
        );
      const sizes = repeats.flatMap(([n, k = 1]) => Array<number>(k).fill(n));
      if (sizes.length < 3) throw new ConfigError(`--layers needs at least one hidden layer: ${layersAccepts}, got ${quote(raw)}`);
      if (sizes[0] !== 2 || parts[0] !== '2') throw new ConfigError(`--layers must start with 2 (the two coordinates), got ${quote(raw)}`);
      if (sizes[sizes.length - 1] !== 1 || parts[parts.length - 1] !== '1')
        throw new ConfigError(`--layers must end with 1 (one sigmoid output), got ${quote(raw)}`);
      const hidden = sizes.slice(1, -1);
      if (hidden.length > LIMITS.hiddenLayers || hidden.some((n) => n < 1 || n > LIMITS.units))
        throw refuse('--layers', layersAccepts, raw);
      return sizes;
    },
    value: 'LIST',
    help: `layer sizes, input 2 and output 1 (default ${D().layers.join(',')}; up to ${LIMITS.hiddenLayers} hidden layers of up to ${LIMITS.units} units)`,
    text: (c) => layersText(c.layers),
    example: '2,16x3,8,1',
    form: 'layers',
    json: (c) => ({ layers: [...c.layers] }),
    // A sweep's depth axis replaces the hidden layers; a 1-D sweep runs on these layers.
    header: (c) =>
      c.sweep
        ? c.sweep.depth
          ? `sweep ${sweepText(c.sweep)}`
          : `sweep ${sweepText(c.sweep)} on ${layersText(c.layers).replaceAll(',', '-')}`
        : `layers ${layersText(c.layers).replaceAll(',', '-')}`,
  },
  activation: {
    option: '--activation',
    accepts: activationAccepts,
    choices: activationChoices(),
    parse(raw: string): string {
      if (!resolveActivation(raw)) throw refuse('--activation', activationAccepts, raw, activationChoices());
      return raw;
    },
    value: 'NAME',
    help: `every hidden layer's activation: ${activationNames().join(', ')} (default ${DEFAULT_ACTIVATION}; the output stays sigmoid)`,
    text: (c) => c.activation,
    example: 'tanh',
    form: 'activation',
    // The notebook's relu is not written, so its document stays SPEC §5's.
    json: (c) => (c.activation === DEFAULT_ACTIVATION ? {} : { activation: c.activation }),
    header: (c) => (c.activation === DEFAULT_ACTIVATION ? undefined : c.activation),
  },
  schemes: {
    option: '--schemes',
    accepts: schemesAccepts,
    choices: schemeChoices(),
    parse(raw: string): readonly string[] {
      if (raw.trim() === '') throw refuse('--schemes', schemesAccepts, raw);
      const names = raw.split(',').map((s) => s.trim());
      for (const s of names) {
        if (s === '') throw refuse('--schemes', schemesAccepts, raw);
        if (!resolveScheme(s))
          throw new ConfigError(`--schemes: unknown scheme ${quote(s)}${didYouMean(s, schemeChoices())}; expects ${schemesAccepts}`);
      }
      const seen = new Set<string>();
      for (const s of names) {
        if (seen.has(s)) throw new ConfigError(`--schemes lists ${quote(s)} twice; each scheme may appear once`);
        seen.add(s);
      }
      return names;
    },
    value: 'a,b,c',
    help: `initializations to race, in this order (default ${D().schemes.join(',')})`,
    text: (c) => c.schemes.join(','),
    example: 'he,xavier',
    form: 'schemes',
  },
  'learning-rate': {
    ...numberField('--learning-rate', 'a finite number greater than 0', (x) => x > 0),
    alias: '--lr',
    value: 'X',
    help: `learning rate (default ${D().learningRate}); --lr for short`,
    text: (c) => String(c.learningRate),
    example: '0.05',
    form: 'learning rate',
    json: (c) => ({ learningRate: c.learningRate }),
    header: (c) => `lr ${c.learningRate}`,
  },
  iterations: {
    ...integerField('--iterations', 1, LIMITS.iterations),
    short: 'n',
    value: 'N',
    help: `gradient-descent iterations per scheme (default ${D().iterations})`,
    text: (c) => String(c.iterations),
    example: '2000',
    form: 'iterations',
    json: (c) => ({ iterations: c.iterations }),
    header: (c) => plural(c.iterations, 'iteration'),
  },
  seed: {
    ...integerField('--seed', 0, LIMITS.seed),
    value: 'N',
    help: `seed of the weight initialization (default ${D().seed})`,
    text: (c) => String(c.seed),
    example: '7',
    form: 'seed',
    json: (c) => ({ seed: c.seed }),
    header: (c) => `seed ${c.seed}${c.sweep && c.seeds > 1 ? `…${c.seed + c.seeds - 1}` : ''}`,
  },
  seeds: {
    ...integerField('--seeds', 1, LIMITS.seeds),
    value: 'N',
    help: 'train every scheme (or sweep cell) with N seeds (seed … seed+N-1) and summarise (default 1)',
    text: (c) => String(c.seeds),
    example: '3',
    json: (c) => (c.seeds > 1 ? { seeds: c.seeds } : {}),
  },
  sweep: {
    option: '--sweep',
    accepts: sweepAccepts,
    parse(raw: string): SweepSpec {
      return parseSweep(raw);
    },
    value: 'SPEC',
    help: 'a gain sweep instead of a race: gain=A..B:N[,depth=D1..D2] (see Sweeps below)',
    text: (c) => (c.sweep ? sweepText(c.sweep) : undefined),
    example: 'gain=0.5..4:4,depth=1..3',
    json: (c) =>
      c.sweep !== undefined ? { sweep: { gain: { ...c.sweep.gain }, ...(c.sweep.depth ? { depth: { ...c.sweep.depth } } : {}) } } : {},
  },
  every: {
    ...integerField('--every', 1, LIMITS.iterations),
    value: 'K',
    help: `record the cost every K iterations in --json output (default ${D().every}; at most ${thousands(LIMITS.recordedCosts)} costs in all)`,
    text: (c) => String(c.every),
    example: '250',
    json: (c) => ({ every: c.every }),
  },
  threads: {
    ...integerField('--threads', 1, LIMITS.threads),
    value: 'N',
    help: 'worker threads for the race (default: one per run, at most one per core, but up to 8 schemes always side by side; one per core with --sweep)',
    text: (c) => (c.threads === undefined ? undefined : String(c.threads)),
    example: '2',
  },
  pace: {
    option: '--pace',
    accepts: FIELDS_PACE_ACCEPTS,
    choices: ['auto', 'max'],
    parse(raw: string): Pace {
      if (raw === 'max' || raw === 'auto') return raw;
      const n = DECIMAL.test(raw) ? Number(raw) : NaN;
      if (!Number.isInteger(n) || n < 1 || n > LIMITS.iterations) throw refuse('--pace', FIELDS_PACE_ACCEPTS, raw, ['auto', 'max']);
      return n;
    },
    value: 'P',
    help: `dashboard pace: iterations per second per run, max, or auto (a race of about ${AUTO_RACE_SECONDS} s; default ${D().pace}); --json and plain text always run flat out`,
    text: (c) => paceText(c.pace),
    example: 'max',
    form: 'pace',
  },
  kernel: {
    ...choiceField('--kernel', KERNELS),
    value: 'NAME',
    help: `training kernel: ${Object.keys(KERNELS).join(', ')} (default ${DEFAULT_KERNEL}; all give identical numbers)`,
    text: (c) => c.kernel,
    example: 'generic',
  },
} as const satisfies Record<string, Field<unknown>>;

export type FieldName = keyof typeof FIELDS;

/** Every row, with its name, in order. */
export const FIELD_ROWS: readonly (readonly [FieldName, Field<unknown>])[] = Object.entries(FIELDS) as [FieldName, Field<unknown>][];

/** The raw text of each field that was given (the command line's values, the settings form's). */
export type ConfigText = Partial<Record<FieldName, string>>;

/** The document's `config`, from the rows (SPEC §5). */
export function configJson(config: ExperimentConfig): ConfigJson {
  return Object.assign({}, ...FIELD_ROWS.map(([, f]) => f.json?.(config) ?? {})) as ConfigJson;
}

/** The header's parts, from the rows ("circles", "layers 2-10-5-1", "lr 0.01", …). */
export function headerParts(config: ExperimentConfig): string[] {
  return FIELD_ROWS.flatMap(([, f]) => {
    const part = f.header?.(config);
    return part === undefined ? [] : [part];
  });
}

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
  const train = parse('data');
  const test = parse('test-data');
  if (test !== undefined && train === undefined) throw new ConfigError('--test-data needs --data (the training set it tests)');
  if (train !== undefined && text.dataset !== undefined) {
    throw new ConfigError('--data and --dataset exclude each other: train on a file or on a generated data set');
  }
  if (train !== undefined && text.noise !== undefined) throw new ConfigError('--noise applies to generated data sets, not to --data');
  const fileData = train !== undefined ? { train, test: test ?? null } : base.dataset === 'csv' ? base.data : undefined;
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
    ...(dataset !== 'csv' && (noise !== undefined || dataset !== 'circles')
      ? { noise: noise ?? DATASETS[dataset]?.defaultNoise ?? 0 }
      : {}),
    ...(fileData ? { data: fileData } : {}),
    layers: parse('layers') ?? base.layers,
    activation: parse('activation') ?? base.activation,
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
  if (config.dataset !== 'csv' && !Object.hasOwn(DATASETS, config.dataset))
    throw refuse('--dataset', FIELDS.dataset.accepts, config.dataset);
  if (config.schemes.length === 0) throw refuse('--schemes', schemesAccepts, '');
  FIELDS.layers.parse(config.layers.join(','));
  FIELDS.kernel.parse(config.kernel);
  FIELDS.activation.parse(config.activation);
  checkKernelCovers(config);
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

/**
 * A kernel named with --kernel must train every network of the race (a sweep's
 * every depth): refused here, before training, rather than failing in a worker.
 */
function checkKernelCovers(config: ExperimentConfig): void {
  const row = KERNELS[config.kernel];
  const networks = config.sweep
    ? depthValues(config.sweep, config.layers).map((d) => layersAt(config.sweep!, config.layers, d))
    : [config.layers];
  const missed = networks.find((layers) => row && !row.supports({ layers, activation: config.activation }));
  if (!row || !missed) return;
  const net = `--layers ${layersText(missed)}${config.activation === DEFAULT_ACTIVATION ? '' : ` with --activation ${config.activation}`}`;
  throw new ConfigError(`--kernel ${config.kernel} cannot train ${net}: it covers ${row.covers}; --kernel auto picks one that does`);
}

/** A sweep keeps at most this many costs of each model (its document has none; its detail view draws them). */
export const SWEEP_RECORDED_PER_MODEL = 1000;

/**
 * The interval at which a run records its costs: `--every` for a race (its
 * document prints them). A sweep's document prints no costs, so `--every` is
 * only the finest interval it records at: coarser where a model would keep
 * more than SWEEP_RECORDED_PER_MODEL, so that a sweep's costs never count
 * against the limit (10,000 models × 1,000 is LIMITS.recordedCosts).
 */
export function recordEvery(config: Pick<ExperimentConfig, 'every' | 'iterations' | 'sweep'>): number {
  if (!config.sweep) return config.every;
  return Math.max(config.every, Math.ceil(config.iterations / SWEEP_RECORDED_PER_MODEL));
}

/**
 * The race records at most LIMITS.recordedCosts costs in all; the message says
 * which --every would do. A sweep records no more than its models can keep
 * (recordEvery): its --every is never refused.
 */
function checkRecordedCosts(config: ExperimentConfig): void {
  if (config.sweep) return;
  const runs = config.schemes.length * config.seeds;
  const perRun = Math.floor((config.iterations - 1) / config.every) + 1;
  const limit = LIMITS.recordedCosts;
  if (runs * perRun <= limit) return;
  const perRunAllowed = Math.floor(limit / runs);
  if (perRunAllowed < 1)
    throw new ConfigError(`${thousands(runs)} runs (schemes × --seeds) are more than the ${thousands(limit)} costs a race may record`);
  const every = Math.floor((config.iterations - 1) / perRunAllowed) + 1;
  throw new ConfigError(
    `--every ${config.every} with --iterations ${config.iterations} would record ${thousands(runs * perRun)} costs over ${thousands(runs)} run${runs === 1 ? '' : 's'}; ` +
      `at most ${thousands(limit)}: use --every ${every} or more`,
  );
}
