/**
 * The settings form as pure data and functions: its fields (each one field
 * of the config, checked by that field's own validator in core/config.ts),
 * editing, and what it stands for. The reducer holds the form, so every key
 * of a burst edits the form as the previous key left it.
 */
import { ConfigError, configFrom, DEFAULT_CONFIG, type ConfigText, type ExperimentConfig, type FieldName } from '../core/config.js';
import { paceText } from '../core/pace.js';

/** The fields of the settings screen, in order. */
export const FORM_FIELDS = [
  { key: 'dataset', label: 'data set' },
  { key: 'noise', label: 'noise' },
  { key: 'schemes', label: 'schemes' },
  { key: 'learning-rate', label: 'learning rate' },
  { key: 'iterations', label: 'iterations' },
  { key: 'layers', label: 'layers' },
  { key: 'seed', label: 'seed' },
  { key: 'pace', label: 'pace' },
] as const satisfies readonly { key: FieldName; label: string }[];

export type FormKey = (typeof FORM_FIELDS)[number]['key'];

export interface SettingsForm {
  readonly values: Readonly<Record<FormKey, string>>;
  /** The field being edited (an index of FORM_FIELDS). */
  readonly cursor: number;
  /** Why the last Enter was refused: the command line's own message. */
  readonly error?: string;
}

/** Fields that your own data (--data) fixes. */
export function locked(key: FormKey, config: ExperimentConfig): boolean {
  return config.dataset === 'csv' && (key === 'dataset' || key === 'noise');
}

/** The form for `config`; its pace field shows the race's pace as it is now (`+`/`-` may have moved it). */
export function openForm(config: ExperimentConfig, livePace?: number): SettingsForm {
  return {
    values: {
      dataset: config.dataset,
      noise: config.noise === undefined ? '' : String(config.noise),
      schemes: config.schemes.join(','),
      'learning-rate': String(config.learningRate),
      iterations: String(config.iterations),
      layers: config.layers.join(','),
      seed: String(config.seed),
      pace: livePace === undefined ? paceText(config.pace) : livePace === 0 ? 'max' : String(livePace),
    },
    cursor: 0,
  };
}

export function moveField(form: SettingsForm, by: number): SettingsForm {
  const n = FORM_FIELDS.length;
  return { ...form, cursor: (((form.cursor + by) % n) + n) % n };
}

function fieldKey(form: SettingsForm): FormKey {
  return FORM_FIELDS[form.cursor]?.key ?? 'dataset';
}

/** A field holds at most this many characters (200 schemes fit; a runaway paste does not). */
export const MAX_FIELD = 4096;

/** Types `text` (printable characters only) at the end of the current field. */
export function typeText(form: SettingsForm, text: string, config: ExperimentConfig): SettingsForm {
  const k = fieldKey(form);
  if (text === '' || locked(k, config)) return form;
  const { error: _cleared, ...rest } = form;
  return { ...rest, values: { ...form.values, [k]: (form.values[k] + text).slice(0, MAX_FIELD) } };
}

/** What a field shows in `room` columns: its end, where the typing goes, behind an ellipsis when it is longer. */
export function visibleValue(value: string, room: number): string {
  const chars = [...value];
  return chars.length <= room ? value : `…${chars.slice(chars.length - Math.max(1, room - 1)).join('')}`;
}

export function deleteChar(form: SettingsForm, config: ExperimentConfig): SettingsForm {
  const k = fieldKey(form);
  if (locked(k, config)) return form;
  const { error: _cleared, ...rest } = form;
  return { ...rest, values: { ...form.values, [k]: [...form.values[k]].slice(0, -1).join('') } };
}

/**
 * The config the form stands for, or the one-line reason it is refused (the
 * very message the command line gives). A blank noise takes the data set's
 * default; what the form does not show (seeds, kernel, threads, your own data)
 * stays as it is.
 */
export function formConfig(form: SettingsForm, current: ExperimentConfig): ExperimentConfig | string {
  const fileData = current.dataset === 'csv';
  const text: Partial<Record<FormKey, string>> = {};
  for (const f of FORM_FIELDS) {
    if (locked(f.key, current)) continue;
    const v = form.values[f.key].trim();
    // A blank noise is the data set's default; any other blank field is refused, as on the command line.
    if (v !== '' || f.key !== 'noise') text[f.key] = v;
  }
  const { threads, data } = current;
  const base: ExperimentConfig = {
    ...DEFAULT_CONFIG,
    seeds: current.seeds,
    kernel: current.kernel,
    ...(threads !== undefined ? { threads } : {}),
    ...(fileData && data ? { dataset: 'csv', data } : {}),
  };
  try {
    return configFrom(text as ConfigText, base, { 'learning-rate': '--lr' });
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
}
