import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clip, quote, QUOTE_MAX } from '../../../src/core/quote.ts';

test('a short text is quoted whole, as JSON, so a newline stays on the line', () => {
  assert.equal(quote('he'), '"he"');
  assert.equal(quote('a\nb'), '"a\\nb"');
  assert.equal(clip('data/ring.csv'), 'data/ring.csv');
  assert.equal(clip('a\nb'), 'a\\u000ab');
});

test('a long text shows its first characters, an ellipsis and its whole length', () => {
  const long = 'x'.repeat(131_072);
  assert.equal(quote(long), `"${'x'.repeat(QUOTE_MAX)}"… (131,072 characters)`);
  assert.equal(clip(long), `${'x'.repeat(QUOTE_MAX)}… (131,072 characters)`);
  assert.equal(quote('y'.repeat(QUOTE_MAX)), `"${'y'.repeat(QUOTE_MAX)}"`, 'exactly the limit: whole');
});

test('a cut never splits a character made of two UTF-16 units', () => {
  const text = `${'a'.repeat(QUOTE_MAX - 1)}💥${'b'.repeat(10)}`;
  const q = quote(text);
  assert.ok(!q.includes('\ud83d"'), q);
  assert.equal(q, `"${'a'.repeat(QUOTE_MAX - 1)}"… (${text.length} characters)`);
});

test('escapes count towards the limit: 60 NUL bytes do not become 360 characters', () => {
  const nul = '\u0000'.repeat(1000);
  const q = quote(nul);
  assert.equal(q, `"${'\\u0000'.repeat(10)}"… (1,000 characters)`);
  assert.ok(q.length < QUOTE_MAX + 30);
  assert.equal(clip('\u0007'.repeat(100)), `${'\\u0007'.repeat(10)}… (100 characters)`);
  assert.equal(quote('a"b\\c'), JSON.stringify('a"b\\c'));
});
