/** `e` in the dashboard: a burst is one export, and a failed `e` to a file of its own does not become --out's failure. */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '../support/pty.ts';
import { withTimeout } from '../support/wait.ts';
import { CLI, start } from './pty-harness.ts';

/** The dashboard started in `dir` (the folder `e` writes to without --out). */
function startIn(dir: string, args: readonly string[]) {
  return start([], { command: { file: 'sh', args: ['-c', 'cd "$0" && shift && exec "$@"', dir, process.execPath, CLI, ...args] } });
}

test('300 e in one burst are one export: the screen answers at once and one file is written, with the latest results', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-export-'));
  const s = startIn(dir, ['--pace', 'max', '-n', '3000']);
  try {
    await s.waitFor(/finished[\s\S]*q quit/, 30_000);
    const sent = performance.now();
    s.press('e'.repeat(300));
    await s.waitFor(/exported 3 runs to /, 10_000);
    t.diagnostic(`the notice ${(performance.now() - sent).toFixed(0)} ms after the burst`);
    s.press('q');
    const exit = await withTimeout(s.exited, 10_000, 'the exit after q');
    assert.equal(exit.exitCode, 0);
    const files = readdirSync(dir);
    assert.equal(files.length, 1, `one file: ${files.join(', ')}`);
    assert.match(files[0] ?? '', /^init-tui-\d{8}-\d{6}\.json$/);
    const doc = JSON.parse(readFileSync(join(dir, files[0]!), 'utf8')) as { runs: unknown[] };
    assert.equal(doc.runs.length, 3);
  } finally {
    s.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a failed e without --out (its folder deleted under it) says why on the screen in a few words; q then exits 0 and blames no --out', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-export-'));
  const s = startIn(dir, ['--pace', 'max', '-n', '3000']);
  try {
    await s.waitFor(/finished[\s\S]*q quit/, 30_000);
    rmdirSync(dir);
    s.press('e');
    await s.waitFor(/could not write init-tui-\d{8}-\d{6}\.json: its folder no longer exists/, 10_000);
    s.press('q');
    const exit = await withTimeout(s.exited, 10_000, 'the exit after q');
    assert.equal(exit.exitCode, 0);
    const after = s.raw().slice(s.raw().lastIndexOf('\u001B[?1049l'));
    assert.doesNotMatch(after, /--out|uv_cwd|\n\s+at /);
    assert.match(after, /scheme\s+train\s+test/, 'the results table');
  } finally {
    s.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a working folder deleted before the dashboard starts is one line and exit 2, on the normal screen, never a stack trace', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-gone-'));
  const s = start([], {
    command: { file: 'sh', args: ['-c', 'cd "$0" && rmdir "$0" && shift && exec "$@"', dir, process.execPath, CLI, '-n', '3000'] },
  });
  try {
    const exit = await withTimeout(s.exited, 20_000, 'the exit');
    assert.equal(exit.exitCode, 2);
    assert.ok(s.normalScreen());
    assert.match(
      await s.screen(),
      /^init-tui: the current folder no longer exists \(ENOENT\); cd to a folder that exists and run init-tui again\s*$/,
    );
  } finally {
    s.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
