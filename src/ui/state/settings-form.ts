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
import { activationNames } from '../../core/activations.js';
import { DATASETS } from '../../core/datasets.js';
import { thousands } from '../../core/thousands.js';
import stringWidth from 'string-width';

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
  /** The caret in that field, in graphemes from its start (0 … its length: at the end, typing appends). */
  readonly caret: number;
  /** The highlighted choice while the field's picker is open (an index of `choices`). */
  readonly picker?: number;
  /** Why the last Enter was refused: the command line's own message. */
  readonly error?: string;
  /** What the last edit could not do in full (a paste cut short), in one line; the next edit clears it. */
  readonly notice?: string;
  /**
   * Whether the noise field follows the data set: it shows the set's own
   * noise and takes the new set's when the data set changes, until the user
   * edits it. A noise the race was given on purpose (`--noise 0.1`, not the
   * set's default) does not follow.
   */
  readonly noiseFollows: boolean;
}

/** Fields that your own data (--data) fixes. */
export function locked(key: FormKey, config: ExperimentConfig): boolean {
  return config.dataset === 'csv' && (key === 'dataset' || key === 'noise');
}

/**
 * The fixed list a field is a choice from, when it is one: the data sets and
 * the activations (the tables their validators check against). A parameter in
 * a name (`leaky-relu:A`) is left for the user to type after it.
 */
export function choices(key: FormKey): readonly string[] | undefined {
  if (key === 'dataset') return Object.keys(DATASETS);
  if (key === 'activation') return activationNames().map((n) => n.replace(/:A$/, ':'));
  return undefined;
}

/** Fields whose every valid value is ASCII (numbers, layer sizes, the pace): anything else is not typed in. */
const ASCII_ONLY: ReadonlySet<FormKey> = new Set<FormKey>(['noise', 'layers', 'learning-rate', 'iterations', 'seed', 'pace']);

const SEGMENTER = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** A text's graphemes (what the user sees as one character: é as e + ◌́, a flag, a family emoji). */
export function graphemes(text: string): string[] {
  return Array.from(SEGMENTER.segment(text), (g) => g.segment);
}

/**
 * Columns a grapheme takes in a terminal, as Ink measures the line it is drawn
 * in (string-width, Ink's own measure): 2 for East Asian wide characters and
 * emoji (☕, flags, ZWJ families), 0 for one that prints nothing (a lone
 * combining mark, a zero-width space), else 1. The same measure as Ink's, so
 * the window a field shows is exactly as wide as the row Ink lays out.
 */
export function cellWidth(grapheme: string): number {
  return stringWidth(grapheme);
}

/** A generated data set's own noise, as the noise field spells it; undefined for a name that is not a data set. */
function defaultNoiseText(dataset: string): string | undefined {
  return Object.hasOwn(DATASETS, dataset) ? String(DATASETS[dataset]!.defaultNoise) : undefined;
}

/**
 * The form for `config`; its pace field shows the race's pace as it is now
 * (`+`/`-` may have moved it), its noise field the noise the data are drawn
 * with (the data set's own when none was given).
 */
export function openForm(config: ExperimentConfig, livePace?: number): SettingsForm {
  const values = Object.fromEntries(FORM_FIELDS.map((f) => [f.key, FIELDS[f.key].text(config) ?? ''])) as Record<FormKey, string>;
  if (livePace !== undefined) values.pace = livePace === 0 ? 'max' : String(livePace);
  const own = defaultNoiseText(config.dataset);
  const noiseFollows = !locked('noise', config) && (config.noise === undefined || String(config.noise) === own);
  if (noiseFollows && own !== undefined) values.noise = own;
  return { values, cursor: 0, caret: graphemes(values[FORM_FIELDS[0]?.key ?? 'dataset']).length, noiseFollows };
}

/**
 * The form after its field `key` took `value`: an edit of the noise makes it
 * the user's; a data set that names one brings its own noise while the noise
 * follows it.
 */
function withValue(form: SettingsForm, key: FormKey, value: string): SettingsForm {
  const { error: _cleared, notice: _said, ...rest } = form;
  if (key === 'noise') return { ...rest, values: { ...form.values, noise: value }, noiseFollows: false };
  const own = key === 'dataset' && form.noiseFollows ? defaultNoiseText(value.trim()) : undefined;
  return { ...rest, values: { ...form.values, [key]: value, ...(own !== undefined ? { noise: own } : {}) } };
}

/** Another field, its caret at its end (where typing goes on), any picker closed. */
export function moveField(form: SettingsForm, by: number): SettingsForm {
  const n = FORM_FIELDS.length;
  const cursor = (((form.cursor + by) % n) + n) % n;
  const { picker: _closed, ...rest } = form;
  return { ...rest, cursor, caret: graphemes(form.values[FORM_FIELDS[cursor]?.key ?? 'dataset']).length };
}

export function fieldKey(form: SettingsForm): FormKey {
  return FORM_FIELDS[form.cursor]?.key ?? 'dataset';
}

/** A field holds at most this many graphemes (200 schemes fit; a runaway paste does not). */
export const MAX_FIELD = 4096;

/** The current field's graphemes split at the caret, and a form that puts them back (the error cleared: the field changed). */
function edit(
  form: SettingsForm,
  config: ExperimentConfig,
  change: (before: string[], after: string[]) => readonly [string[], string[]],
): SettingsForm {
  const k = fieldKey(form);
  if (locked(k, config)) return form;
  const chars = graphemes(form.values[k]);
  const caret = Math.min(form.caret, chars.length);
  const [before, after] = change(chars.slice(0, caret), chars.slice(caret));
  return { ...withValue(form, k, [...before, ...after].join('')), caret: before.length };
}

/**
 * Types `text` (printable characters only; a paste is many at once) at the
 * caret; a numeric field takes ASCII only. What does not fit the field is
 * left out and said in the form's notice, as is a paste the input parser
 * already cut (`pasted`: its whole length, when it was longer than `text`).
 */
export function typeText(form: SettingsForm, text: string, config: ExperimentConfig, pasted?: number): SettingsForm {
  const typed = ASCII_ONLY.has(fieldKey(form)) ? text.replace(/[^\x20-\x7e]/g, '') : text;
  if (typed === '') return form;
  let dropped = 0;
  const next = edit(form, config, (before, after) => {
    const room = Math.max(0, MAX_FIELD - before.length - after.length);
    const chars = graphemes(typed);
    dropped = Math.max(0, chars.length - room);
    return [[...before, ...chars.slice(0, room)], after];
  });
  if (next === form) return form;
  if (pasted !== undefined && pasted > text.length)
    return { ...next, notice: `the paste was cut: only its first ${thousands(text.length)} of ${thousands(pasted)} characters are read` };
  if (dropped > 0)
    return { ...next, notice: `a field holds at most ${thousands(MAX_FIELD)} characters: ${thousands(dropped)} were left out` };
  return next;
}

/** Backspace: the grapheme before the caret. */
export function deleteChar(form: SettingsForm, config: ExperimentConfig): SettingsForm {
  return edit(form, config, (before, after) => [before.slice(0, -1), after]);
}

/** Delete: the grapheme at the caret. */
export function deleteForward(form: SettingsForm, config: ExperimentConfig): SettingsForm {
  return edit(form, config, (before, after) => [before, after.slice(1)]);
}

/** Ctrl-U: everything before the caret (as in a shell). */
export function clearToStart(form: SettingsForm, config: ExperimentConfig): SettingsForm {
  return edit(form, config, (_, after) => [[], after]);
}

/** ← → Home End (Ctrl-A, Ctrl-E): the caret moves, stopping at the field's ends. */
export function moveCaret(form: SettingsForm, to: 'left' | 'right' | 'home' | 'end'): SettingsForm {
  const n = graphemes(form.values[fieldKey(form)]).length;
  const caret = to === 'home' ? 0 : to === 'end' ? n : Math.max(0, Math.min(n, form.caret + (to === 'right' ? 1 : -1)));
  return { ...form, caret };
}

/** → at the end of a choice field opens its picker, on the choice the field holds (else the first). */
export function openPicker(form: SettingsForm, config: ExperimentConfig): SettingsForm {
  const list = choices(fieldKey(form));
  if (!list || locked(fieldKey(form), config)) return form;
  return { ...form, picker: Math.max(0, list.indexOf(form.values[fieldKey(form)])) };
}

/** ↑ ↓ in the picker, wrapping. */
export function movePicker(form: SettingsForm, by: number): SettingsForm {
  const n = choices(fieldKey(form))?.length ?? 0;
  if (form.picker === undefined || n === 0) return form;
  return { ...form, picker: (((form.picker + by) % n) + n) % n };
}

/** Enter in the picker: the highlighted choice becomes the field's text, the caret at its end; Esc closes it unchanged. */
export function closePicker(form: SettingsForm, pick: boolean): SettingsForm {
  const { picker, ...rest } = form;
  const chosen = picker === undefined || !pick ? undefined : choices(fieldKey(form))?.[picker];
  if (chosen === undefined) return rest;
  return { ...withValue(rest, fieldKey(form), chosen), caret: graphemes(chosen).length };
}

/** An edit of the form other than typing and Backspace (keys.ts names the keys). */
export type FormEdit = 'left' | 'right' | 'home' | 'end' | 'deleteForward' | 'clearToStart' | 'pickerUp' | 'pickerDown' | 'pick' | 'unpick';

export function applyEdit(form: SettingsForm, e: FormEdit, config: ExperimentConfig): SettingsForm {
  switch (e) {
    case 'right': {
      // At the end of a choice field there is nowhere to go: → opens its list instead (a combo box's arrow).
      const atEnd = form.caret >= graphemes(form.values[fieldKey(form)]).length;
      return atEnd && choices(fieldKey(form)) ? openPicker(form, config) : moveCaret(form, 'right');
    }
    case 'left':
    case 'home':
    case 'end':
      return moveCaret(form, e);
    case 'deleteForward':
      return deleteForward(form, config);
    case 'clearToStart':
      return clearToStart(form, config);
    case 'pickerUp':
      return movePicker(form, -1);
    case 'pickerDown':
      return movePicker(form, 1);
    case 'pick':
    case 'unpick':
      return closePicker(form, e === 'pick');
  }
}

/**
 * What a field shows in `room` columns, split around the caret: the text
 * before it, the cell under it (a space at the end) and the text after it. A
 * longer field shows a window that keeps the caret in view, with an ellipsis
 * on each side that is cut; graphemes are never split and a wide one counts two.
 */
export function fieldWindow(value: string, caret: number, room: number): { before: string; at: string; after: string } {
  const chars = graphemes(value);
  const at = Math.min(caret, chars.length);
  const cells = [...chars, ' '];
  // Columns before each cell, measured once: a 4,096-grapheme field is measured in one pass, not once per step below.
  const start = [0];
  for (const g of cells) start.push(start[start.length - 1]! + cellWidth(g));
  const width = (from: number, to: number): number => start[to]! - start[from]!;
  let from = 0;
  let to = cells.length;
  if (width(0, cells.length) > room) {
    // Start from the caret's cell and grow the window left first (the text just typed), then right.
    from = at;
    to = at + 1;
    const fits = (f: number, t: number): boolean => width(f, t) + (f > 0 ? 1 : 0) + (t < cells.length ? 1 : 0) <= Math.max(1, room);
    while (from > 0 && fits(from - 1, to)) from--;
    while (to < cells.length && fits(from, to + 1)) to++;
  }
  const before = (from > 0 ? '…' : '') + cells.slice(from, at).join('');
  // The last cell is the caret's room after the text, not text: it shows only as the caret.
  const after = cells.slice(at + 1, Math.min(to, chars.length)).join('') + (to < cells.length ? '…' : '');
  return { before, at: cells[at] ?? ' ', after };
}

/**
 * A form field's text as an option's value, or undefined where the option is
 * not given: a field your own data locks, a blank noise (the data set's
 * default) and a noise that follows the data set (so the race takes the new
 * set's own, and its document says no more than the command line would).
 */
function formValue(form: SettingsForm, key: FormKey, current: ExperimentConfig): string | undefined {
  if (locked(key, current)) return undefined;
  const v = form.values[key].trim();
  if (key === 'noise' && (v === '' || form.noiseFollows)) return undefined;
  return v;
}

/**
 * The config the form stands for, or the one-line reason it is refused (the
 * very message the command line gives). A blank noise, or one that follows the
 * data set, is the data set's default; what the form does not show (seeds,
 * --every, kernel, threads, your own data) stays as it is.
 */
export function formConfig(form: SettingsForm, current: ExperimentConfig): ExperimentConfig | string {
  const text: ConfigText = {};
  for (const f of FORM_FIELDS) {
    // Any blank field but the noise is refused, as on the command line.
    const v = formValue(form, f.key, current);
    if (v !== undefined) text[f.key] = v;
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

/** A value as a shell word: as it is when it is plain, else in single quotes. */
function shellWord(value: string): string {
  return /^[\w,.:=+@%/-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * The command line that starts the race the form stands for, as typed so far:
 * `init-tui` and the option of every row whose text is not the default's (the
 * form's fields as typed, the others as the race has them; a sweep is left out,
 * as Enter leaves it out), then `tail`: the options that are not the
 * experiment's but go on with it (`--out FILE`, `--force`).
 */
export function commandLine(form: SettingsForm, current: ExperimentConfig, tail: readonly string[] = []): string {
  const words = ['init-tui'];
  for (const [key, f] of FIELD_ROWS) {
    if (key === 'sweep') continue;
    const onForm = FORM_FIELDS.some((ff) => ff.key === key) && !locked(key as FormKey, current);
    const v = onForm ? formValue(form, key as FormKey, current) : f.text(current);
    if (v === undefined || v === '' || v === f.text(DEFAULT_CONFIG)) continue;
    words.push(f.option, shellWord(v));
  }
  return [...words, ...tail.map(shellWord)].join(' ');
}
