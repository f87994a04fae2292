import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closest, didYouMean, editDistance } from '../../../src/core/suggest.ts';

test('the edit distance counts insertions, deletions, substitutions and swaps of neighbours as one each', () => {
  assert.equal(editDistance('', ''), 0);
  assert.equal(editDistance('json', 'json'), 0);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('schems', 'schemes'), 1, 'an insertion');
  assert.equal(editDistance('layers', 'layer'), 1, 'a deletion');
  assert.equal(editDistance('seex', 'seed'), 1, 'a substitution');
  assert.equal(editDistance('jsno', 'json'), 1, 'two neighbours swapped');
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('abc', 'cab'), 2);
});

test('the edit distance is symmetric', () => {
  const words = ['', 'a', 'ab', 'ba', 'json', 'jsno', 'schemes', 'seeds', 'seed', 'threads'];
  for (const a of words) for (const b of words) assert.equal(editDistance(a, b), editDistance(b, a), `${a} ${b}`);
});

const OPTIONS = ['schemes', 'layers', 'json', 'seed', 'seeds', 'iterations', 'every', 'kernel', 'color', 'out', 'threads'];

test('a mistyped name gets the one name it is nearest to', () => {
  assert.equal(closest('schems', OPTIONS), 'schemes');
  assert.equal(closest('layer', OPTIONS), 'layers');
  assert.equal(closest('jsno', OPTIONS), 'json');
  assert.equal(closest('colour', OPTIONS), 'color');
  assert.equal(closest('kernal', OPTIONS), 'kernel');
  assert.equal(closest('JSON', OPTIONS), 'json', 'case does not count');
});

test('a name that starts one of the names alone is taken for it', () => {
  assert.equal(closest('iter', OPTIONS), 'iterations');
  assert.equal(closest('thr', OPTIONS), 'threads');
  assert.equal(closest('se', OPTIONS), undefined, 'seed and seeds both start with it');
});

test('nothing is suggested for a name far from every one, for a tie, or for a name that is there', () => {
  assert.equal(closest('xyzzy', OPTIONS), undefined);
  assert.equal(closest('', OPTIONS), undefined);
  assert.equal(closest('json', OPTIONS), undefined, 'nothing was mistyped');
  assert.equal(closest('seedx', ['seeds', 'seedy']), undefined, 'two names one edit away');
  assert.equal(closest('ab', ['xy']), undefined, 'two edits in a two-letter name is another word');
});

test('didYouMean is the tail of a refusal, or nothing', () => {
  assert.equal(didYouMean('schems', OPTIONS, '--'), ' (did you mean --schemes?)');
  assert.equal(didYouMean('layr', ['auto', 'layer', 'simd']), ' (did you mean layer?)');
  assert.equal(didYouMean('xyzzy', OPTIONS), '');
});
