import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderToString } from 'ink';
import stringWidth from 'string-width';
import { DEFAULT_CONFIG } from '../../../../../src/core/config.ts';
import { cellWidth, fieldWindow, FORM_FIELDS, moveField, openForm, type SettingsForm } from '../../../../../src/ui/state/settings-form.ts';
import { SettingsView } from '../../../../../src/ui/views/settings/SettingsView.tsx';

const WIDTH = 60;
const schemesAt = FORM_FIELDS.findIndex((f) => f.key === 'schemes');

/** The settings screen with the schemes field holding `value`, the caret at `caret`, drawn `WIDTH` columns wide. */
function drawn(value: string, caret: number): string[] {
  const open = moveField(openForm(DEFAULT_CONFIG), schemesAt);
  const form: SettingsForm = { ...open, values: { ...open.values, schemes: value }, caret };
  return renderToString(<SettingsView config={DEFAULT_CONFIG} form={form} width={WIDTH} />, { columns: WIDTH }).split('\n');
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
