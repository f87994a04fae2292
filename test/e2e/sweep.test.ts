import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '../support/pty.ts';
import { withTimeout } from '../support/wait.ts';
import { KEYS, start, type Session } from './pty-harness.ts';

async function quitCleanly(s: Session): Promise<void> {
  s.press('q');
  const { exitCode } = await withTimeout(s.exited, 10_000, 'the exit after q');
  assert.equal(exitCode, 0);
  assert.ok(s.cursorVisible(), 'the cursor is visible again');
  assert.ok(s.normalScreen(), 'back on the normal screen');
}

/** The map's row of a depth, as the screen shows it. */
const rowOf = (screen: string, depth: number) => screen.split('\n').find((l) => l.includes(`depth ${depth} `)) ?? '';

/** Any colour code: foreground or background, 16-colour or 256-colour. */
const COLOUR = /\u001B\[(?:[\d;]*;)?(?:3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;5;\d+|48;5;\d+)(?:;[\d;]*)?m/;

test('a 2-D sweep in 120×40: cells fill in live, the cursor moves, Enter opens a cell, Esc returns, e exports, q exits 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-e2e-sweep-'));
  const out = join(dir, 'sweep.json');
  // One thread, so the cells finish one after another while the others still train.
  const s = start(['--sweep', 'gain=0.5..2:3,depth=1..3', '-n', '3000', '--threads', '1', '--out', out], { cols: 120, rows: 40 });
  try {
    let screen = await s.waitFor(/Mean test accuracy, depth × gain · 10 units per hidden layer/, 15_000);
    assert.match(screen, /sweep gain=0\.5\.\.2:3,depth=1\.\.3 · lr 0\.01/);
    assert.match(screen, /gain →\s+0\.5\s+1\s+2/);
    assert.match(screen, /Xavier\s+≈He/, "Xavier's column, and He's nearest one");
    // Live: one cell has its number while a later one is still training.
    screen = await s.waitFor(/depth 1 \[\s+\d+\s+\]/, 30_000);
    assert.match(screen, /depth 3(?:\s+[↓↑]?\s*·){3}/, 'the last row still training (an arrow: the theory, known before training)');
    assert.match(screen, /[1-8]\/9 models/);

    s.press(KEYS.right);
    await s.waitFor(/❯ depth 1 · gain 1 ·/);
    s.press(KEYS.down);
    await s.waitFor(/❯ depth 2 · gain 1 ·/);
    s.press('l');
    await s.waitFor(/❯ depth 2 · gain 2 ·/);
    // Several keys in one write: ↓ ← ← then k.
    s.press(`${KEYS.down}${KEYS.left}${KEYS.left}k`);
    await s.waitFor(/❯ depth 2 · gain 0\.5 ·/);
    s.press(`${KEYS.right}${KEYS.right}${KEYS.right}${KEYS.down}${KEYS.down}${KEYS.down}`);
    await s.waitFor(/❯ depth 3 · gain 2 ·/, 5_000);

    screen = await s.waitFor(/9\/9 models · done in/, 90_000);
    for (const d of [1, 2, 3]) assert.match(rowOf(screen, d), /\d+\s+.*\d+\s+.*\d+/, `depth ${d} filled in`);
    s.press(KEYS.enter);
    screen = await s.waitFor(/❮ depth 3 · gain 2 · seed 3 \(cell 9 of 9\) · done · train \d+\.\d% · test \d+\.\d%/);
    assert.match(screen, /Decision boundary/);
    assert.match(screen, /Cost every 1,000 iterations/);
    s.press(KEYS.esc);
    await s.waitFor(/Mean test accuracy, depth × gain/);
    s.press('?');
    await s.waitFor(/Keys[\s\S]*the depth above \/ below[\s\S]*export the sweep as JSON/);
    s.press(KEYS.esc);
    await s.waitFor(/Mean test accuracy, depth × gain/);
    s.press('e');
    await s.waitFor(/exported 9 models to/);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { sweep: { cells: { depth: number; gain: number }[] } };
    assert.deepEqual(
      doc.sweep.cells.map((c) => [c.depth, c.gain]),
      [
        [1, 0.5],
        [1, 1],
        [1, 2],
        [2, 0.5],
        [2, 1],
        [2, 2],
        [3, 0.5],
        [3, 1],
        [3, 2],
      ],
    );
    await quitCleanly(s);
    assert.match(s.raw(), /depth \\ gain\s+0\.5\s+1\s+2/, 'the grid is printed on the normal screen after quitting');
  } finally {
    s.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a sweep under NO_COLOR: the symbol ramp and its legend, and not one colour code', async () => {
  const s = start(['--sweep', 'gain=0.5..2:3,depth=1..2', '-n', '400'], { cols: 100, rows: 30, env: { NO_COLOR: '1' } });
  try {
    const screen = await s.waitFor(/6\/6 models · done in/, 60_000);
    assert.match(screen, /mean test accuracy {5}\. {2}: {2}- {2}= {2}\+ {2}\* {2}# {2}% {2}@ {5}× {2}a seed diverged/);
    assert.match(screen, /from \(%\) {3}50 55 60 65 70 75 80 85 90 95/);
    // Every cell: its symbol, then its accuracy (the lowest level's symbol is a space).
    for (const d of [1, 2]) {
      const cells = rowOf(screen, d)
        .replace(/^│depth \d /, '')
        .replace(/│$/, '');
      assert.match(cells, /^[ .:\-=+*#%@[\]\d]+$/, `depth ${d}: symbols and numbers only`);
      assert.equal(cells.match(/\d+/g)?.length, 3, `depth ${d}: three accuracies`);
    }
    s.press(KEYS.enter);
    await s.waitFor(/Decision boundary/);
    s.press(KEYS.esc);
    await s.waitFor(/Mean test accuracy/);
    await quitCleanly(s);
    assert.doesNotMatch(s.raw(), COLOUR, 'no foreground or background colours');
  } finally {
    s.dispose();
  }
});

test('a 1-D sweep in 80×24: accuracy and cost against gain, He and Xavier marked, the cursor moves over the gains', async () => {
  const s = start(['--sweep', 'gain=0.5..4:3', '--seeds', '2', '-n', '400'], { cols: 80, rows: 24 });
  try {
    const screen = await s.waitFor(/6\/6 models · done in/, 60_000);
    assert.match(screen, /Final test accuracy against gain \(log axis\) · 2-10-5-1 · ● mean of 2 seeds/);
    assert.match(screen, /Final cost \(log scale\)/);
    assert.match(screen, /0\.5\s+1\.41\s+4/);
    assert.match(screen, /Xavier 1\s+He √2/);
    assert.match(screen, /❯ gain 0\.5 · theory: propagates · test/);
    for (const line of screen.split('\n')) assert.ok(line.length <= 80, `fits 80 columns: ${line}`);
    s.press(KEYS.right);
    await s.waitFor(/❯ gain 1\.41 \(1\.4142135623730951\) · theory: propagates · test/);
    s.press(`${KEYS.right}${KEYS.right}`);
    await s.waitFor(/❯ gain 4 · theory: [a-z ]+ · test/);
    s.press(KEYS.enter);
    await s.waitFor(/❮ gain 4 · seed 3 \(cell 3 of 3\)/);
    s.press(KEYS.esc);
    await s.waitFor(/Final cost \(log scale\)/);
    s.resize(50, 16);
    await s.waitFor(/Terminal too small: 50×16\.[\s\S]*needs 60×22/);
    s.resize(80, 24);
    await s.waitFor(/Final cost \(log scale\)/);
    await quitCleanly(s);
  } finally {
    s.dispose();
  }
});
