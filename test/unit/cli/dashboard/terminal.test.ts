import assert from 'node:assert/strict';
import { test } from 'node:test';
import { capabilities, toAscii, withoutColour } from '../../../../src/cli/dashboard/terminal.ts';

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
