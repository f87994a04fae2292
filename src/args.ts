import { parseArgs as nodeParseArgs } from 'node:util';
import { DATASETS } from './core/datasets.js';
import { NOTEBOOK_CONFIG, type ExperimentConfig } from './core/experiment.js';
import { DEFAULT_KERNEL, KERNELS } from './core/kernel-table.js';
import { DEFAULT_SCHEMES, resolveScheme, SCHEMES, schemeNames } from './core/schemes.js';

/** What the command line asks for, once validated. */
export interface Options {
  readonly config: ExperimentConfig;
  readonly schemes: readonly string[];
  readonly json: boolean;
  /** Worker threads for the race (default: one per scheme). */
  readonly threads: number | undefined;
  /** The training kernel's name (KERNELS). */
  readonly kernel: string;
  /** Where to write the JSON document too (undefined: nowhere). */
  readonly out: string | undefined;
  readonly force: boolean;
  /** Your own data (--data, --test-data): read by the CLI, not by this pure parser. */
  readonly dataFile: string | undefined;
  readonly testDataFile: string | undefined;
  /** Initialization seeds per scheme (seed … seed+seeds-1). */
  readonly seeds: number;
}

export type Parsed =
  | { readonly kind: 'run'; readonly options: Options }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'error'; readonly message: string };

export const MAX_ITERATIONS = 100_000_000;
export const MAX_SEED = 4294967295;
export const MAX_THREADS = 64;
export const MAX_NOISE = 10;
export const MAX_UNITS = 256;
export const MAX_HIDDEN_LAYERS = 8;
export const MAX_SEEDS = 1000;

/**
 * Every option, with what it accepts. The parser, its error messages and
 * `--help` all read this one table.
 */
const OPTIONS = {
  schemes: { type: 'string', value: 'a,b,c', accepts: `a comma-separated list of ${schemeNames().join(', ')} (K, G > 0)`, help: `initializations to race, in this order (default ${DEFAULT_SCHEMES.join(',')})` },
  iterations: { type: 'string', short: 'n', value: 'N', accepts: `an integer from 1 to ${MAX_ITERATIONS}`, help: `gradient-descent iterations per scheme (default ${NOTEBOOK_CONFIG.iterations})` },
  'learning-rate': { type: 'string', value: 'X', accepts: 'a finite number greater than 0', help: `learning rate (default ${NOTEBOOK_CONFIG.learningRate}); --lr for short` },
  lr: { type: 'string', value: 'X', accepts: 'a finite number greater than 0', help: '' },
  dataset: { type: 'string', value: 'NAME', accepts: `one of ${Object.keys(DATASETS).join(', ')}`, help: `generated data set: ${Object.keys(DATASETS).join(', ')} (default circles)` },
  noise: { type: 'string', value: 'X', accepts: `a number from 0 to ${MAX_NOISE}`, help: 'noise of the generated data set (default: circles 0.05, moons 0.2, others 0.05)' },
  data: { type: 'string', value: 'FILE', accepts: 'a CSV file name', help: 'train on your own data: a CSV with header x1,x2,label and labels 0/1' },
  'test-data': { type: 'string', value: 'FILE', accepts: 'a CSV file name', help: 'test set for --data (default: a seeded 75/25 split of --data)' },
  layers: { type: 'string', value: 'LIST', accepts: `a comma-separated list of layer sizes: 2, then 1 to ${MAX_HIDDEN_LAYERS} hidden sizes of 1 to ${MAX_UNITS}, then 1`, help: `layer sizes, input 2 and output 1 (default 2,10,5,1; up to ${MAX_HIDDEN_LAYERS} hidden layers of up to ${MAX_UNITS} units)` },
  seeds: { type: 'string', value: 'N', accepts: `an integer from 1 to ${MAX_SEEDS}`, help: 'train every scheme with N seeds (seed … seed+N-1) and summarise (default 1)' },
  seed: { type: 'string', value: 'N', accepts: `an integer from 0 to ${MAX_SEED}`, help: `seed of the weight initialization (default ${NOTEBOOK_CONFIG.seed})` },
  every: { type: 'string', value: 'K', accepts: `an integer from 1 to ${MAX_ITERATIONS}`, help: `record the cost every K iterations in --json output (default ${NOTEBOOK_CONFIG.every})` },
  threads: { type: 'string', value: 'N', accepts: `an integer from 1 to ${MAX_THREADS}`, help: 'worker threads for the race (default: one per run, at most 8 for a sweep)' },
  kernel: { type: 'string', value: 'NAME', accepts: `one of ${Object.keys(KERNELS).join(', ')}`, help: `training kernel: ${Object.keys(KERNELS).join(', ')} (default ${DEFAULT_KERNEL}; all give identical numbers)` },
  json: { type: 'boolean', help: 'no dashboard: train, print one JSON document, exit' },
  out: { type: 'string', value: 'FILE', accepts: 'a file name', help: 'also write the JSON document to FILE when the race ends (atomically), in any mode' },
  force: { type: 'boolean', help: 'let --out overwrite an existing file' },
  help: { type: 'boolean', short: 'h', help: 'show this help and exit' },
  version: { type: 'boolean', short: 'V', help: 'print the version and exit' },
} as const satisfies Record<string, { type: 'string' | 'boolean'; short?: string; value?: string; accepts?: string; help: string }>;

type OptionName = keyof typeof OPTIONS;

/** `--lr` is another spelling of `--learning-rate`: both count as one option. */
const CANONICAL: Partial<Record<OptionName, OptionName>> = { lr: 'learning-rate' };

class UsageError extends Error {}

function flag(name: OptionName): string {
  return `--${name}`;
}

function bad(name: string, accepts: string, raw: string): UsageError {
  return new UsageError(`${name} expects ${accepts}, got ${JSON.stringify(raw)}`);
}

/** Decimal numbers only: "1e-3", "0.5", ".5"; not "0x10", "", " 1", "Infinity". */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function parseInteger(name: OptionName, raw: string, min: number, max: number): number {
  const accepts = OPTIONS[name].type === 'string' ? (OPTIONS[name] as { accepts: string }).accepts : '';
  if (!DECIMAL.test(raw)) throw bad(flag(name), accepts, raw);
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw bad(flag(name), accepts, raw);
  return n;
}

function parsePositive(name: OptionName, raw: string): number {
  const accepts = (OPTIONS[name] as { accepts: string }).accepts;
  if (!DECIMAL.test(raw)) throw bad(flag(name), accepts, raw);
  const x = Number(raw);
  if (!Number.isFinite(x) || !(x > 0)) throw bad(flag(name), accepts, raw);
  return x;
}

function parseSchemes(raw: string): string[] {
  const names = raw.split(',').map((s) => s.trim());
  const accepts = OPTIONS.schemes.accepts;
  if (raw.trim() === '') throw bad('--schemes', accepts, raw);
  for (const s of names) {
    if (s === '') throw bad('--schemes', accepts, raw);
    if (!resolveScheme(s)) throw new UsageError(`--schemes: unknown scheme ${JSON.stringify(s)}; expects ${accepts}`);
  }
  const seen = new Set<string>();
  for (const s of names) {
    if (seen.has(s)) throw new UsageError(`--schemes lists ${JSON.stringify(s)} twice; each scheme may appear once`);
    seen.add(s);
  }
  return names;
}

function parseFileName(name: 'out' | 'data' | 'test-data', raw: string): string {
  if (raw.trim() === '') throw bad(`--${name}`, OPTIONS[name].accepts, raw);
  return raw;
}

function parseDataset(raw: string): string {
  if (!Object.hasOwn(DATASETS, raw)) throw bad('--dataset', OPTIONS.dataset.accepts, raw);
  return raw;
}

function parseNoise(raw: string): number {
  const accepts = OPTIONS.noise.accepts;
  if (!DECIMAL.test(raw)) throw bad('--noise', accepts, raw);
  const x = Number(raw);
  if (!Number.isFinite(x) || x < 0 || x > MAX_NOISE) throw bad('--noise', accepts, raw);
  return x;
}

function parseLayers(raw: string): number[] {
  const accepts = OPTIONS.layers.accepts;
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.some((p) => !/^\d+$/.test(p))) throw bad('--layers', accepts, raw);
  const sizes = parts.map(Number);
  if (sizes.length < 3) throw new UsageError(`--layers needs at least one hidden layer: ${accepts}, got ${JSON.stringify(raw)}`);
  if (sizes[0] !== 2) throw new UsageError(`--layers must start with 2 (the two coordinates), got ${JSON.stringify(raw)}`);
  if (sizes[sizes.length - 1] !== 1) throw new UsageError(`--layers must end with 1 (one sigmoid output), got ${JSON.stringify(raw)}`);
  const hidden = sizes.slice(1, -1);
  if (hidden.length > MAX_HIDDEN_LAYERS || hidden.some((n) => n < 1 || n > MAX_UNITS)) throw bad('--layers', accepts, raw);
  return sizes;
}

function parseKernel(raw: string): string {
  if (!Object.hasOwn(KERNELS, raw)) throw bad('--kernel', OPTIONS.kernel.accepts, raw);
  return raw;
}

/** Turns node's parseArgs errors into one line naming the option. */
function explain(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const msg = e.message ?? String(err);
  const opt = /'(-[^' ]*)/.exec(msg)?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${opt ?? ''} (see --help)`.replace('  ', ' ');
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const name = /--([a-z-]+)/.exec(msg)?.[1] as OptionName | undefined;
      const def = name && Object.hasOwn(OPTIONS, name) ? OPTIONS[name] : undefined;
      if (!def) return msg;
      if (def.type === 'boolean') return `--${name} takes no value`;
      return `--${name} needs a value${'accepts' in def ? `: ${def.accepts}` : ''}`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${/'([^']*)'/.exec(msg)?.[1] ?? ''}; init-tui takes only options (see --help)`;
    default:
      return msg;
  }
}

const STRING_OPTIONS = new Set(
  Object.entries(OPTIONS).flatMap(([name, def]) =>
    def.type === 'string' ? [`--${name}`, ...('short' in def ? [`-${def.short}`] : [])] : [],
  ),
);

/**
 * `--seed -1` would read to parseArgs as a missing value followed by an
 * option; joining it into `--seed=-1` lets the range check answer instead.
 */
function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if (STRING_OPTIONS.has(a) && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(a.startsWith("--") ? `${a}=${next}` : `${a}${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/**
 * Parses the command line (without `node` and the script). Pure: no I/O, no
 * exit; every mistake becomes `{ kind: 'error', message }` with one line that
 * names the option and what it accepts.
 */
export function parseCommandLine(argv: readonly string[]): Parsed {
  let parsed: ReturnType<typeof nodeParseArgs<{ options: typeof OPTIONS; tokens: true; strict: true; allowPositionals: false }>>;
  try {
    parsed = nodeParseArgs({ args: joinNegativeValues(argv), options: OPTIONS, strict: true, allowPositionals: false, tokens: true });
  } catch (err) {
    return { kind: 'error', message: explain(err) };
  }
  try {
    // parseArgs keeps the last of repeated options; a repeated option is more likely a mistake.
    const seen = new Map<string, string>();
    for (const t of parsed.tokens) {
      if (t.kind !== 'option') continue;
      const name = CANONICAL[t.name as OptionName] ?? (t.name as OptionName);
      if (seen.has(name)) throw new UsageError(`--${name} is given more than once (as ${seen.get(name)} and ${t.rawName})`);
      seen.set(name, t.rawName);
    }
    const v = parsed.values;
    if (v.help) return { kind: 'help' };
    if (v.version) return { kind: 'version' };
    const lrName: OptionName = v.lr !== undefined ? 'lr' : 'learning-rate';
    const lrRaw = v.lr ?? v['learning-rate'];
    if (v['test-data'] !== undefined && v.data === undefined) throw new UsageError('--test-data needs --data (the training set it tests)');
    if (v.data !== undefined && v.dataset !== undefined) throw new UsageError('--data and --dataset exclude each other: train on a file or on a generated data set');
    if (v.data !== undefined && v.noise !== undefined) throw new UsageError('--noise applies to generated data sets, not to --data');
    const dataset = v.data !== undefined ? 'csv' : v.dataset === undefined ? NOTEBOOK_CONFIG.dataset : parseDataset(v.dataset);
    const noise = v.noise === undefined ? undefined : parseNoise(v.noise);
    const config: ExperimentConfig = {
      ...NOTEBOOK_CONFIG,
      dataset,
      layers: v.layers === undefined ? NOTEBOOK_CONFIG.layers : parseLayers(v.layers),
      // The noise is reported where it is not the notebook's circles default.
      ...(noise !== undefined || (dataset !== 'circles' && dataset !== 'csv') ? { noise: noise ?? DATASETS[dataset]!.defaultNoise } : {}),
      iterations: v.iterations === undefined ? NOTEBOOK_CONFIG.iterations : parseInteger('iterations', v.iterations, 1, MAX_ITERATIONS),
      learningRate: lrRaw === undefined ? NOTEBOOK_CONFIG.learningRate : parsePositive(lrName, lrRaw),
      seed: v.seed === undefined ? NOTEBOOK_CONFIG.seed : parseInteger('seed', v.seed, 0, MAX_SEED),
      ...(v.data !== undefined ? { data: { train: v.data, test: v['test-data'] ?? null } } : {}),
      every: v.every === undefined ? NOTEBOOK_CONFIG.every : parseInteger('every', v.every, 1, MAX_ITERATIONS),
    };
    const seeds = v.seeds === undefined ? 1 : parseInteger('seeds', v.seeds, 1, MAX_SEEDS);
    if (config.seed + seeds - 1 > MAX_SEED) {
      throw new UsageError(`--seeds ${seeds} from --seed ${config.seed} would pass ${MAX_SEED}, the largest seed`);
    }
    return {
      kind: 'run',
      options: {
        config,
        schemes: v.schemes === undefined ? DEFAULT_SCHEMES : parseSchemes(v.schemes),
        json: v.json === true,
        threads: v.threads === undefined ? undefined : parseInteger('threads', v.threads, 1, MAX_THREADS),
        kernel: v.kernel === undefined ? DEFAULT_KERNEL : parseKernel(v.kernel),
        out: v.out === undefined ? undefined : parseFileName('out', v.out),
        force: v.force === true,
        dataFile: v.data === undefined ? undefined : parseFileName('data', v.data),
        testDataFile: v['test-data'] === undefined ? undefined : parseFileName('test-data', v['test-data']),
        seeds,
      },
    };
  } catch (err) {
    if (err instanceof UsageError) return { kind: 'error', message: err.message };
    throw err;
  }
}

/** The `--help` text, built from the same option table the parser reads. */
export function helpText(version: string): string {
  const rows: [string, string][] = [];
  for (const [name, def] of Object.entries(OPTIONS) as [OptionName, (typeof OPTIONS)[OptionName]][]) {
    if (def.help === '') continue;
    const short = 'short' in def ? `-${def.short}, ` : '    ';
    const value = 'value' in def ? ` ${def.value}` : '';
    rows.push([`${short}--${name}${value}`, def.help]);
  }
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  const schemes = [
    ...Object.values(SCHEMES).map((s) => `  ${s.name.padEnd(9)}${s.formula}`),
    `  ${'scale:K'.padEnd(9)}W = randn · K, for any K > 0 (e.g. scale:0.5)`,
    `  ${'gain:G'.padEnd(9)}W = randn · G · sqrt(1 / n_prev), for any G > 0 (gain:1 is xavier; e.g. gain:0.5, gain:4)`,
  ];
  return [
    `init-tui ${version} — watch weight initializations race (the "Initialization" notebook, live)`,
    '',
    'Usage:',
    '  init-tui [options]          live dashboard (when stdout is a terminal; plain text otherwise)',
    '  init-tui --json [options]   train headless and print one JSON document',
    '',
    'Options:',
    ...rows.map(([l, h]) => `  ${l.padEnd(width)}${h}`),
    '',
    'Schemes:',
    ...schemes,
    '',
    'In the dashboard, press ? for the keys (w: why a scheme fails, s: settings, e: export).',
    '',
    'Exit status: 0 done (or quit with q); 1 a run failed, --out could not be written, or an',
    'internal error; 2 bad input (one line on stderr, before training); 130, 143, 129 on',
    'Ctrl-C, SIGTERM, SIGHUP.',
  ].join('\n');
}
