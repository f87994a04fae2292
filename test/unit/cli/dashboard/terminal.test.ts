import assert from 'node:assert/strict';
import { test } from 'node:test';
import { capabilities, toAscii, wantsColor, withoutColour } from '../../../../src/cli/dashboard/terminal.ts';

test('colour unless NO_COLOR, a dumb terminal or a monochrome one; Unicode only in a UTF-8 locale', () => {
  const utf8 = { LANG: 'en_US.UTF-8' };
  assert.deepEqual(capabilities({ TERM: 'xterm-256color', ...utf8 }), { color: true, unicode: true });
  assert.equal(capabilities({ TERM: 'xterm-256color', NO_COLOR: '1', ...utf8 }).color, false);
  for (const term of ['xterm-mono', 'vt100-m', 'mono', 'dumb']) assert.equal(capabilities({ TERM: term, ...utf8 }).color, false, term);
  assert.equal(capabilities({ TERM: 'xterm', LANG: 'C' }).unicode, false);
  assert.equal(capabilities({ TERM: 'xterm', LANG: 'en_US.UTF-8', LC_ALL: 'C' }).unicode, false, 'LC_ALL wins');
  assert.equal(capabilities({ TERM: 'xterm', LC_CTYPE: 'C.utf8' }).unicode, true);
  assert.equal(capabilities({ TERM: 'xterm' }).unicode, false, 'no locale at all is the C locale');
});

test('ASCII keeps every line its width: one character for each glyph', () => {
  const line = '╭──╮ │❯ 1 he ███░░ 99.3% · cost ∞ ±0.1 ▀● ↑↓ …│';
  const ascii = toAscii(line);
  assert.equal([...ascii].length, [...line].length);
  assert.match(ascii, /^[\x20-\x7e]*$/);
  assert.equal(ascii, '+--+ |> 1 he ###.. 99.3% . cost ~ ~0.1 ^o ^v .|');
  assert.equal(toAscii('\u001B[31mred\u001B[0m'), '\u001B[31mred\u001B[0m', 'escape sequences pass');
});

test('without colour, the highlights stay: bold, dim, inverse; every colour form goes', () => {
  assert.equal(withoutColour('\u001B[31mx\u001B[39m'), 'x');
  assert.equal(withoutColour('\u001B[1;31;44mx\u001B[0m'), '\u001B[1mx\u001B[0m');
  assert.equal(withoutColour('\u001B[7mx\u001B[27m'), '\u001B[7mx\u001B[27m');
  assert.equal(withoutColour('\u001B[38;5;196mx\u001B[48;2;1;2;3;4mx'), 'x\u001B[4mx');
  assert.equal(withoutColour('\u001B[2J\u001B[H'), '\u001B[2J\u001B[H', 'other sequences pass');
});

test('--color always and never decide alone; auto is colour on a terminal as the environment allows', () => {
  const tty = { TERM: 'xterm-256color' };
  for (const env of [tty, { ...tty, NO_COLOR: '1' }, { TERM: 'dumb' }, { ...tty, FORCE_COLOR: '0' }]) {
    for (const isTTY of [true, false]) {
      assert.equal(wantsColor('always', env, isTTY), true, `always ${JSON.stringify(env)} ${isTTY}`);
      assert.equal(wantsColor('never', { ...env, FORCE_COLOR: '3' }, isTTY), false, `never ${JSON.stringify(env)} ${isTTY}`);
    }
  }
  assert.equal(wantsColor('auto', tty, true), true);
  assert.equal(wantsColor('auto', tty, false), false, 'a pipe or a file gets no escapes');
  assert.equal(wantsColor('auto', { ...tty, FORCE_COLOR: '1' }, false), false, "a CI job's FORCE_COLOR does not colour a script's output");
  assert.equal(wantsColor('auto', { ...tty, NO_COLOR: '1' }, true), false);
  assert.equal(wantsColor('auto', { ...tty, NO_COLOR: '' }, true), true, 'an empty NO_COLOR counts as unset (no-color.org)');
  assert.equal(wantsColor('auto', { TERM: 'xterm-mono', FORCE_COLOR: '1' }, true), true, 'FORCE_COLOR decides on a terminal');
  assert.equal(wantsColor('auto', { ...tty, FORCE_COLOR: 'false' }, true), false);
  assert.equal(capabilities({ ...tty, NO_COLOR: '1' }, 'always').color, true, '--color always wins over NO_COLOR');
  assert.equal(capabilities(tty, 'never').color, false);
});
