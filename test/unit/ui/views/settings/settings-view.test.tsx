import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderToString } from 'ink';
import stringWidth from 'string-width';
import { DEFAULT_CONFIG } from '../../../../../src/core/config.ts';
import { cellWidth, fieldWindow, FORM_FIELDS, moveField, openForm, type SettingsForm } from '../../../../../src/ui/state/settings-form.ts';
import { SettingsView } from '../../../../../src/ui/views/settings/SettingsView.tsx';
import { settingsLayout } from '../../../../../src/ui/views/settings/settings-layout.ts';

const WIDTH = 60;
const schemesAt = FORM_FIELDS.findIndex((f) => f.key === 'schemes');

/** The settings screen with the schemes field holding `value`, the caret at `caret`, drawn `WIDTH` columns wide. */
function drawn(value: string, caret: number): string[] {
  const open = moveField(openForm(DEFAULT_CONFIG), schemesAt);
  const form: SettingsForm = { ...open, values: { ...open.values, schemes: value }, caret };
  return renderToString(<SettingsView config={DEFAULT_CONFIG} form={form} width={WIDTH} height={40} />, { columns: WIDTH }).split('\n');
}

test('a grapheme is as wide as Ink measures it: emoji, flags and wide letters 2, combining and zero-width marks 0', () => {
  for (const g of ['a', 'é', 'e\u0301', '語', '한', '👍🏽', '☕', '⌚', '⭐', '🇫🇷', '👨‍👩‍👧', '\u200b', 'Ａ', '❤️'])
    assert.equal(cellWidth(g), stringWidth(g), JSON.stringify(g));
  assert.equal(cellWidth('☕'), 2);
  assert.equal(cellWidth('🇫🇷'), 2);
  assert.equal(cellWidth('e\u0301'), 1);
});

for (const [name, unit] of [
  ['coffee cups (wide emoji)', '☕'],
  ['flags', '🇫🇷'],
  ['wide letters', '語'],
  ['letters with a combining accent', 'e\u0301'],
  ['a mix', 'a☕e\u0301🇫🇷語👍🏽'],
] as const) {
  test(`a long field of ${name} keeps its window inside the frame, with the caret and both ellipses`, () => {
    const value = unit.repeat(40);
    const n = [...new Intl.Segmenter().segment(value)].length;
    for (const caret of [0, Math.floor(n / 2), n]) {
      const lines = drawn(value, caret);
      for (const line of lines) assert.ok(stringWidth(line) <= WIDTH, `${stringWidth(line)} columns: ${line}`);
      const row = lines.find((l) => l.includes('❯ schemes'));
      assert.ok(row, lines.join('\n'));
      assert.match(row, /│$/, 'the frame is whole');
      const shown = fieldWindow(value, caret, WIDTH - 22);
      const text = `${shown.before}${shown.at}${shown.after}`;
      assert.ok(row.includes(text.trimEnd()), `the window is drawn whole (not cut by Ink): ${row}`);
      if (caret === n) assert.ok(shown.before.startsWith('…'), 'at the end: cut on the left');
      if (caret === 0) assert.ok(shown.after.endsWith('…'), 'at the start: cut on the right');
    }
  });
}

test('at 80×24 the settings screen shows every field, the title whole and the command line, and cuts only the help', () => {
  const open = openForm(DEFAULT_CONFIG);
  for (const [form, what] of [
    [open, 'the form'],
    [{ ...open, error: '--lr must be a number greater than 0 (got "x"); the race keeps its settings' }, 'a refusal'],
  ] as const) {
    // 24 rows less the header's two and the footer's two.
    const lines = renderToString(<SettingsView config={DEFAULT_CONFIG} form={form} width={80} height={20} />, { columns: 80 }).split('\n');
    assert.ok(lines.length <= 20, `${what}: ${lines.length} rows\n${lines.join('\n')}`);
    const text = lines.join('\n');
    assert.match(text, /│ Settings: change the experiment, Enter to restart the race with it/, what);
    for (const f of FORM_FIELDS) assert.match(text, new RegExp(`[❯ ] ${f.label} `), `${what}: the ${f.label} field`);
    assert.match(text, /As a command: init-tui/, what);
    if (form.error !== undefined) assert.match(text, /--lr must be a number/, what);
  }
  const tall = renderToString(<SettingsView config={DEFAULT_CONFIG} form={open} width={80} height={40} />, { columns: 80 });
  assert.match(tall, /a list to choose[\s│]+from\./, 'a tall screen has the whole help');
  assert.doesNotMatch(tall, /… *│/, 'nothing cut');
});

test('the settings layout drops the blank lines first, then the help from its end, never a field', () => {
  const o = { width: 80, fieldRows: 9, help: 'word '.repeat(100), command: 'init-tui --pace max' };
  const help = settingsLayout({ ...o, height: 40 }).help.length;
  assert.ok(help >= 6);
  assert.deepEqual(settingsLayout({ ...o, height: 40 }).spaced, true);
  const tight = settingsLayout({ ...o, height: 2 + 1 + 9 + 1 + help });
  assert.equal(tight.spaced, false);
  assert.equal(tight.help.length, help);
  const short = settingsLayout({ ...o, height: 2 + 1 + 9 + 1 + 2 });
  assert.equal(short.help.length, 2);
  assert.match(short.help[1]!, /…$/);
  assert.deepEqual(settingsLayout({ ...o, height: 5 }).help, []);
  assert.deepEqual(settingsLayout({ ...o, height: 5 }).command, ['As a command: init-tui --pace max']);
});

test('an open picker takes its rows before the help, fewer where the screen is short, and nothing overlaps at 60×20', () => {
  const o = { width: 60, fieldRows: 9, help: 'word '.repeat(100), command: 'init-tui' };
  assert.equal(settingsLayout({ ...o, height: 40, picker: 5 }).picker, 5);
  // 60×20: 16 rows for the view; frame 2, title 1, fields 9, command 1 leave 3.
  const short = settingsLayout({ ...o, height: 16, picker: 5 });
  assert.equal(short.picker, 3);
  assert.deepEqual(short.help, []);
  assert.equal(settingsLayout({ ...o, height: 12, picker: 5 }).picker, 2, 'two rows at least');
  const open = { ...openForm(DEFAULT_CONFIG), picker: 0 };
  const lines = renderToString(<SettingsView config={DEFAULT_CONFIG} form={open} width={60} height={16} />, { columns: 60 }).split('\n');
  assert.ok(lines.length <= 16, `${lines.length} rows\n${lines.join('\n')}`);
  const text = lines.join('\n');
  for (const f of FORM_FIELDS) assert.match(text, new RegExp(`[❯ ] ${f.label} `), `the ${f.label} field`);
  assert.match(text, /❯ circles/);
});
