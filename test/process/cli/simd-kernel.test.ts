import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

/** The simd kernel seen from the built binary: --kernel simd, and its fallback without WebAssembly. */
const CLI = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));

/** `init-tui --json` with these options (and node flags), its runs without the timing. */
function jsonRuns(args: string[], nodeFlags: string[] = []): unknown {
  const r = spawnSync(process.execPath, [...nodeFlags, CLI, '--json', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { config: unknown; runs: Record<string, unknown>[] };
  return { config: doc.config, runs: doc.runs.map(({ seconds: _, ...rest }) => rest) };
}

test('init-tui --json --kernel simd prints what --kernel fused prints, but the seconds', () => {
  assert.deepEqual(jsonRuns(['--kernel', 'simd']), jsonRuns(['--kernel', 'fused']));
  const other = ['--layers', '2,9,3,1', '--schemes', 'he,xavier,scale:3', '-n', '3000', '--every', '7', '--seed', '12345'];
  assert.deepEqual(jsonRuns(['--kernel', 'simd', ...other]), jsonRuns(['--kernel', 'fused', ...other]));
});

test('without WebAssembly (node --jitless), auto falls back to fused and the numbers stay the same', () => {
  const args = ['--schemes', 'random,he', '-n', '40', '--every', '3'];
  assert.deepEqual(jsonRuns(args, ['--jitless']), jsonRuns(['--kernel', 'simd', ...args]));
  const r = spawnSync(process.execPath, ['--jitless', CLI, '--json', '--kernel', 'simd', '-n', '5'], { encoding: 'utf8' });
  assert.match(r.stderr, /--kernel simd cannot train .* where WebAssembly SIMD runs/);
});
