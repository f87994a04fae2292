import { parseArgs as nodeParseArgs } from 'node:util';
import { ConfigError, configFrom, DEFAULT_CONFIG, FIELDS, LIMITS, type ConfigText, type ExperimentConfig, type FieldName } from '../core/config.js';
import { DATASETS } from '../core/datasets.js';
import { KERNELS } from '../core/kernel-table.js';
import { clip, quote } from '../core/quote.js';
import { thousands } from '../core/thousands.js';
import { SCHEMES } from '../core/schemes.js';
import { queueOptions, REDIS_URL_ACCEPTS, type QueueOptions } from './queue-options.js';

/** What the command line asks for, once validated: the experiment, and what to do with it (queue-options.ts: --queue, --worker). */
export interface Invocation extends QueueOptions {
  readonly config: ExperimentConfig;
  readonly json: boolean;
  /** Where to write the JSON document too (undefined: nowhere). */
  readonly out: string | undefined;
  readonly force: boolean;
}

export type Parsed =
  | { readonly kind: 'run'; readonly invocation: Invocation }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'error'; readonly message: string };

const D = DEFAULT_CONFIG;
const datasets = Object.keys(DATASETS).join(', ');
const kernels = Object.keys(KERNELS).join(', ');

/**
 * Every option with its help line. The values are checked by core/config.ts's
 * field validators (the settings screen uses the same ones); `--help` reads
 * this table.
 */
const OPTIONS = {
  schemes: { type: 'string', value: 'a,b,c', help: `initializations to race, in this order (default ${D.schemes.join(',')})` },
  iterations: { type: 'string', short: 'n', value: 'N', help: `gradient-descent iterations per scheme (default ${D.iterations})` },
  'learning-rate': { type: 'string', value: 'X', help: `learning rate (default ${D.learningRate}); --lr for short` },
  lr: { type: 'string', value: 'X', help: '' },
  dataset: { type: 'string', value: 'NAME', help: `generated data set: ${datasets} (default ${D.dataset})` },
  noise: { type: 'string', value: 'X', help: 'noise of the generated data set (default: circles 0.05, moons 0.2, others 0.05)' },
  data: { type: 'string', value: 'FILE', help: `train on your own data: a CSV with header x1,x2,label and labels 0/1 (a regular file, at most ${LIMITS.dataFileBytes / 2 ** 20} MiB)` },
  'test-data': { type: 'string', value: 'FILE', help: 'test set for --data (default: a seeded 75/25 split of --data)' },
  layers: { type: 'string', value: 'LIST', help: `layer sizes, input 2 and output 1 (default ${D.layers.join(',')}; up to 8 hidden layers of up to 256 units)` },
  seeds: { type: 'string', value: 'N', help: 'train every scheme (or sweep cell) with N seeds (seed … seed+N-1) and summarise (default 1)' },
  sweep: { type: 'string', value: 'SPEC', help: 'a gain sweep instead of a race: gain=A..B:N[,depth=D1..D2] (see Sweeps below)' },
  seed: { type: 'string', value: 'N', help: `seed of the weight initialization (default ${D.seed})` },
  every: { type: 'string', value: 'K', help: `record the cost every K iterations in --json output (default ${D.every}; at most ${thousands(LIMITS.recordedCosts)} costs in all)` },
  threads: { type: 'string', value: 'N', help: 'worker threads for the race (default: one per run, at most one per core, but up to 8 schemes always side by side; one per core with --sweep)' },
  pace: { type: 'string', value: 'P', help: `dashboard pace: iterations per second per run, max, or auto (a race of about 10 s; default ${D.pace}); --json and plain text always run flat out` },
  kernel: { type: 'string', value: 'NAME', help: `training kernel: ${kernels} (default ${D.kernel}; all give identical numbers)` },
  json: { type: 'boolean', help: 'no dashboard: train, print one JSON document, exit' },
  out: { type: 'string', value: 'FILE', help: 'also write the JSON document to FILE when the race ends (whole or not at all), in any mode; a regular file (- is refused)' },
  force: { type: 'boolean', help: 'let --out overwrite an existing regular file' },
  queue: { type: 'string', value: 'URL', help: 'train a sweep (or --seeds race) on the workers of a Redis queue, redis://HOST:PORT[/DB]; prints what a local run prints' },
  worker: { type: 'string', value: 'URL', help: 'train the jobs of the Redis queue at URL (with --threads N, default one per core) until stopped' },
  help: { type: 'boolean', short: 'h', help: 'show this help and exit' },
  version: { type: 'boolean', short: 'V', help: 'print the version and exit' },
} as const satisfies Record<string, { type: 'string' | 'boolean'; short?: string; value?: string; help: string }>;

/** What a value-taking option accepts, for "needs a value" messages: the field's own words, else a file name. */
function accepts(name: OptionName): string {
  const field = name === 'lr' ? 'learning-rate' : name;
  if (name === 'queue' || name === 'worker') return REDIS_URL_ACCEPTS;
  return Object.hasOwn(FIELDS, field) ? FIELDS[field as FieldName].accepts : name === 'out' ? 'a file name' : 'a CSV file name';
}

type OptionName = keyof typeof OPTIONS;

/** `--lr` is another spelling of `--learning-rate`: both count as one option. */
const CANONICAL: Partial<Record<OptionName, OptionName>> = { lr: 'learning-rate' };

class UsageError extends Error {}

/** Turns node's parseArgs errors into one line naming the option (node's own text quotes it whole: we quote it short). */
function explain(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const msg = e.message ?? String(err);
  const opt = /'(-[^' ]*)/.exec(msg)?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${clip(opt ?? '')} (see --help)`.replace('  ', ' ');
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const name = /--([a-z-]+)/.exec(msg)?.[1] as OptionName | undefined;
      const def = name && Object.hasOwn(OPTIONS, name) ? OPTIONS[name] : undefined;
      if (!name || !def) return clip(msg, 200);
      if (def.type === 'boolean') return `--${name} takes no value`;
      return `--${name} needs a value: ${accepts(name)}`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${clip(/'([^']*)'/.exec(msg)?.[1] ?? '')}; init-tui takes only options (see --help)`;
    default:
      return clip(msg, 200);
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

/** The given string values among `names`, as they were typed. */
function pick<K extends string>(values: Partial<Record<K, string | boolean | undefined>>, names: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const n of names) {
    const raw = values[n];
    if (typeof raw === 'string') out[n] = raw;
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
      if (seen.has(name)) throw new UsageError(`--${name} is given more than once (as ${clip(seen.get(name) ?? '')} and ${clip(t.rawName)})`);
      seen.set(name, t.rawName);
    }
    const v = parsed.values;
    if (v.help) return { kind: 'help' };
    if (v.version) return { kind: 'version' };
    const file = (name: 'out' | 'data' | 'test-data'): string | undefined => {
      const raw = v[name];
      if (raw !== undefined && raw.trim() === '') throw new UsageError(`--${name} expects ${accepts(name)}, got ${quote(raw)}`);
      return raw;
    };
    const text: ConfigText = {
      ...pick(v, ['schemes', 'iterations', 'dataset', 'noise', 'layers', 'seeds', 'seed', 'every', 'threads', 'kernel', 'pace', 'sweep']),
      ...(v['learning-rate'] !== undefined ? { 'learning-rate': v['learning-rate'] } : {}),
      ...(v.lr !== undefined ? { 'learning-rate': v.lr } : {}),
      ...(file('data') !== undefined ? { data: v.data } : {}),
      ...(file('test-data') !== undefined ? { 'test-data': v['test-data'] } : {}),
    };
    const config = configFrom(text, DEFAULT_CONFIG, v.lr !== undefined ? { 'learning-rate': '--lr' } : {});
    const remote = queueOptions(v, [...seen.keys()], config);
    if (typeof remote === 'string') throw new UsageError(remote);
    return { kind: 'run', invocation: { config, json: v.json === true, out: file('out'), force: v.force === true, ...remote } };
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError) return { kind: 'error', message: err.message };
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
    '  init-tui --sweep SPEC --queue redis://HOST:PORT   the same, trained by the workers of a Redis queue',
    '  init-tui --worker redis://HOST:PORT [--threads N]  train that queue\'s jobs until stopped (SIGTERM/Ctrl-C)',
    '',
    'Options:',
    ...rows.map(([l, h]) => `  ${l.padEnd(width)}${h}`),
    '',
    'Schemes:',
    ...schemes,
    '',
    'Sweeps (--sweep SPEC, instead of --schemes):',
    '  gain=A..B:N      N log-spaced gains from A to B, both included (0 < A ≤ B, N from 2 to 200), each trained as gain:G',
    '  ,depth=D1..D2    also D1 … D2 hidden ReLU layers (1 to 8), each as wide as the first hidden layer of --layers',
    '  e.g. --sweep gain=0.1..10:9,depth=1..6 --seeds 3 -n 2000: 54 cells, 162 models (at most 10,000 counting seeds);',
    '  the dashboard draws accuracy against gain (1-D) or a depth × gain map (2-D); --json reports every cell',
    '',
    'In the dashboard, press ? for the keys (w: why a scheme fails, s: settings, e: export).',
    '',
    'Exit status: 0 done (or quit with q); 1 a run failed, --out or standard output could not',
    'be written, the Redis of --queue or --worker did not answer, or an internal error;',
    '2 bad input (one line on stderr, before training);',
    '130, 143, 129 on Ctrl-C, SIGTERM, SIGHUP (a stopped run prints no result, writes no --out).',
  ].join('\n');
}
