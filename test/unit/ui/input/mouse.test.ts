import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../../../src/core/config.ts';
import { makeData } from '../../../../src/core/experiment.ts';
import { INITIAL_INPUT, parseKeys, type Key } from '../../../../src/ui/input/input.ts';
import { keyIntent } from '../../../../src/ui/input/keys.ts';
import { initialState } from '../../../../src/ui/state/reducer.ts';

const names = (keys: readonly Key[]): string[] =>
  keys.map((k) => (k.mouse ? `${k.mouse.button}@${k.mouse.column},${k.mouse.row}` : k.name === 'char' ? k.text : k.name));

test('SGR mouse reports in a burst, mixed with keys, are each one key, and their digits are not keys', () => {
  const { keys } = parseKeys('j\u001B[<0;5;3M\u001B[<0;5;3m\u001B[<64;10;8M\u001B[Bk\u001B[<65;1;1M', INITIAL_INPUT);
  assert.deepEqual(names(keys), ['j', 'left@4,2', 'wheelUp@9,7', 'down', 'k', 'wheelDown@0,0'], 'the release is not a key');
});

test('drags, motion and the right button are not clicks; modifiers do not change the button', () => {
  const { keys } = parseKeys('\u001B[<32;5;3M\u001B[<35;5;3M\u001B[<2;5;3M\u001B[<16;7;4M', INITIAL_INPUT);
  assert.deepEqual(names(keys), ['right@4,2', 'left@6,3']);
});

test('in the race a click on a lane selects it and the wheel moves the chart cursor', () => {
  const race = initialState(DEFAULT_CONFIG, makeData('circles'));
  const click = (target?: number): Key => ({
    name: 'mouse',
    text: '',
    ctrl: false,
    mouse: { button: 'left', column: 3, row: 4, ...(target === undefined ? {} : { target }) },
  });
  assert.deepEqual(keyIntent(click(2), race), { kind: 'action', action: { type: 'select', run: 2 } });
  assert.equal(keyIntent(click(), race), undefined, 'a click on nothing does nothing');
  const wheel = (button: 'wheelUp' | 'wheelDown'): Key => ({ name: 'mouse', text: '', ctrl: false, mouse: { button, column: 0, row: 0 } });
  assert.deepEqual(keyIntent(wheel('wheelDown'), race), { kind: 'action', action: { type: 'moveCursor', by: 1 / 50 } });
  assert.deepEqual(keyIntent(wheel('wheelUp'), race), { kind: 'action', action: { type: 'moveCursor', by: -1 / 50 } });
});
