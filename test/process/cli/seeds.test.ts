import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

test('--json --seeds 3 reports every seed and the summary; the first seed equals a plain run', () => {
  const sweep = run(['--json', '-n', '600', '--every', '200', '--seeds', '3', '--schemes', 'he,zeros']);
  assert.equal(sweep.status, 0, sweep.stderr);
  type R = {
    scheme: string;
    costs: unknown;
    trainAccuracy: number;
    seeds: { seed: number; trainAccuracy: number }[];
    summary: { trainAccuracy: { mean: number; sd: number; min: number; max: number } };
  };
  const doc = JSON.parse(sweep.stdout) as { config: { seeds: number }; runs: R[] };
  assert.equal(doc.config.seeds, 3);
  const he = doc.runs[0]!;
  assert.deepEqual(
    he.seeds.map((s) => s.seed),
    [3, 4, 5],
  );
  const single = JSON.parse(run(['--json', '-n', '600', '--every', '200', '--schemes', 'he']).stdout) as { runs: R[] };
  assert.deepEqual(he.costs, single.runs[0]!.costs);
  assert.equal(he.trainAccuracy, single.runs[0]!.trainAccuracy);
  const accs = he.seeds.map((s) => s.trainAccuracy);
  const mean = accs.reduce((a, b) => a + b, 0) / 3;
  assert.ok(Math.abs(he.summary.trainAccuracy.mean - mean) < 1e-15);
  assert.equal(he.summary.trainAccuracy.min, Math.min(...accs));
  assert.equal(he.summary.trainAccuracy.max, Math.max(...accs));
  assert.deepEqual(doc.runs[1]!.summary.trainAccuracy, { mean: 0.5, sd: 0, min: 0.5, max: 0.5 }, 'zeros: the same for every seed');
});
