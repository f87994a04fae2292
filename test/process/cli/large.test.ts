import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));

test('a million recorded costs (--every 1) train in the worker and come out whole as JSON', () => {
  // Four data points and a 2-1-1 network keep a million iterations to a few seconds; the
  // recorded costs are what matters: as [i, cost] pairs they once filled the worker's 64 MB heap
  // ("Worker terminated due to reaching memory limit").
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-'));
  try {
    writeFileSync(join(dir, 'four.csv'), 'x1,x2,label\n0,0,0\n1,1,1\n0,1,0\n1,0,1\n');
    const r = spawnSync(
      process.execPath,
      [CLI, '--json', '-n', '1000000', '--every', '1', '--schemes', 'he', '--layers', '2,1,1', '--data', 'four.csv'],
      {
        cwd: dir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 120_000,
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    const doc = JSON.parse(r.stdout) as { runs: { costs: [number, number | null][]; trainAccuracy: number | null; error?: string }[] };
    const he = doc.runs[0]!;
    assert.equal(he.error, undefined);
    assert.equal(he.costs.length, 1_000_000);
    assert.deepEqual(he.costs.slice(-1)[0]![0], 999_999);
    assert.equal(typeof he.trainAccuracy, 'number');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
