import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configFrom, DEFAULT_CONFIG } from '../../../../src/core/config.ts';
import { makeData } from '../../../../src/core/experiment.ts';
import type { Key, KeyName } from '../../../../src/ui/input/input.ts';
import { BINDINGS, keyIntent, type Binding, type Intent } from '../../../../src/ui/input/keys.ts';
import { initialState, reduce, type DashboardState } from '../../../../src/ui/state/reducer.ts';

const DATA = makeData('circles');
const race = initialState(DEFAULT_CONFIG, DATA);
const sweep = initialState(configFrom({ sweep: 'gain=0.5..2:3,depth=1..2', iterations: '100' }), DATA);

/**
 * Every screen whose keys are commands. The settings form is left out: while a
 * field is edited, letters are its text and the arrows edit (as in any form).
 */
const SCREENS: readonly (readonly [string, DashboardState])[] = [
  ['race', race],
  ['race (chart panel)', reduce(race, { type: 'nextPanel' })],
  ['detail', reduce(race, { type: 'open', run: 0 })],
  ['why', reduce(race, { type: 'why', run: 0 })],
  ['compare', reduce(race, { type: 'compare' })],
  ['signal', reduce(race, { type: 'show', view: 'signal' })],
  ['help', reduce(race, { type: 'toggleHelp' })],
  ['sweep', sweep],
];

const NAMED: readonly KeyName[] = [
  'up',
  'down',
  'left',
  'right',
  'home',
  'end',
  'pageup',
  'pagedown',
  'return',
  'escape',
  'tab',
  'backtab',
  'backspace',
  'delete',
];
/** Every key a binding can match: printable ASCII, Ctrl-letters, the named keys. */
const PROBES: readonly Key[] = [
  ...Array.from({ length: 95 }, (_, k) => ({ name: 'char' as const, text: String.fromCharCode(32 + k), ctrl: false })),
  ...Array.from({ length: 26 }, (_, k) => ({ name: 'char' as const, text: String.fromCharCode(97 + k), ctrl: true })),
  ...NAMED.map((name) => ({ name, text: '', ctrl: false })),
];

/** Moving a selection or a cursor is one meaning, whatever it moves (a run, a cell, the chart cursor, the help's window). */
const MOVES = new Set(['move', 'moveCell', 'moveCursor', 'scrollHelp']);

/** What a key does, as a word: its intent, its action's type; moves are one; Esc closing the help overlay is going back. */
function meaning(intent: Intent, state: DashboardState, key: Key): string {
  if (intent.kind !== 'action') return intent.kind;
  const { action } = intent;
  if (MOVES.has(action.type)) return 'move';
  if (action.type === 'toggleHelp' && state.view === 'help' && key.name === 'escape') return 'back';
  return action.type === 'show' ? `show ${action.view}` : action.type;
}

/** Keys that mean two things on two screens: "key: meaning on screen, other meaning on other screen". */
function clashes(bindings: readonly Binding[]): string[] {
  const out: string[] = [];
  for (const key of PROBES) {
    const seen = new Map<string, string>();
    for (const [name, state] of SCREENS) {
      const intent = keyIntent(key, state, bindings);
      const m = intent && meaning(intent, state, key);
      if (m !== undefined && !seen.has(m)) seen.set(m, name);
    }
    if (seen.size > 1) {
      const label = `${key.ctrl ? 'Ctrl-' : ''}${key.name === 'char' ? key.text : key.name}`;
      out.push(`${label}: ${[...seen].map(([m, on]) => `${m} in ${on}`).join(', ')}`);
    }
  }
  return out;
}

test('no key of the table means one thing in one view and another thing in another', () => {
  assert.deepEqual(clashes(BINDINGS), []);
});

test('the check finds a key bound to two meanings, as l was (log scale in the race, larger gain in the sweep)', () => {
  const onL = (k: Key): boolean => k.name === 'char' && !k.ctrl && k.text === 'l';
  const logOnL = BINDINGS.map((b) => (b.label === 'y' ? { ...b, match: onL } : b));
  assert.deepEqual(clashes(logOnL), ['l: toggleLog in race, move in race (chart panel)']);
});

test('the log scale is y in every race view, and y is nothing in the sweep', () => {
  const y: Key = { name: 'char', text: 'y', ctrl: false };
  for (const [name, state] of SCREENS.filter(([, s]) => s.view !== 'help' && s.view !== 'sweep')) {
    assert.deepEqual(keyIntent(y, state), { kind: 'action', action: { type: 'toggleLog' } }, name);
  }
  assert.equal(keyIntent(y, sweep), undefined);
});
