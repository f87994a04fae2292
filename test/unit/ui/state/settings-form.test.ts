import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../../../src/core/config.ts';
import { DATASETS } from '../../../../src/core/datasets.ts';
import {
  applyEdit,
  choices,
  commandLine,
  deleteChar,
  fieldWindow,
  FORM_FIELDS,
  moveField,
  openForm,
  typeText,
  type FormEdit,
  type SettingsForm,
} from '../../../../src/ui/state/settings-form.ts';

const C = DEFAULT_CONFIG;
const at = (key: string): number => FORM_FIELDS.findIndex((f) => f.key === key);
/** The form on field `key`, caret at its end. */
function on(key: string): SettingsForm {
  return moveField(openForm(C), at(key));
}
const edits = (form: SettingsForm, ...es: FormEdit[]): SettingsForm => es.reduce((f, e) => applyEdit(f, e, C), form);
const value = (form: SettingsForm): string => Object.values(form.values)[form.cursor] ?? '';

test('the caret moves with ← → Home End and typing goes in at the caret', () => {
  let f = on('iterations');
  assert.equal(f.caret, [...value(f)].length, 'a field opens with its caret at the end');
  f = typeText(edits(f, 'clearToStart'), '10000', C);
  f = edits(f, 'home', 'right');
  f = typeText(f, '9', C);
  assert.equal(value(f), '190000');
  assert.equal(f.caret, 2);
  f = edits(f, 'end', 'left', 'left');
  f = typeText(f, '12', C);
  assert.equal(value(f), '19001200');
  f = edits(f, 'home', 'left');
  assert.equal(f.caret, 0, 'stops at the start');
  f = edits(f, 'end', 'right');
  assert.equal(f.caret, 8, 'stops at the end of a field that is not a choice');
});

test('Backspace deletes before the caret, Delete under it, Ctrl-U everything before it', () => {
  let f = edits(on('learning-rate'), 'home', 'right', 'right');
  assert.equal(value(f), '0.01');
  f = deleteChar(f, C);
  assert.equal(value(f), '001');
  assert.equal(f.caret, 1);
  f = applyEdit(f, 'deleteForward', C);
  assert.equal(value(f), '01');
  f = edits(f, 'right', 'clearToStart');
  assert.equal(value(f), '');
  assert.equal(f.caret, 0);
  f = typeText(f, '0.5', C);
  f = edits(f, 'home', 'clearToStart');
  assert.equal(value(f), '0.5', 'Ctrl-U at the start clears nothing');
  assert.equal(value(deleteChar(f, C)), '0.5', 'Backspace at the start deletes nothing');
  assert.equal(value(applyEdit(edits(f, 'end'), 'deleteForward', C)), '0.5', 'Delete at the end deletes nothing');
});

test('a paste of several characters goes in at the caret in one piece', () => {
  let f = edits(on('schemes'), 'home');
  f = typeText(f, 'xavier,', C);
  assert.equal(value(f), 'xavier,zeros,random,he');
  assert.equal(f.caret, 7);
});

test('wide and combining characters are one grapheme each: the caret never lands inside one', () => {
  let f = edits(on('schemes'), 'clearToStart');
  f = typeText(f, 'e\u0301語👍🏽x', C);
  assert.equal(f.caret, 4, 'é (e + combining acute), 語, 👍🏽 and x: four graphemes');
  f = deleteChar(edits(f, 'left'), C);
  assert.equal(value(f), 'e\u0301語x', 'Backspace takes the whole emoji with its skin tone');
  f = deleteChar(f, C);
  assert.equal(value(f), 'e\u0301x', 'and the whole wide character');
  f = deleteChar(f, C);
  assert.equal(value(f), 'x', 'and the accent with its letter');
});

test('numeric fields take ASCII only: a wide digit or an accent is not typed in', () => {
  let f = edits(on('noise'), 'clearToStart');
  f = typeText(f, '０.２é0.3', C);
  assert.equal(value(f), '.0.3');
  assert.equal(typeText(f, '語', C), f, 'nothing typed, the form unchanged');
});

test('a field shows a window around the caret, a wide grapheme counting two columns', () => {
  assert.deepEqual(fieldWindow('abc', 1, 20), { before: 'a', at: 'b', after: 'c' });
  assert.deepEqual(fieldWindow('abc', 3, 20), { before: 'abc', at: ' ', after: '' }, 'at the end the caret is a space after the text');
  const long = 'abcdefghijklmnopqrstuvwxyz';
  const end = fieldWindow(long, 26, 10);
  assert.equal(`${end.before}${end.at}${end.after}`.length, 10);
  assert.equal(end.before, '…stuvwxyz', 'the ellipsis, eight letters and the caret');
  const mid = fieldWindow(long, 13, 10);
  assert.equal(mid.at, 'n');
  assert.ok(mid.before.startsWith('…') && mid.after.endsWith('…'), JSON.stringify(mid));
  assert.equal(`${mid.before}${mid.at}${mid.after}`.length, 10);
  const wide = fieldWindow('語語語語語語', 6, 7);
  assert.equal(wide.before, '…語語', 'the ellipsis, 2 × 2 columns and the caret: a third 語 would make 8 columns, not 7');
});

test('→ at the end of a choice field opens its picker on the current choice; Enter takes the highlighted one, Esc keeps the field', () => {
  assert.deepEqual(choices('dataset'), Object.keys(DATASETS));
  assert.equal(choices('iterations'), undefined);
  let f = on('dataset');
  f = applyEdit(f, 'right', C);
  assert.equal(f.picker, Object.keys(DATASETS).indexOf('circles'));
  f = edits(f, 'pickerDown');
  const next = Object.keys(DATASETS)[(f.picker ?? 0) % Object.keys(DATASETS).length];
  const taken = applyEdit(f, 'pick', C);
  assert.equal(value(taken), next);
  assert.equal(taken.picker, undefined);
  assert.equal(taken.caret, [...(next ?? '')].length);
  const kept = applyEdit(f, 'unpick', C);
  assert.equal(value(kept), 'circles');
  assert.equal(kept.picker, undefined);
  assert.equal(edits(on('dataset'), 'pickerUp', 'pickerUp').picker, undefined, 'no picker, nothing to move');
  assert.equal(edits(on('dataset'), 'left', 'right').picker, undefined, '→ inside the text moves the caret');
  assert.equal(edits(on('iterations'), 'right').picker, undefined, 'not a choice: no picker');
});

test('the activation picker offers every activation; a parameter is left to type after the name', () => {
  const list = choices('activation') ?? [];
  assert.ok(list.includes('relu') && list.includes('tanh'), list.join());
  assert.ok(list.includes('leaky-relu:'));
  let f = applyEdit(on('activation'), 'right', C);
  f = applyEdit(f, 'pickerUp', C);
  assert.equal(f.picker, list.length - 1, 'wraps to the last');
});

test('the equivalent command line names only what differs from the defaults, as typed so far', () => {
  assert.equal(commandLine(openForm(C), C), 'init-tui', 'the defaults: no option');
  let f = typeText(edits(on('dataset'), 'clearToStart'), 'moons', C);
  f = typeText(edits(moveField(f, at('noise') - at('dataset')), 'clearToStart'), '0.2', C);
  assert.equal(commandLine(f, C), 'init-tui --dataset moons --noise 0.2');
  f = typeText(edits(moveField(f, at('schemes') - at('noise')), 'clearToStart'), 'he xavier', C);
  assert.equal(commandLine(f, C), "init-tui --dataset moons --noise 0.2 --schemes 'he xavier'", 'a value with a space is quoted');
  const seeded = { ...C, seeds: 3 };
  assert.match(commandLine(openForm(seeded), seeded), /^init-tui --seeds 3$/, 'what the form does not show comes from the race');
});
