import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../../src/core/config.ts';
import { makeData, runScheme, type FinishedRun } from '../../../src/core/experiment.ts';
import { HEADER, resultCells, sweepCells, tableRow } from '../../../src/results/table.ts';

const DATA = makeData('circles');
const train = (scheme: string, seed: number, iterations = 2000) => runScheme({ ...DEFAULT_CONFIG, iterations, seed }, scheme, DATA);

test("a row's verdict is what its run did: He behind ×10 at 2,000 iterations reads so", () => {
  const he = resultCells('he', train('he', 3));
  const random = resultCells('random', train('random', 3));
  assert.deepEqual(he.slice(1, 4), ['58.0%', '62.0%', '0.675143']);
  assert.equal(he[5], 'barely learned: cost fell only 24%, from 0.883 to 0.675, 58.0% train');
  assert.equal(random[5], 'partly learned: cost fell from ∞ (saturated start) to 0.598, 62.0% train');
  assert.deepEqual(resultCells('he', { status: 'failed', scheme: 'he', seed: 3, error: 'worker exited' }), [
    'he',
    '—',
    '—',
    '—',
    '—',
    'failed: worker exited',
  ]);
  assert.equal(resultCells('he', undefined)[5], 'training…');
  // Cut to the width, the headline first.
  assert.match(tableRow(he, 80), /^he +58\.0% +62\.0% +0\.675143 +\d+\.\d\d s {2}barely learned: cost fell on…$/);
});

test("a seed row judges every seed's run and counts them; the numbers are over the seeds that trained", () => {
  const seeds = [3, 4, 5].map((seed) => train('he', seed, 15000));
  const all = sweepCells('he', seeds, 3);
  assert.equal(all[5], 'learned in all 3 seeds');
  const failed: FinishedRun = { status: 'failed', scheme: 'he', seed: 6, error: 'worker exited' };
  const mixed = sweepCells('he', [...seeds.slice(0, 2), failed, train('zeros', 3)], 5);
  assert.equal(mixed[5], 'learned in 2 of 5 seeds; failed in 1 (worker exited); symmetry never broken in 1; 1 still training');
  assert.match(mixed[1], /^\d+\.\d±\d+\.\d$/, 'mean ± sd over the three that trained');
  assert.deepEqual(sweepCells('he', [failed, failed], 2), ['he', '—', '—', '—', '—', 'failed in both seeds (worker exited)']);
});

test('the time column says it is compute time, not the race’s wall time', () => {
  assert.equal(HEADER[4], 'compute');
  assert.match(tableRow(HEADER), /final cost +compute {2}verdict/);
});
