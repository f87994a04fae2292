import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../../../src/core/config.ts';
import { makeData } from '../../../../src/core/experiment.ts';
import { flushInput, INITIAL_INPUT, MAX_PASTE, parseKeys, pending, type Key } from '../../../../src/ui/input/input.ts';
import { among, BINDINGS, footerHints, helpRows, keyIntent } from '../../../../src/ui/input/keys.ts';
import { VIEW_ROWS, type View } from '../../../../src/ui/views/registry.tsx';
import { initialState, reduce } from '../../../../src/ui/state/reducer.ts';

const race = initialState(DEFAULT_CONFIG, makeData('circles'));
const char = (text: string, ctrl = false): Key => ({ name: 'char', text, ctrl });
const named = (name: Key['name']): Key => ({ name, text: '', ctrl: false });

test('every key of the footer maps to its intent in the race view', () => {
  const act = (type: string, extra = {}) => ({ kind: 'action', action: { type, ...extra } });
  assert.deepEqual(keyIntent(char('q'), race), { kind: 'quit', status: 0 });
  assert.deepEqual(keyIntent(char('c', true), race), { kind: 'quit', status: 130 });
  assert.deepEqual(keyIntent(char('z', true), race), { kind: 'suspend' });
  assert.deepEqual(keyIntent(char(' '), race), act('togglePause'));
  assert.deepEqual(keyIntent(char('n'), race), { kind: 'step' });
  assert.deepEqual(keyIntent(char('+'), race), act('pace', { faster: true }));
  assert.deepEqual(keyIntent(char('-'), race), act('pace', { faster: false }));
  assert.deepEqual(keyIntent(char('r'), race), act('restart'));
  assert.deepEqual(keyIntent(char('y'), race), act('toggleLog'));
  assert.deepEqual(keyIntent(char('v'), race), act('toggleChart'));
  assert.deepEqual(keyIntent(char('f'), race), act('toggleRange'));
  assert.deepEqual(keyIntent(char('?'), race), act('toggleHelp'));
  assert.deepEqual(keyIntent(named('tab'), race), act('nextPanel'));
  assert.deepEqual(keyIntent(named('return'), race), act('open'));
  assert.deepEqual(keyIntent(char('3'), race), act('select', { run: 2 }));
  assert.equal(keyIntent(char('4'), race), undefined, 'no fourth run');
  assert.deepEqual(keyIntent(named('down'), race), act('move', { by: 1 }));
  assert.deepEqual(keyIntent(char('k'), race), act('move', { by: -1 }));
});

test('in the chart panel the arrows move the cursor, Enter does nothing', () => {
  const chart = reduce(race, { type: 'nextPanel' });
  assert.deepEqual(keyIntent(named('left'), chart), { kind: 'action', action: { type: 'moveCursor', by: -1 / 50 } });
  assert.deepEqual(keyIntent(named('right'), chart), { kind: 'action', action: { type: 'moveCursor', by: 1 / 50 } });
  assert.equal(keyIntent(named('return'), chart), undefined);
});

test('in the detail view ↑/↓ page through the runs and Esc goes back', () => {
  const detail = reduce(race, { type: 'open', run: 0 });
  assert.deepEqual(keyIntent(named('up'), detail), { kind: 'action', action: { type: 'move', by: -1 } });
  assert.deepEqual(keyIntent(char('j'), detail), { kind: 'action', action: { type: 'move', by: 1 } });
  assert.equal(reduce(detail, { type: 'move', by: -1 }).selected, 2, 'wraps, and stays in the detail view');
  assert.equal(reduce(detail, { type: 'move', by: -1 }).view, 'detail');
  assert.deepEqual(keyIntent(named('escape'), detail), { kind: 'action', action: { type: 'back' } });
});

test('the help overlay swallows everything but close and quit', () => {
  const help = reduce(race, { type: 'toggleHelp' });
  assert.equal(keyIntent(char(' '), help), undefined);
  assert.equal(keyIntent(char('r'), help), undefined);
  assert.deepEqual(keyIntent(char('?'), help), { kind: 'action', action: { type: 'toggleHelp' } });
  assert.deepEqual(keyIntent(char('q'), help), { kind: 'quit', status: 0 });
});

test('in the settings form letters type, q types too, and only Ctrl-C quits', () => {
  const settings = reduce(race, { type: 'settings' });
  assert.deepEqual(keyIntent(char('q'), settings), { kind: 'action', action: { type: 'formType', text: 'q' } });
  assert.deepEqual(keyIntent({ name: 'paste', text: 'moons', ctrl: false }, settings), {
    kind: 'action',
    action: { type: 'formType', text: 'moons' },
  });
  assert.deepEqual(keyIntent(named('backspace'), settings), { kind: 'action', action: { type: 'formDelete' } });
  assert.deepEqual(keyIntent(named('return'), settings), { kind: 'action', action: { type: 'formApply' } });
  assert.deepEqual(keyIntent(char('c', true), settings), { kind: 'quit', status: 130 });
});

test('the footer and the help overlay come from the one key table', () => {
  assert.equal(
    footerHints('race'),
    '↑↓ move · Enter open · w why · c compare · p signal · v charts · s settings · space pause · +/- pace · e export · ? help · q quit',
  );
  assert.equal(footerHints('detail'), 'Esc back · ↑↓ other run · w why · c compare · y log · space pause · r restart · ? help · q quit');
  assert.equal(footerHints('help'), 'Esc or ? close · ↑↓ scroll · PgUp/PgDn page · q quit');
  assert.equal(
    footerHints('race', 80),
    '↑↓ move · Enter open · w why · c compare · p signal · v charts · ? help · q quit',
    'at 80 columns help and quit stay',
  );
  assert.ok(footerHints('race', 40).endsWith('? help · q quit'));
  const form = reduce(race, { type: 'settings' });
  assert.equal(
    footerHints('settings', Infinity, form),
    '↑↓ field · ←→ caret · Backspace delete · Ctrl-U clear · Enter apply · Esc cancel · Ctrl-C quit',
  );
  assert.ok(footerHints('settings', Infinity, form).length <= 100);
  const picking = reduce(form, { type: 'formEdit', edit: 'right' });
  assert.equal(
    footerHints('settings', Infinity, picking),
    '↑↓ choose · Enter take · Esc close · Ctrl-C quit',
    'the picker has its own keys',
  );
  for (const b of BINDINGS) {
    for (const view of Object.keys(VIEW_ROWS) as View[]) {
      if (among(b.views, view))
        assert.ok(
          helpRows(view).some(([k, h]) => k === b.label && h === b.help),
          `${b.label} in the ${view} help`,
        );
    }
  }
});

/** The keys a burst of input gives, as short names. */
function keysOf(...chunks: string[]): string[] {
  let state = INITIAL_INPUT;
  const out: string[] = [];
  for (const c of chunks) {
    const r = parseKeys(c, state);
    state = r.state;
    for (const k of r.keys) out.push(k.name === 'char' ? `${k.ctrl ? '^' : ''}${k.text}` : k.name === 'paste' ? `paste:${k.text}` : k.name);
  }
  return out;
}

test('every key of a burst counts, in order: "---" is three keys, seven DELs seven backspaces', () => {
  assert.deepEqual(keysOf('---'), ['-', '-', '-']);
  assert.deepEqual(keysOf('\u007F'.repeat(7)), Array(7).fill('backspace'));
  assert.deepEqual(keysOf('r\u0003'), ['r', '^c']);
  assert.deepEqual(keysOf('jj\r'), ['j', 'j', 'return']);
  assert.deepEqual(keysOf('\u001B[B\u001B[B\r'), ['down', 'down', 'return'], 'arrows and Enter inside one read');
  assert.deepEqual(keysOf('\u001BOA', '\u001B[1;2B', '\u001B[3~', '\u001B[Z'), ['up', 'down', 'delete', 'backtab']);
});

test('escape sequences are read whole and the unknown ones do nothing: F-keys, Alt, a mouse release and focus reports', () => {
  // Ctrl+F1…F4, Shift-F1, F5, Alt-q, an SGR mouse release, focus in/out: no key at all (a press is a key: mouse.test.ts).
  assert.deepEqual(
    keysOf(
      '\u001B[1;5P',
      '\u001B[1;5Q',
      '\u001B[1;5R',
      '\u001B[1;5S',
      '\u001B[1;2P',
      '\u001B[15~',
      '\u001Bq',
      '\u001B[<0;12;5m',
      '\u001B[I',
      '\u001B[O',
    ),
    [],
  );
  // An X10 mouse report: ESC [ M and three raw bytes, which must not act as keys (here "1", "q", "2").
  assert.deepEqual(keysOf('\u001B[M', '1q2', 'j'), ['j']);
  assert.deepEqual(keysOf('\u001B[M1q2j'), ['j']);
  assert.deepEqual(keysOf('\u001B'), ['escape'], 'a lone Escape is Escape');
});

test('a bracketed paste is text without control characters, even across reads', () => {
  assert.deepEqual(keysOf('\u001B[200~moons\r\n\u001B[201~'), ['paste:moons']);
  assert.deepEqual(keysOf('\u001B[200~0.0', '5\t\u001B[201~x'), ['paste:0.05', 'x']);
});

test('a paste whose end marker is cut in two by the reads still ends, and the keys after it count', () => {
  assert.deepEqual(keysOf('\u001B[200~hello\u001B[20', '1~', 'q'), ['paste:hello', 'q']);
  assert.deepEqual(keysOf('\u001B[200~ab', 'c\u001B', '[201~x'), ['paste:abc', 'x']);
});

test('a paste or a control string that never ends is closed after a quiet moment: no key is swallowed for good', () => {
  let r = parseKeys('\u001B[200~abc', INITIAL_INPUT);
  assert.ok(pending(r.state));
  const flushed = flushInput(r.state);
  assert.deepEqual(
    flushed.keys.map((k) => k.text),
    ['abc'],
  );
  assert.deepEqual(
    parseKeys('q', flushed.state).keys.map((k) => k.text),
    ['q'],
  );
  r = parseKeys('\u001B]11;rgb:0000', INITIAL_INPUT);
  assert.deepEqual(flushInput(r.state).keys, [], 'an unended control string is dropped');
});

test('OSC and DCS replies are swallowed whole, even across reads: their letters are not keys', () => {
  assert.deepEqual(keysOf('\u001BP', '1$r0m', '\u001B\\', 'j'), ['j'], 'a DCS reply, as Ink cuts it');
  assert.deepEqual(keysOf('\u001B]11;rgb:ffff/ffff/ffff\u0007k'), ['k'], 'an OSC colour reply ended by BEL');
  assert.deepEqual(keysOf('\u001B]52;c;cXVpdA==\u001B', '\\r'), ['r'], 'the terminator cut in two');
});

test('a paste loses its escape sequences whole and keeps at most MAX_PASTE characters', () => {
  assert.deepEqual(keysOf('\u001B[200~he,xav\u001B[31mier\u001B[0m\u001B[201~'), ['paste:he,xavier']);
  const big = parseKeys(`\u001B[200~${'x'.repeat(MAX_PASTE * 30)}\u001B[201~`, INITIAL_INPUT);
  assert.equal(big.keys[0]?.text.length, MAX_PASTE);
});

test('f switches the linear cost axis between the range that cuts outliers and the full range, in the race and the detail view', () => {
  assert.equal(race.fullRange, false);
  const full = reduce(race, { type: 'toggleRange' });
  assert.equal(full.fullRange, true);
  assert.equal(reduce(full, { type: 'toggleRange' }).fullRange, false);
  const detail = reduce(race, { type: 'open' });
  assert.deepEqual(keyIntent(char('f'), detail), { kind: 'action', action: { type: 'toggleRange' } });
});
