import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/core/config.ts';
import { diagnoseAt } from '../../src/core/diagnostics.ts';
import { makeData } from '../../src/core/experiment.ts';
import { zeroParams } from '../../src/core/network.ts';
import { toReport } from '../../src/results/report.ts';

const DATA = makeData('circles');
const d = diagnoseAt(zeroParams([2, 1]), 0.1, DATA.train, DATA.test);

test('a sweep report with a failed seed keeps its place and summarises the rest', () => {
  const report = toReport(
    { ...DEFAULT_CONFIG, layers: [2, 1], learningRate: 0.1, iterations: 1, seed: 10, every: 1, schemes: ['he'], seeds: 2 },
    [
      { status: 'done', scheme: 'he', seed: 10, costs: [[0, 0.5]], trainAccuracy: 0.9, testAccuracy: 0.8, finalCost: 0.5, seconds: 1, params: zeroParams([2, 1]), diagnostics: { start: d, end: d } },
      { status: 'failed', scheme: 'he', seed: 11, error: 'boom' },
    ],
  );
  const he = report.runs[0]!;
  assert.deepEqual(he.seeds!.map((s) => [s.seed, s.error]), [[10, undefined], [11, 'boom']]);
  assert.equal(he.seeds![1]!.diagnostics, null, 'a failed seed has no diagnostics');
  assert.equal(he.seeds![0]!.diagnostics!.end.iteration, 1);
  assert.deepEqual(he.summary!.trainAccuracy, { mean: 0.9, sd: 0, min: 0.9, max: 0.9 });
});
