import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RandomState } from '../../../src/core/rng.ts';

const CLI = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));
const run = (args: string[], cwd?: string) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

test('--data files are read before training; a bad one is refused with exit 2 naming the file and line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-'));
  try {
    const rows = ['x1,x2,label'];
    const rng = new RandomState(9);
    for (let i = 0; i < 80; i++) {
      const r = i % 2 === 0 ? 0.4 : 1.1;
      const t = rng.randomSample() * 2 * Math.PI;
      rows.push(`${(r * Math.cos(t)).toFixed(4)},${(r * Math.sin(t)).toFixed(4)},${i % 2 === 0 ? 1 : 0}`);
    }
    writeFileSync(join(dir, 'ring.csv'), `${rows.join('\n')}\n`);
    writeFileSync(join(dir, 'bad.csv'), 'x1,x2,label\n0.1,0.2,1\n0.1,zero,1\n');
    const ok = run(['--json', '--data', 'ring.csv', '-n', '3000', '--every', '1000', '--schemes', 'he', '--lr', '0.1'], dir);
    assert.equal(ok.status, 0, ok.stderr);
    const doc = JSON.parse(ok.stdout) as { config: { dataset: string; data: unknown }; runs: { trainAccuracy: number }[] };
    assert.equal(doc.config.dataset, 'csv');
    assert.deepEqual(doc.config.data, { train: 'ring.csv', test: null });
    assert.ok(doc.runs[0]!.trainAccuracy > 0.9, `learns the rings: ${doc.runs[0]!.trainAccuracy}`);
    const withTest = run(['--json', '--data', 'ring.csv', '--test-data', 'ring.csv', '-n', '10', '--schemes', 'he'], dir);
    assert.equal(withTest.status, 0, withTest.stderr);

    for (const [args, pattern] of [
      [['--data', 'bad.csv'], /^init-tui: --data: bad\.csv line 3: x2 is not a finite number: "zero"\n$/],
      [['--data', 'missing.csv'], /^init-tui: --data: cannot read missing\.csv: no such file\n$/],
      [['--data', '.'], /^init-tui: --data: cannot read \.: it is a directory\n$/],
      [['--data', 'ring.csv', '--test-data', 'bad.csv'], /^init-tui: --test-data: bad\.csv line 3/],
    ] as const) {
      const r = run(['--json', ...args], dir);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, pattern);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
