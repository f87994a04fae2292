import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/core/config.ts';
import { makeData } from '../../src/core/experiment.ts';
import { keyIntent } from '../../src/ui/keys.ts';
import { initialState, reduce } from '../../src/ui/state.ts';

const race = initialState(DEFAULT_CONFIG, makeData('circles'));

test('every key of the footer maps to its intent in the race view', () => {
  assert.deepEqual(keyIntent('q', {}, race), { kind: 'quit', status: 0 });
  assert.deepEqual(keyIntent('c', { ctrl: true }, race), { kind: 'quit', status: 130 });
  assert.deepEqual(keyIntent(' ', {}, race), { kind: 'action', action: { type: 'togglePause' } });
  assert.deepEqual(keyIntent('n', {}, race), { kind: 'step' });
  assert.deepEqual(keyIntent('+', {}, race), { kind: 'action', action: { type: 'pace', faster: true } });
  assert.deepEqual(keyIntent('-', {}, race), { kind: 'action', action: { type: 'pace', faster: false } });
  assert.deepEqual(keyIntent('r', {}, race), { kind: 'action', action: { type: 'restart' } });
  assert.deepEqual(keyIntent('l', {}, race), { kind: 'action', action: { type: 'toggleLog' } });
  assert.deepEqual(keyIntent('?', {}, race), { kind: 'action', action: { type: 'toggleHelp' } });
  assert.deepEqual(keyIntent('', { tab: true }, race), { kind: 'action', action: { type: 'nextPanel' } });
  assert.deepEqual(keyIntent('', { return: true }, race), { kind: 'action', action: { type: 'open' } });
  assert.deepEqual(keyIntent('3', {}, race), { kind: 'action', action: { type: 'select', run: 2 } });
  assert.equal(keyIntent('4', {}, race), undefined, 'no fourth run');
  assert.deepEqual(keyIntent('', { downArrow: true }, race), { kind: 'action', action: { type: 'move', by: 1 } });
  assert.deepEqual(keyIntent('k', {}, race), { kind: 'action', action: { type: 'move', by: -1 } });
});

test('in the chart panel the arrows move the cursor, Enter does nothing', () => {
  const chart = reduce(race, { type: 'nextPanel' });
  assert.deepEqual(keyIntent('', { leftArrow: true }, chart), { kind: 'action', action: { type: 'moveCursor', by: -1 / 50 } });
  assert.deepEqual(keyIntent('', { rightArrow: true }, chart), { kind: 'action', action: { type: 'moveCursor', by: 1 / 50 } });
  assert.equal(keyIntent('', { return: true }, chart), undefined);
});

test('in the detail view ↑/↓ page through the runs and Esc goes back', () => {
  const detail = reduce(race, { type: 'open', run: 0 });
  assert.deepEqual(keyIntent('', { upArrow: true }, detail), { kind: 'action', action: { type: 'move', by: -1 } });
  assert.deepEqual(keyIntent('j', {}, detail), { kind: 'action', action: { type: 'move', by: 1 } });
  assert.equal(reduce(detail, { type: 'move', by: -1 }).selected, 2, 'wraps, and stays in the detail view');
  assert.equal(reduce(detail, { type: 'move', by: -1 }).view, 'detail');
  assert.deepEqual(keyIntent('', { escape: true }, detail), { kind: 'action', action: { type: 'back' } });
});

test('the help overlay swallows everything but close and quit', () => {
  const help = reduce(race, { type: 'toggleHelp' });
  assert.equal(keyIntent(' ', {}, help), undefined);
  assert.equal(keyIntent('r', {}, help), undefined);
  assert.deepEqual(keyIntent('?', {}, help), { kind: 'action', action: { type: 'toggleHelp' } });
  assert.deepEqual(keyIntent('q', {}, help), { kind: 'quit', status: 0 });
});

test('keys that arrive in one chunk are split back into single keys, Ctrl-C included', async () => {
  const { splitKeys } = await import('../../src/ui/keys.ts');
  assert.deepEqual(splitKeys('r\u0003', {}), [['r', {}], ['c', { ctrl: true }]]);
  assert.deepEqual(splitKeys('jj\r', {}), [['j', {}], ['j', {}], ['', { return: true }]]);
  assert.deepEqual(splitKeys('q', {}), [['q', {}]]);
  assert.deepEqual(splitKeys('', { upArrow: true }), [['', { upArrow: true }]]);
});
