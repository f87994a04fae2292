import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '../support/pty.ts';
import { waitFor, withTimeout } from '../support/wait.ts';
import { start, type Session } from './pty-harness.ts';

async function assertRestored(s: Session, expected: number): Promise<void> {
  const exit = await withTimeout(s.exited, 10_000, 'the exit');
  assert.deepEqual(exit, { exitCode: expected, signal: 0 });
  assert.ok(s.cursorVisible(), 'cursor shown');
  assert.ok(s.normalScreen(), 'normal screen');
}

const FINAL = /finished[\s\S]*\d+\.\d%[\s\S]*q quit/;

test('SIGHUP during a race restores the terminal and exits 129', async () => {
  const s = start(['-n', '1000000']);
  try {
    await s.waitFor(/racing/);
    s.kill('SIGHUP');
    await assertRestored(s, 129);
  } finally {
    s.dispose();
  }
});

test('a worker thread that is terminated mid-race is reported failed; the others finish; q exits 0', async () => {
  const s = start(['--pace', 'max', '-n', '4000'], { env: { INIT_TUI_FAULT: 'exit:zeros@500' } });
  try {
    const screen = await s.waitFor(FINAL, 30_000);
    assert.match(screen, /1 zeros.*failed/);
    assert.match(screen, /3 he.*done/);
    s.press('q');
    await assertRestored(s, 0);
  } finally {
    s.dispose();
  }
});

test('a diverging learning rate shows the runs as diverged, and nothing crashes', async () => {
  const s = start(['--pace', 'max', '--lr', '1e300', '-n', '3000', '--schemes', 'he,random']);
  try {
    const screen = await s.waitFor(FINAL, 30_000);
    assert.match(screen, /1 he.*diverged/);
    assert.match(screen, /diverged: the weights overflowed/);
    assert.match(screen, /he diverged: its cost is NaN at/, 'the chart says why it cannot draw');
    s.press('q');
    await assertRestored(s, 0);
  } finally {
    s.dispose();
  }
});

test('NO_COLOR=1: the dashboard draws without a single colour code', async () => {
  const s = start(['--pace', 'max', '-n', '2000'], { env: { NO_COLOR: '1' } });
  try {
    await s.waitFor(FINAL, 30_000);
    s.press('\r');
    await s.waitFor(/Decision boundary/);
    s.press('q');
    await assertRestored(s, 0);
    assert.doesNotMatch(s.raw(), /\u001B\[(3[0-7]|4[0-7]|9[0-7]|10[0-7])(;\d+)*m/, 'no foreground or background colours');
  } finally {
    s.dispose();
  }
});

test('TERM=dumb gets the plain-text mode, not a dashboard', async () => {
  const s = start(['--pace', 'max', '-n', '2000'], { env: { TERM: 'dumb' } });
  try {
    const exit = await withTimeout(s.exited, 30_000, 'the plain-text run to end');
    assert.equal(exit.exitCode, 0);
    assert.match(s.raw(), /he\s+Cost after iteration 1000/);
    assert.doesNotMatch(s.raw(), /\u001B\[\?1049h/, 'no alternate screen');
  } finally {
    s.dispose();
  }
});

test('resizing during a race keeps drawing within the new width, down to too small and back', async () => {
  const s = start(['-n', '400000']);
  try {
    await s.waitFor(/racing/);
    for (const [cols, rows] of [
      [80, 24],
      [150, 50],
      [61, 30],
      [40, 12],
      [100, 30],
    ] as const) {
      s.resize(cols, rows);
      // The layout must follow: within a few seconds, a whole frame (footer included) that fits the new width.
      const want = cols < 60 || rows < 24 ? /Terminal too small/ : /Loss[\s\S]*↑↓ move/;
      const fits = (screen: string) => want.test(screen) && screen.split('\n').every((line) => line.length <= cols);
      const screen = await s.waitFor(fits, 20_000);
      assert.ok(fits(screen), `${cols}×${rows}: no fitting frame; screen:\n${screen}`);
    }
    s.press('q');
    await assertRestored(s, 0);
  } finally {
    s.dispose();
  }
});

test('--out in the dashboard writes the document when the race ends, and e exports again, saying where', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-'));
  const out = join(dir, 'race.json');
  const s = start(['--pace', 'max', '-n', '1500', '--every', '500', '--out', out]);
  try {
    await s.waitFor(FINAL, 30_000);
    // The file is written whole and renamed into place: once it parses, it is there.
    const doc = await waitFor(
      () => JSON.parse(readFileSync(out, 'utf8')) as { config: { iterations: number }; runs: { scheme: string }[] },
      { what: `the document in ${out}` },
    );
    assert.equal(doc.config.iterations, 1500);
    assert.deepEqual(
      doc.runs.map((r) => r.scheme),
      ['zeros', 'random', 'he'],
    );
    // The race end's notice says the same as e's: what tells e's export is done is a new file
    // in place (written whole, then renamed over the old one).
    const first = statSync(out).ino;
    s.press('e');
    await s.waitFor(/exported 3 runs to .*race\.json/);
    await waitFor(() => statSync(out).ino !== first, { what: 'e to write the file again (a new inode)' });
    assert.deepEqual(readdirSync(dir), ['race.json'], 'written whole: no temporary file left');
    s.press('q');
    await assertRestored(s, 0);
  } finally {
    s.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
