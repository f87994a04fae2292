/**
 * The settings form as pure data and functions: its fields (each one field
 * of the config, checked by that field's own validator in core/config.ts),
 * editing, and what it stands for. The reducer holds the form, so every key
 * of a burst edits the form as the previous key left it.
 */
import {
  ConfigError,
  configFrom,
  DEFAULT_CONFIG,
  FIELD_ROWS,
  FIELDS,
  type ConfigText,
  type ExperimentConfig,
  type FieldName,
} from '../../core/config.js';

/** The names of the rows that are on the settings screen (those with a form label). */
export type FormKey = { [K in FieldName]: (typeof FIELDS)[K] extends { readonly form: string } ? K : never }[FieldName];

/** The fields of the settings screen, in the rows' order: every row of core/config.ts with a form label. */
export const FORM_FIELDS: readonly { readonly key: FormKey; readonly label: string }[] = FIELD_ROWS.flatMap(([key, f]) =>
  f.form !== undefined ? [{ key: key as FormKey, label: f.form }] : [],
);

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
  const values = Object.fromEntries(FORM_FIELDS.map((f) => [f.key, FIELDS[f.key].text(config) ?? ''])) as Record<FormKey, string>;
  if (livePace !== undefined) values.pace = livePace === 0 ? 'max' : String(livePace);
  return { values, cursor: 0 };
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
  const text: ConfigText = {};
  for (const f of FORM_FIELDS) {
    if (locked(f.key, current)) continue;
    const v = form.values[f.key].trim();
    // A blank noise is the data set's default; any other blank field is refused, as on the command line.
    if (v !== '' || f.key !== 'noise') text[f.key] = v;
  }
  // What the form does not show (seeds, --every, kernel, threads, your own data…) stays as it is: every other
  // row's value is carried over by its own text, as if typed again. A sweep is not: the form's schemes replace it.
  for (const [key, f] of FIELD_ROWS) {
    const v = f.form === undefined && key !== 'sweep' ? f.text(current) : undefined;
    if (v !== undefined) text[key] = v;
  }
  try {
    return configFrom(text, DEFAULT_CONFIG, { 'learning-rate': '--lr' });
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
}
