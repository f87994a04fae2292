import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Report } from '../../../src/results/report.ts';
import { json, relClose } from '../../support/oracle.ts';

// SPEC §4: the published notebook outputs.
const HE_EVERY_1000 = [
  0.8830537463419761, 0.6879825919728063, 0.6751286264523371, 0.6526117768893807, 0.6082958970572938, 0.5304944491717495,
  0.4138645817071795, 0.31178034648444414, 0.23696215330322562, 0.18597287209206836, 0.15015556280371808, 0.12325079292273551,
  0.09917746546525934, 0.08457055954024277, 0.07357895962677363,
];

test('init-tui --json on the defaults reproduces the published notebook table', async () => {
  const report = await json([]);
  assert.deepEqual(report.config, {
    dataset: 'circles',
    layers: [2, 10, 5, 1],
    learningRate: 0.01,
    iterations: 15000,
    seed: 3,
    every: 1000,
  });
  const [zeros, random, he] = report.runs;
  assert.deepEqual(
    report.runs.map((r) => r.scheme),
    ['zeros', 'random', 'he'],
  );

  assert.equal(zeros!.costs.length, 15);
  for (const [i, c] of zeros!.costs) relClose(c, 0.6931471805599453, 1e-9, `zeros cost @${i}`);
  assert.equal(zeros!.trainAccuracy, 0.5);
  assert.equal(zeros!.testAccuracy, 0.5);

  assert.deepEqual(random!.costs[0], [0, null], 'random ×10 starts at an infinite cost, written null');
  relClose(random!.costs[1]![1], 0.6243, 1e-2, 'random cost @1000');
  relClose(random!.costs[14]![1], 0.3828, 1e-2, 'random cost @14000');
  assert.equal(random!.trainAccuracy, 0.83);
  assert.equal(random!.testAccuracy, 0.86);

  assert.deepEqual(
    he!.costs.map(([i]) => i),
    HE_EVERY_1000.map((_, k) => k * 1000),
  );
  he!.costs.forEach(([i, c], k) => relClose(c, HE_EVERY_1000[k]!, 1e-9, `he cost @${i}`));
  assert.equal(he!.trainAccuracy, 0.9933333333333333);
  assert.equal(he!.testAccuracy, 0.96);
  for (const r of report.runs) assert.ok(typeof r.seconds === 'number' && r.seconds > 0);
});

type GoldenCase = Report & { name: string; tolerance?: number; config: Report['config'] & { activation?: string } };

interface Golden {
  generator: string;
  cases: GoldenCase[];
  /** SPEC §6: every activation with the new schemes, and 16-layer networks. */
  activations: (GoldenCase & { tolerance: number })[];
}

const golden = JSON.parse(readFileSync(new URL('../../golden/oracle.json', import.meta.url), 'utf8')) as Golden;

/** Runs the built binary's --json on a golden's settings: the same config back, costs within `tol(scheme)`, accuracies exact. */
async function matchesGolden(expected: GoldenCase, tol: (scheme: string) => number): Promise<void> {
  const c = expected.config;
  const report = await json([
    ...['--lr', String(c.learningRate), '--seed', String(c.seed), '-n', String(c.iterations), '--every', String(c.every)],
    ...['--schemes', expected.runs.map((r) => r.scheme).join(','), '--dataset', c.dataset, '--layers', c.layers.join(',')],
    ...(c.noise !== undefined ? ['--noise', String(c.noise)] : []),
    ...(c.activation !== undefined ? ['--activation', c.activation] : []),
  ]);
  assert.deepEqual(report.config, c, 'the same config (relu, the default activation, is not written)');
  expected.runs.forEach((want, k) => {
    const got = report.runs[k]!;
    assert.equal(got.scheme, want.scheme);
    assert.equal(got.costs.length, want.costs.length);
    want.costs.forEach(([i, cost], j) => {
      assert.equal(got.costs[j]![0], i);
      relClose(got.costs[j]![1], cost, tol(want.scheme), `${want.scheme} cost @${i}`);
    });
    assert.equal(got.trainAccuracy, want.trainAccuracy, `${want.scheme} train accuracy`);
    assert.equal(got.testAccuracy, want.testAccuracy, `${want.scheme} test accuracy`);
  });
}

// Cases with their own envelope ("tolerance", "chaotic": the gain:G cases) are checked in core-gain.test.ts.
for (const expected of golden.cases.filter((c) => !('tolerance' in c))) {
  test(`--json matches the numpy oracle golden for "${expected.name}"`, async () => {
    // zeros and He are smooth in float rounding; ×10 is chaotic (SPEC §4: 1e-2, accuracies exact).
    await matchesGolden(expected, (scheme) => (scheme === 'random' ? 1e-2 : 1e-9));
  });
}

for (const expected of golden.activations) {
  test(`--json --activation matches the numpy oracle golden for "${expected.name}" within ${expected.tolerance}`, async () => {
    await matchesGolden(expected, () => expected.tolerance);
  });
}
