import assert from 'node:assert/strict';
import { test } from '../support/pty.ts';
import { withTimeout } from '../support/wait.ts';
import { KEYS, start } from './pty-harness.ts';

/** The he column's "now" iteration on a compare screen (the third "0 → N" of the iteration row). */
function heIteration(screen: string): number {
  const m = /^ {2}iteration +\S+ → \S+ +\S+ → \S+ +\S+ → (\S+)$/m.exec(screen);
  return m ? Number(m[1]!.replace(/,/g, '')) : NaN;
}

test('c compares the schemes during and after a race: zeros stays symmetric with no signal, the figures move, Esc goes back', async () => {
  const s = start(['--pace', 'max', '-n', '3000'], { cols: 120, rows: 40 });
  try {
    // After the race: the end of each run.
    await s.waitFor(/finished[\s\S]*he\s+\d+\.\d%[\s\S]*q quit/, 30_000);
    s.press('c');
    let screen = await s.waitFor(/❮ compare · each figure at iteration 0 → now/);
    assert.match(screen, /zeros · done\s+random · done\s+he · done/);
    assert.match(screen, /^ {2}iteration +0 → 3,000 +0 → 3,000 +0 → 3,000$/m);
    assert.match(screen, /hidden layer 1 · 10 ReLU units\n {2}distinct units +1 → 1 +10 → 10 +10 → 10/);
    assert.match(screen, /hidden layer 2 · 5 ReLU units\n {2}distinct units +1 → 1 +5 → 5 +5 → 5/);
    assert.equal(screen.match(/^ {2}activation sd +0 → 0 /gm)?.length, 2, 'zeros: sd 0 in both hidden layers');
    assert.match(screen, /^ {2}activation sd +0 → 0 +5\.17 → \S+ +0\.517 → \S+$/m);
    assert.match(screen, /^ {2}activation sd +0 → 0 +147 → \S+ +0\.655 → \S+$/m);
    assert.match(screen, /^verdict +symmetry never broken: all 10 +partly learned: cost fell from +barely learned: cost fell only$/m);
    assert.match(screen, /Esc back · ↑↓ highlight/);
    s.press(KEYS.esc);
    await s.waitFor(/Loss \(linear\)[\s\S]*scheme\s+train/);

    // During a race: slow it down (the pace carries over a restart), restart, compare.
    for (const pace of ['20,000', '5,000', '1,000', '200']) {
      s.press('-');
      await s.waitFor(new RegExp(`pace ${pace} it/s`));
    }
    s.press('r');
    await s.waitFor(/racing · pace 200 it\/s/);
    s.press('c');
    // Every column has its start (each worker posts iteration 0's first) and a now.
    screen = await s.waitFor(/he · running[\s\S]*^ {2}iteration +0 → \S+ +0 → \S+ +0 → \S+$/m);
    assert.match(screen, /^ {2}distinct units +1 → 1 /m);
    assert.match(screen, /^ {2}activation sd +0 → 0 /m);
    assert.match(screen, /^verdict +training…/m);
    const first = heIteration(screen);
    assert.ok(first >= 0 && first < 3000, screen);
    // The figures follow the race.
    screen = await s.waitFor((text) => heIteration(text) > first);
    const later = heIteration(screen);
    assert.ok(later > first && later < 3000, `he moved from ${first} to ${later}`);
    assert.match(screen, /^ {2}distinct units +1 → 1 /m, 'zeros stays symmetric while it trains');
    // Back to full speed: the race ends in the compare view.
    for (const pace of ['1,000', '5,000', '20,000']) {
      s.press('+');
      await s.waitFor(new RegExp(`pace ${pace} it/s`));
    }
    s.press('+');
    screen = await s.waitFor(/zeros · done\s+random · done\s+he · done[\s\S]*iteration +0 → 3,000 +0 → 3,000 +0 → 3,000/, 30_000);
    assert.match(screen, /^verdict +symmetry never broken: all 10 /m);

    // 80×24: the same lesson, smaller: short labels, and the verdicts whole (or their headline), never cut.
    s.resize(80, 24);
    screen = await s.waitFor(/^verdict +symmetry never +partly learned +barely learned:?$/m);
    for (const line of screen.split('\n')) assert.ok(line.length <= 80, `fits 80 columns: ${line}`);
    assert.match(screen, /^ +broken: all 10 +/m);
    assert.match(screen, /^L1 distinct +1 → 1 +10 → 10 +10 → 10$/m);
    assert.match(screen, /^train acc\. +50\.0% → 50\.0% /m);
    assert.ok(!screen.split(/^verdict/m)[1]?.includes('…'), 'no verdict is cut');

    s.press(KEYS.esc);
    await s.waitFor(/Loss/);
    s.press('q');
    const { exitCode } = await withTimeout(s.exited, 10_000, 'the exit after q');
    assert.equal(exitCode, 0);
    assert.ok(s.cursorVisible(), 'the cursor is visible again');
    assert.ok(s.normalScreen(), 'back on the normal screen');
  } finally {
    s.dispose();
  }
});
