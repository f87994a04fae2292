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
import { didYouMean } from '../core/suggest.js';
import { cellWidth, graphemes } from '../ui/state/settings-form.js';
import { queueOptions, REDIS_URL_ACCEPTS, type QueueOptions } from './queue-options.js';

/** --color: auto (the terminal and NO_COLOR / FORCE_COLOR decide), always (into a pipe too: `less -R`), never. */
export const COLOR_MODES = ['auto', 'always', 'never'] as const;
export type ColorMode = (typeof COLOR_MODES)[number];

/** The shells --completions writes a script for. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** What the command line asks for, once validated: the experiment, and what to do with it (queue-options.ts: --queue, --worker). */
export interface Invocation extends QueueOptions {
  readonly config: ExperimentConfig;
  readonly json: boolean;
  /** Where to write the JSON document too (undefined: nowhere). */
  readonly out: string | undefined;
  readonly force: boolean;
  readonly color: ColorMode;
  /** Whether the dashboard reads and writes its remembered settings (--no-config: no). */
  readonly remember: boolean;
  /**
   * The experiment's options as typed (under their rows' names), and the spelling used
   * (`--lr`): the dashboard puts them over its remembered settings (user-config.ts).
   */
  readonly given: ConfigText;
  readonly spelled: Partial<Record<FieldName, string>>;
}

export type Parsed =
  | { readonly kind: 'run'; readonly invocation: Invocation }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'completions'; readonly shell: Shell }
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
  color: {
    type: 'string',
    value: 'WHEN',
    choices: COLOR_MODES,
    help: 'colour: auto (on a terminal, unless NO_COLOR is set or FORCE_COLOR=0; the default), always (into a pipe or a file too, for less -R), never',
  },
  'no-color': { type: 'boolean', help: 'the same as --color never' },
  'no-config': {
    type: 'boolean',
    help: 'neither read nor write the settings the dashboard remembers (see Remembered settings below)',
  },
  completions: {
    type: 'string',
    value: 'SHELL',
    choices: SHELLS,
    help: 'print a completion script for bash, zsh or fish and exit (see the man page for where to put it)',
  },
  help: { type: 'boolean', short: 'h', help: 'show this help and exit' },
  version: { type: 'boolean', short: 'V', help: "print the version (and Node's) and exit" },
} as const;

export interface OptionDef {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly value?: string;
  readonly help: string;
  /** The values it is one of, when it is a choice (completion offers them; a mistyped one gets a "did you mean"). */
  readonly choices?: readonly string[];
}

/**
 * Every option with its help line: one per row of core/config.ts's FIELDS (and
 * its alias, which `--help` does not list apart), then the invocation's own.
 * The values are checked by the rows' validators (the settings screen uses the
 * same ones); `--help` reads this table.
 */
export const OPTIONS: Readonly<Record<string, OptionDef>> = {
  ...Object.fromEntries(
    FIELD_ROWS.flatMap(([name, f]) => [
      [
        name,
        {
          type: 'string',
          value: f.value,
          help: f.help,
          ...(f.short !== undefined ? { short: f.short } : {}),
          ...(f.choices !== undefined ? { choices: f.choices } : {}),
        },
      ],
      ...(f.alias !== undefined ? [[f.alias.slice(2), { type: 'string', value: f.value, help: '' }]] : []),
    ]),
  ),
  ...INVOCATION,
};

/** An alias's row (`lr` → `learning-rate`). */
export const CANONICAL: Readonly<Record<string, FieldName>> = Object.fromEntries(
  FIELD_ROWS.flatMap(([name, f]) => (f.alias !== undefined ? [[f.alias.slice(2), name]] : [])),
);

/** What a value-taking option accepts, for "needs a value" messages: the row's own words, else a file name. */
function accepts(name: string): string {
  const field = CANONICAL[name] ?? name;
  if (name === 'queue' || name === 'worker') return REDIS_URL_ACCEPTS;
  const listed = Object.hasOwn(INVOCATION, name) ? OPTIONS[name]?.choices : undefined;
  if (listed) return `one of ${listed.join(', ')}`;
  return Object.hasOwn(FIELDS, field) ? FIELDS[field as FieldName].accepts : 'a file name';
}

class UsageError extends Error {}

/** Turns node's parseArgs errors into one line naming the option (node's own text quotes it whole: we quote it short). */
function explain(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const msg = e.message ?? String(err);
  const opt = /'(-[^' ]*)/.exec(msg)?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      // A long option near one of ours (`--schems`, `--layer`, `--jsno`): say which.
      const near = opt?.startsWith('--') ? didYouMean(opt.slice(2), Object.keys(OPTIONS), '--') : '';
      return `unknown option ${clip(opt ?? '')}${near || ' (see --help)'}`.replace('  ', ' ');
    }
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

/** The value of an option that is one of `names` (undefined when not given), or a UsageError naming it and the nearest name. */
function choice<T extends string>(option: string, raw: unknown, names: readonly T[]): T | undefined {
  if (typeof raw !== 'string') return undefined;
  if ((names as readonly string[]).includes(raw)) return raw as T;
  throw new UsageError(`--${option} expects one of ${names.join(', ')}, got ${quote(raw)}${didYouMean(raw, names)}`);
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
    const shell = choice('completions', v.completions, SHELLS);
    if (shell !== undefined) return { kind: 'completions', shell };
    // --no-color, as many tools spell it (and NO_COLOR's flag), is --color never.
    if (v['no-color'] === true && v.color !== undefined) throw new UsageError('--no-color and --color exclude each other: give one');
    const color = v['no-color'] === true ? 'never' : (choice('color', v.color, COLOR_MODES) ?? 'auto');
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
      invocation: {
        config,
        json: v.json === true,
        out: typeof out === 'string' ? out : undefined,
        force: v.force === true,
        color,
        remember: v['no-config'] !== true,
        given: text,
        spelled,
        ...remote,
      },
    };
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError) return { kind: 'error', message: err.message };
    throw err;
  }
}

/** Columns `text` takes in a terminal (a wide character two, a combining mark none of its own). */
export function textWidth(text: string): number {
  return graphemes(text).reduce((w, g) => w + cellWidth(g), 0);
}

/** `text` in lines of at most `width` columns, broken at spaces (a word longer than a line stands alone). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && textWidth(line) + 1 + textWidth(word) > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

/** The width --help (and the man page's source) is laid out for: a classic terminal's 80 columns. */
export const HELP_WIDTH = 80;

/**
 * A label and its text as two columns: the text wrapped beside the label from column
 * `at`, or, when the label is too wide for that, on the lines under it.
 */
function entry(label: string, text: string, at: number): string[] {
  const body = wrap(text, HELP_WIDTH - at);
  const head = `  ${label}`;
  if (textWidth(head) + 2 > at) return [head, ...body.map((l) => ' '.repeat(at) + l)];
  return body.map((l, k) => (k === 0 ? head + ' '.repeat(at - textWidth(head)) : ' '.repeat(at)) + l);
}

/** The options as --help lists them: the label (`-n, --iterations N`) and its help line, aliases left out. */
export function optionRows(): [string, string][] {
  const rows: [string, string][] = [];
  for (const [name, def] of Object.entries(OPTIONS)) {
    if (def.help === '') continue;
    const short = def.short !== undefined ? `-${def.short}, ` : '    ';
    const value = def.value !== undefined ? ` ${def.value}` : '';
    rows.push([`${short}--${name}${value}`, def.help]);
  }
  return rows;
}

/** The initialization schemes as --help lists them: a name and its formula. */
export function schemeRows(): [string, string][] {
  return [
    ...Object.values(SCHEMES).map((s): [string, string] => [s.name, s.formula]),
    ['scale:K', 'W = randn · K, for any K > 0 (e.g. scale:0.5)'],
    ['gain:G', 'W = randn · G · sqrt(1 / n_prev), for any G > 0 (gain:1 is xavier; e.g. gain:0.5, gain:4)'],
  ];
}

/** What --help says under its headings after the options, each a paragraph (the man page reads them too). */
export const HELP_NOTES = {
  sweeps: [
    ['gain=A..B:N', 'N log-spaced gains from A to B, both included (0 < A ≤ B, N from 2 to 200), each trained as gain:G'],
    [',depth=D1..D2', `also D1 … D2 hidden layers (1 to ${LIMITS.hiddenLayers}), each as wide as the first hidden layer of --layers`],
  ] as [string, string][],
  sweepExample:
    'e.g. --sweep gain=0.1..10:9,depth=1..6 --seeds 3 -n 2000: 54 cells, 162 models (at most 10,000 counting seeds); ' +
    'the dashboard draws accuracy against gain (1-D) or a depth × gain map (2-D); --json reports every cell.',
  remembered:
    'The dashboard remembers its pace (+ and -), chart mode (v), log scale (y) and the last settings applied on ' +
    'its settings screen (s) in $XDG_CONFIG_HOME/init-tui/config.json (~/.config/init-tui/config.json when ' +
    'XDG_CONFIG_HOME is unset), and starts from them; options on the command line win over them. --json and ' +
    'plain text never read them, so a script gives the same numbers anywhere; --no-config leaves the file alone.',
  keys: 'In the dashboard, ? lists the keys (w: why one fails, s: settings, e: export).',
  exit:
    'Exit status: 0 done (or quit with q); 1 a run failed, --out or standard output could not be written, ' +
    'the Redis of --queue or --worker did not answer, or an internal error; 2 bad input (one line on stderr, ' +
    'before training); 130, 143, 129 on Ctrl-C, SIGTERM, SIGHUP (a stopped run prints no result, writes no --out).',
} as const;

/** The usage lines: a command and what it does. */
export const USAGE: readonly [string, string][] = [
  ['init-tui [options]', 'the live dashboard (plain text when stdout is not a terminal)'],
  ['init-tui --json [options]', 'train headless and print one JSON document'],
  ['init-tui --sweep SPEC --queue redis://HOST:PORT', 'the same, trained by the workers of a Redis queue'],
  ['init-tui --worker redis://HOST:PORT [--threads N]', "train that queue's jobs until stopped (SIGTERM/Ctrl-C)"],
];

/** The one-line description (the first line of --help, the man page's NAME). */
export const SUMMARY = 'watch weight initializations race in your terminal';

/** The `--help` text, built from the same option table the parser reads; every line fits HELP_WIDTH columns. */
export function helpText(version: string): string {
  const options = optionRows();
  const at = Math.max(...options.map(([l]) => textWidth(l))) + 4;
  const para = (text: string): string[] => wrap(text, HELP_WIDTH);
  const under = (text: string): string[] => wrap(text, HELP_WIDTH - 2).map((l) => `  ${l}`);
  return [
    ...para(`init-tui ${version} — ${SUMMARY}`),
    '',
    'Usage:',
    ...USAGE.flatMap(([l, h]) => entry(l, h, 29)),
    '',
    'Options:',
    ...options.flatMap(([l, h]) => entry(l, h, at)),
    '',
    'Schemes:',
    ...schemeRows().flatMap(([l, h]) => entry(l, h, 18)),
    '',
    'Sweeps (--sweep SPEC, instead of --schemes):',
    ...HELP_NOTES.sweeps.flatMap(([l, h]) => entry(l, h, 18)),
    ...under(HELP_NOTES.sweepExample),
    '',
    'Remembered settings:',
    ...under(HELP_NOTES.remembered),
    '',
    ...para(HELP_NOTES.keys),
    '',
    ...para(HELP_NOTES.exit),
  ].join('\n');
}
