import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG, headerParts } from '../../../../src/core/config.ts';
import { footerLayout, frameOf, headerLayout, stateText, takeParts } from '../../../../src/ui/chrome/frame.ts';
import { hintList } from '../../../../src/ui/input/keys.ts';

const PARTS = headerParts(DEFAULT_CONFIG);

test('at 80 columns the header wraps to a second line and keeps the learning rate and the iterations', () => {
  const h = headerLayout(PARTS, stateText('racing', 1500, 9.2), 80);
  assert.ok(h.more !== undefined, 'two lines');
  const both = `${h.experiment} ${h.more ?? ''}`;
  for (const part of PARTS) assert.ok(both.includes(part), part);
  assert.match(both, /lr 0\.01/);
  assert.match(both, /15,000 iterations/);
  assert.equal(h.state, 'racing · pace 1,500 it/s · 10 s left');
  assert.ok(`init-tui  ${h.experiment} ${h.state}`.length <= 80);
  assert.ok((h.more ?? '').length <= 80);
});

test('at 120 columns the header is one line with every setting', () => {
  const h = headerLayout(PARTS, stateText('finished', 1500, undefined), 120);
  assert.equal(h.more, undefined);
  assert.equal(h.experiment, PARTS.join(' · '));
});

test('a part moves to the next line whole, never cut', () => {
  assert.deepEqual(takeParts(['circles', 'lr 0.01', 'seed 3'], 12), { text: 'circles', rest: ['lr 0.01', 'seed 3'] });
  assert.deepEqual(takeParts(['circles', 'lr 0.01'], 100), { text: 'circles · lr 0.01', rest: [] });
});

test('the finished race footer keeps every key at 80 columns, on two lines, and is one line at 120', () => {
  const hints = hintList('race');
  const narrow = footerLayout(hints, 80);
  assert.equal(narrow.length, 2);
  for (const line of narrow) assert.ok(line.length <= 80, line);
  for (const hint of hints) assert.ok(narrow.join(' · ').includes(hint), hint);
  for (const hint of ['space pause', '+/- pace', 'e export', 's settings']) assert.ok(narrow.join(' ').includes(hint), hint);
  const wide = footerLayout(hints, 120);
  assert.equal(wide.length, 1);
  for (const hint of hints) assert.ok(wide[0]!.includes(hint), hint);
});

test('where even two lines are too few, hints give way from before help and quit, which stay', () => {
  const lines = footerLayout(hintList('race'), 30);
  assert.equal(lines.length, 2);
  assert.match(lines.join(' '), /\? help/);
  assert.match(lines.join(' '), /q quit/);
});

test('the body gets the rows the header and footer leave: 20 of 24 at 80 columns, 38 of 40 at 120', () => {
  const state = stateText('finished', 1500, undefined);
  const small = frameOf(PARTS, state, hintList('race'), 80, 24);
  assert.deepEqual([small.headerRows, small.footer.length, small.bodyRows], [2, 2, 20]);
  const big = frameOf(PARTS, state, hintList('race'), 120, 40);
  assert.deepEqual([big.headerRows, big.footer.length, big.bodyRows], [1, 1, 38]);
});
