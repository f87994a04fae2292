import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { JsonDiagnostics, Report } from '../../../src/results/report.ts';

const CLI = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));
const json = (args: string[]): Report => {
  const r = spawnSync(process.execPath, [CLI, '--json', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  // One document and nothing else: JSON.parse refuses anything after it.
  return JSON.parse(r.stdout) as Report;
};

const hidden = (d: JsonDiagnostics) => d.layers.slice(0, -1);

test('--json gives every run its diagnostics at iteration 0 and at the end, beside the unchanged SPEC §5 fields', () => {
  const doc = json(['-n', '3000']);
  assert.deepEqual(Object.keys(doc), ['config', 'runs']);
  const [zeros, random, he] = doc.runs;
  for (const r of doc.runs) {
    assert.deepEqual(Object.keys(r), ['scheme', 'costs', 'trainAccuracy', 'testAccuracy', 'seconds', 'diagnostics'], r.scheme);
    const { start, end } = r.diagnostics!;
    assert.equal(start.iteration, 0);
    assert.equal(end.iteration, 3000);
    for (const d of [start, end]) {
      assert.deepEqual(Object.keys(d), [
        'iteration',
        'layers',
        'saturated',
        'trainAccuracy',
        'testAccuracy',
        ...(d === start ? ['theory'] : []),
      ]);
      assert.deepEqual(
        d.layers.map((l) => l.units),
        [10, 5, 1],
      );
      for (const l of d.layers) {
        assert.deepEqual(Object.keys(l), [
          'units',
          'distinct',
          'dead',
          'activationSd',
          'weightNorm',
          'gradNorm',
          'signal',
          'gradSignal',
          'signalTheory',
          'gradSignalTheory',
          'relativeUpdate',
        ]);
      }
    }
    // The end is the result's network: the same accuracies as the run's own.
    assert.equal(end.trainAccuracy, r.trainAccuracy, r.scheme);
    assert.equal(end.testAccuracy, r.testAccuracy, r.scheme);
  }
  // The lesson, in the document: zeros never breaks symmetry and carries no signal ...
  for (const d of [zeros!.diagnostics!.start, zeros!.diagnostics!.end]) {
    assert.deepEqual(
      hidden(d).map((l) => [l.distinct, l.activationSd, l.weightNorm, l.gradNorm]),
      [
        [1, 0, 0, 0],
        [1, 0, 0, 0],
      ],
    );
  }
  // ... ×10 blows the signal up layer after layer and saturates the sigmoid ...
  const r0 = random!.diagnostics!.start;
  assert.ok(hidden(r0)[1]!.activationSd! > 20 * hidden(r0)[0]!.activationSd!, JSON.stringify(r0));
  assert.equal(r0.saturated, 1);
  assert.ok(random!.diagnostics!.end.saturated! < 1);
  // ... and He keeps it of the same order, with every unit its own.
  const h0 = he!.diagnostics!.start;
  assert.deepEqual(
    hidden(h0).map((l) => l.distinct),
    [10, 5],
  );
  const [a, b] = hidden(h0).map((l) => l.activationSd!);
  assert.ok(b! / a! > 0.5 && b! / a! < 2, `${a} → ${b}`);
  assert.equal(h0.saturated, 0);
  // SPEC §5 keeps its meaning: ×10's infinite first cost is still null.
  assert.deepEqual(random!.costs[0], [0, null]);
});

test('--json: non-finite diagnostics are null, and with --seeds every seed carries its own', () => {
  const diverged = json(['-n', '50', '--lr', '1e300', '--schemes', 'he']).runs[0]!;
  assert.deepEqual(
    diverged.diagnostics!.end.layers.map((l) => l.weightNorm),
    [null, null, null],
  );
  assert.deepEqual(
    diverged.diagnostics!.end.layers.map((l) => l.activationSd),
    [null, null, null],
  );
  assert.equal(diverged.diagnostics!.start.layers[0]!.weightNorm! > 0, true);

  const sweep = json(['-n', '200', '--seeds', '2', '--schemes', 'he']).runs[0]!;
  assert.deepEqual(
    sweep.seeds!.map((s) => s.diagnostics!.end.iteration),
    [200, 200],
  );
  assert.deepEqual(sweep.diagnostics, sweep.seeds![0]!.diagnostics, "the scheme's entry is its first seed");
  assert.notDeepEqual(sweep.seeds![0]!.diagnostics!.start, sweep.seeds![1]!.diagnostics!.start, 'another seed, other weights');
});
