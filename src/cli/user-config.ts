/**
 * The settings the dashboard remembers between runs, as pure functions: where
 * the file lives, what a valid one holds, how it meets the command line (the
 * command line wins), and what a session changed. The file is
 * `$XDG_CONFIG_HOME/init-tui/config.json` (`~/.config/init-tui/` without it):
 *
 *   { "version": 1, "pace": "5000", "chart": "multiples", "logScale": true,
 *     "settings": { "dataset": "moons", "layers": "2,16,8,1", … } }
 *
 * `pace` is --pace's text; `settings` the settings screen's fields (but the pace,
 * which is `pace`), each as its option spells it, from the last time the form was
 * applied. Only the dashboard reads it: --json and plain text never do, so a
 * script gives the same numbers on every machine. The I/O is user-config-file.ts.
 */
import { join } from 'node:path';
import { ConfigError, configFrom, DEFAULT_CONFIG, FIELDS, type ConfigText, type ExperimentConfig, type FieldName } from '../core/config.js';
import { paceText, startPace } from '../core/pace.js';
import { clip } from '../core/quote.js';
// Only the state's type: the reducer's module loads the views, and with them Ink, which must not
// load before main.ts has cleared CI (Ink reads it once, when it loads, and then draws nothing live).
import type { DashboardState } from '../ui/state/reducer.js';
import { FORM_FIELDS, type FormKey } from '../ui/state/settings-form.js';

export type ChartMode = DashboardState['chart'];

export interface Remembered {
  /** The pace as --pace spells it (`auto`, `max`, `5000`). */
  readonly pace?: string;
  readonly chart?: ChartMode;
  readonly logScale?: boolean;
  /** The settings screen's fields as last applied, each as its option's value. */
  readonly settings?: Partial<Record<FormKey, string>>;
}

/** What the dashboard starts from: the experiment, and how the race's chart is drawn. */
export interface Start {
  readonly config: ExperimentConfig;
  readonly chart: ChartMode;
  readonly logScale: boolean;
}

/** The part of the dashboard's state that is remembered. */
export type Snapshot = Pick<DashboardState, 'config' | 'pace' | 'chart' | 'logScale'>;

/** The file format's version; a file of another version is read for what it shares with this one. */
export const CONFIG_VERSION = 1;

/** The settings remembered in the settings form: its fields but the pace, which is remembered apart (the keys move it too). */
const SETTINGS: readonly FormKey[] = FORM_FIELDS.map((f) => f.key).filter((k) => k !== 'pace');

/** The file's path: under XDG_CONFIG_HOME when it is an absolute path (the XDG rule), else under ~/.config. */
export function configPath(env: NodeJS.ProcessEnv, home: string): string {
  const xdg = env['XDG_CONFIG_HOME'];
  const base = xdg !== undefined && xdg.startsWith('/') ? xdg : join(home, '.config');
  return join(base, 'init-tui', 'config.json');
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A file's text as remembered settings, or why it is refused (one short clause).
 * Keys it does not know are passed over (a newer version's); a known key of the
 * wrong type, a value its option refuses, or text that is not a JSON object is damage.
 */
export function parseRemembered(text: string): Remembered | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return `not valid JSON (${clip((err as Error).message, 80)})`;
  }
  if (!isObject(value)) return 'not a JSON object';
  const { pace, chart, logScale, settings } = value;
  if (pace !== undefined) {
    if (typeof pace !== 'string') return '"pace" is not a string';
    try {
      FIELDS.pace.parse(pace);
    } catch (err) {
      return `"pace": ${(err as Error).message}`;
    }
  }
  if (chart !== undefined && chart !== 'overlay' && chart !== 'multiples') return '"chart" is neither "overlay" nor "multiples"';
  if (logScale !== undefined && typeof logScale !== 'boolean') return '"logScale" is not true or false';
  let fields: Partial<Record<FormKey, string>> | undefined;
  if (settings !== undefined) {
    if (!isObject(settings)) return '"settings" is not an object';
    fields = {};
    for (const key of SETTINGS) {
      const v = settings[key];
      if (v === undefined) continue;
      if (typeof v !== 'string') return `"settings"."${key}" is not a string`;
      fields[key] = v;
    }
    // Each field through its option's validator, and the rules between them, as the settings screen would.
    try {
      configFrom(fields);
    } catch (err) {
      if (err instanceof ConfigError) return `"settings": ${err.message}`;
      throw err;
    }
  }
  return {
    ...(pace !== undefined ? { pace: pace as string } : {}),
    ...(chart !== undefined ? { chart: chart as ChartMode } : {}),
    ...(logScale !== undefined ? { logScale: logScale as boolean } : {}),
    ...(fields !== undefined ? { settings: fields } : {}),
  };
}

/**
 * The dashboard's start: the remembered settings under the command line's options
 * (`given`, as typed; `spelled`: the spelling used, for messages). When the two do
 * not go together (a remembered 100,000,000 iterations with --every 1), the command
 * line alone, and the reason, as a string, beside it.
 */
export function startFrom(
  remembered: Remembered,
  given: ConfigText,
  spelled: Partial<Record<FieldName, string>> = {},
): { readonly start: Start; readonly conflict?: string } {
  const view = { chart: remembered.chart ?? 'overlay', logScale: remembered.logScale ?? false };
  const text: ConfigText = { ...remembered.settings, ...(remembered.pace !== undefined ? { pace: remembered.pace } : {}) };
  try {
    const base = configFrom(text);
    return { start: { config: configFrom(given, base, spelled), ...view } };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return { start: { config: configFrom(given, DEFAULT_CONFIG, spelled), ...view }, conflict: err.message };
  }
}

/** The pace a state runs at, as --pace spells it: the config's while the keys have not moved it. */
function paceOfState(s: Snapshot): string {
  if (s.pace === startPace(s.config)) return paceText(s.config.pace);
  return s.pace === 0 ? 'max' : String(s.pace);
}

/** The settings screen's fields of a config (but the pace), as its options spell them. */
export function settingsOf(config: ExperimentConfig): Partial<Record<FormKey, string>> {
  return Object.fromEntries(SETTINGS.flatMap((k) => (FIELDS[k].text(config) === undefined ? [] : [[k, FIELDS[k].text(config)]])));
}

/**
 * What to remember after a session went from `start` to `now`: what it changed,
 * over what was remembered before. What the command line set and the session left
 * alone is not written: `init-tui -n 100` once does not make every later race short.
 */
export function rememberedAfter(before: Remembered, start: Snapshot, now: Snapshot): Remembered {
  const pace = paceOfState(now) !== paceOfState(start) ? paceOfState(now) : before.pace;
  const chart = now.chart !== start.chart ? now.chart : before.chart;
  const logScale = now.logScale !== start.logScale ? now.logScale : before.logScale;
  const applied = now.config !== start.config && JSON.stringify(settingsOf(now.config)) !== JSON.stringify(settingsOf(start.config));
  const settings = applied ? settingsOf(now.config) : before.settings;
  return {
    ...(pace !== undefined ? { pace } : {}),
    ...(chart !== undefined ? { chart } : {}),
    ...(logScale !== undefined ? { logScale } : {}),
    ...(settings !== undefined ? { settings } : {}),
  };
}

/** The file's text: the version first, then what is remembered; one key per line. */
export function formatRemembered(r: Remembered): string {
  return `${JSON.stringify({ version: CONFIG_VERSION, ...r }, null, 2)}\n`;
}
