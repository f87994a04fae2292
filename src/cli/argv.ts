import { parseArgs as nodeParseArgs } from 'node:util';
import {
  ConfigError,
  configFrom,
  DEFAULT_CONFIG,
  FIELD_ROWS,
  FIELDS,
  LIMITS,
  type ConfigText,
  type ExperimentConfig,
  type FieldName,
} from '../core/config.js';
import { clip, quote } from '../core/quote.js';
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

/** What the command line may ask beside the experiment: how to run it and where its document goes. */
const INVOCATION = {
  json: { type: 'boolean', help: 'no dashboard: train, print one JSON document, exit' },
  out: {
    type: 'string',
    value: 'FILE',
    help: 'also write the JSON document to FILE when the race ends (whole or not at all), in any mode; a regular file (- is refused)',
  },
  force: { type: 'boolean', help: 'let --out overwrite an existing regular file' },
  queue: {
    type: 'string',
    value: 'URL',
    help: 'train a sweep (or --seeds race) on the workers of a Redis queue, redis://HOST:PORT[/DB]; prints what a local run prints',
  },
  worker: {
    type: 'string',
    value: 'URL',
    help: 'train the jobs of the Redis queue at URL (with --threads N, default one per core) until stopped',
  },
  help: { type: 'boolean', short: 'h', help: 'show this help and exit' },
  version: { type: 'boolean', short: 'V', help: 'print the version and exit' },
} as const;

interface OptionDef {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly value?: string;
  readonly help: string;
}

/**
 * Every option with its help line: one per row of core/config.ts's FIELDS (and
 * its alias, which `--help` does not list apart), then the invocation's own.
 * The values are checked by the rows' validators (the settings screen uses the
 * same ones); `--help` reads this table.
 */
const OPTIONS: Readonly<Record<string, OptionDef>> = {
  ...Object.fromEntries(
    FIELD_ROWS.flatMap(([name, f]) => [
      [name, { type: 'string', value: f.value, help: f.help, ...(f.short !== undefined ? { short: f.short } : {}) }],
      ...(f.alias !== undefined ? [[f.alias.slice(2), { type: 'string', value: f.value, help: '' }]] : []),
    ]),
  ),
  ...INVOCATION,
};

/** An alias's row (`lr` → `learning-rate`). */
const CANONICAL: Readonly<Record<string, FieldName>> = Object.fromEntries(
  FIELD_ROWS.flatMap(([name, f]) => (f.alias !== undefined ? [[f.alias.slice(2), name]] : [])),
);

/** What a value-taking option accepts, for "needs a value" messages: the row's own words, else a file name. */
function accepts(name: string): string {
  const field = CANONICAL[name] ?? name;
  if (name === 'queue' || name === 'worker') return REDIS_URL_ACCEPTS;
  return Object.hasOwn(FIELDS, field) ? FIELDS[field as FieldName].accepts : 'a file name';
}

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
      const name = /--([a-z-]+)/.exec(msg)?.[1];
      const def = name !== undefined && Object.hasOwn(OPTIONS, name) ? OPTIONS[name] : undefined;
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
    def.type === 'string' ? [`--${name}`, ...(def.short !== undefined ? [`-${def.short}`] : [])] : [],
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
      out.push(a.startsWith('--') ? `${a}=${next}` : `${a}${next}`);
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
  let parsed: ReturnType<typeof nodeParseArgs<{ options: Record<string, OptionDef>; tokens: true; strict: true; allowPositionals: false }>>;
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
      const name = CANONICAL[t.name] ?? t.name;
      if (seen.has(name))
        throw new UsageError(`--${name} is given more than once (as ${clip(seen.get(name) ?? '')} and ${clip(t.rawName)})`);
      seen.set(name, t.rawName);
    }
    const v = parsed.values;
    if (v.help) return { kind: 'help' };
    if (v.version) return { kind: 'version' };
    const out = v.out;
    if (typeof out === 'string' && out.trim() === '') throw new UsageError(`--out expects ${accepts('out')}, got ${quote(out)}`);
    // Every row's value as typed, under its own name whichever spelling was used.
    const text: ConfigText = {};
    const spelled: Partial<Record<FieldName, string>> = {};
    for (const [option, raw] of Object.entries(v)) {
      if (typeof raw !== 'string' || !Object.hasOwn(OPTIONS, option)) continue;
      const field = CANONICAL[option] ?? option;
      if (!Object.hasOwn(FIELDS, field)) continue;
      text[field as FieldName] = raw;
      if (CANONICAL[option] !== undefined) spelled[field as FieldName] = `--${option}`;
    }
    const config = configFrom(text, DEFAULT_CONFIG, spelled);
    const remote = queueOptions(v, [...seen.keys()], config);
    if (typeof remote === 'string') throw new UsageError(remote);
    return {
      kind: 'run',
      invocation: { config, json: v.json === true, out: typeof out === 'string' ? out : undefined, force: v.force === true, ...remote },
    };
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError) return { kind: 'error', message: err.message };
    throw err;
  }
}

/** The `--help` text, built from the same option table the parser reads. */
export function helpText(version: string): string {
  const rows: [string, string][] = [];
  for (const [name, def] of Object.entries(OPTIONS)) {
    if (def.help === '') continue;
    const short = def.short !== undefined ? `-${def.short}, ` : '    ';
    const value = def.value !== undefined ? ` ${def.value}` : '';
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
    "  init-tui --worker redis://HOST:PORT [--threads N]  train that queue's jobs until stopped (SIGTERM/Ctrl-C)",
    '',
    'Options:',
    ...rows.map(([l, h]) => `  ${l.padEnd(width)}${h}`),
    '',
    'Schemes:',
    ...schemes,
    '',
    'Sweeps (--sweep SPEC, instead of --schemes):',
    '  gain=A..B:N      N log-spaced gains from A to B, both included (0 < A ≤ B, N from 2 to 200), each trained as gain:G',
    `  ,depth=D1..D2    also D1 … D2 hidden layers (1 to ${LIMITS.hiddenLayers}), each as wide as the first hidden layer of --layers`,
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
