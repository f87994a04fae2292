import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verdict } from '../../../src/results/verdict.ts';

test('the verdict is the scheme\'s lesson unless the run\'s own numbers say otherwise', () => {
  assert.match(verdict('he', 0.07, undefined, 0.99), /the recommended scale for ReLU/);
  assert.match(verdict('zeros', 0.693, undefined, 0.5), /fails to break symmetry/, 'zeros at chance is its lesson');
  assert.match(verdict('he', 0.693, undefined, 0.5), /at chance here: it learned nothing in this run/, '--lr 5: He did not learn');
  assert.match(verdict('random', Infinity, undefined, 0.5), /still saturated: the cost is \+∞/, '-n 2: not divergence');
  assert.match(verdict('he', NaN), /diverged: the weights overflowed/);
  assert.equal(verdict('he', undefined), 'training…');
  assert.equal(verdict('he', 1, 'boom'), 'failed: boom');
});
