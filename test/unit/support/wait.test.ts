import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sleep, waitFor, withTimeout } from '../../support/wait.ts';

test('withTimeout gives the promise its value, or fails naming what never came', async () => {
  assert.equal(await withTimeout(Promise.resolve(7), 1000, 'seven'), 7);
  await assert.rejects(
    withTimeout(sleep(1000), 20, () => 'the slow thing'),
    /^Error: the slow thing: nothing within 20 ms$/,
  );
  await assert.rejects(withTimeout(Promise.reject(new Error('boom')), 1000, 'x'), /boom/);
});

test('waitFor returns the first answer that is not undefined, null or false, and counts a throw as not yet', async () => {
  let n = 0;
  assert.equal(await waitFor(() => (++n >= 3 ? n : undefined), { interval: 1, what: 'three looks' }), 3);
  let k = 0;
  assert.equal(
    await waitFor(
      () => {
        if (++k < 2) throw new Error('not there');
        return 0;
      },
      { interval: 1, what: 'zero' },
    ),
    0,
  );
});

test('waitFor fails after its timeout, naming what it waited for and the last error', async () => {
  await assert.rejects(
    waitFor(() => false, { timeout: 30, interval: 5, what: 'never' }),
    /timed out after 30 ms waiting for never$/,
  );
  await assert.rejects(
    waitFor(
      () => {
        throw new Error('ENOENT');
      },
      { timeout: 30, interval: 5, what: () => 'the file' },
    ),
    /waiting for the file \(last error: ENOENT\)/,
  );
});
