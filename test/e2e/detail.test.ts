import assert from 'node:assert/strict';
import { test } from '../support/pty.ts';
import { withTimeout } from '../support/wait.ts';
import { KEYS, start, type Session } from './pty-harness.ts';

async function quit(s: Session): Promise<void> {
  s.press('q');
  const { exitCode } = await withTimeout(s.exited, 10_000, async () => `the exit after q; screen:\n${await s.screen()}`);
  assert.equal(exitCode, 0);
  assert.ok(s.cursorVisible() && s.normalScreen(), 'the terminal is given back');
}

/** The iteration the detail view's live map says it shows. */
function liveAt(screen: string): number {
  const m = /Decision boundary · live, iteration ([\d,]+)/.exec(screen);
  return m ? Number(m[1]!.replace(/,/g, '')) : NaN;
}

for (const mode of ['colour', 'NO_COLOR'] as const) {
  test(`the detail view draws the decision boundary while the run trains, and it moves on (${mode})`, async () => {
    // 300 it/s for 15,000 iterations: the run is far from done for the whole test, however slow the machine.
    const s = start(['--pace', '300'], { cols: 120, rows: 40, ...(mode === 'NO_COLOR' ? { env: { NO_COLOR: '1' } } : {}) });
    try {
      await s.waitFor(/3 he/, 10_000);
      s.press('3');
      s.press(KEYS.enter);
      let screen = await s.waitFor(/he \(run 3 of 3\) · running[\s\S]*Decision boundary · live, iteration [\d,]+/, 20_000);
      assert.match(screen, mode === 'colour' ? /● class 1 {2}○ class 0 \(points\)/ : /x class 1 {2}o class 0 \(points\)/);
      assert.match(screen, mode === 'colour' ? /■ blue: predicts 1 {2}■ red: predicts 0/ : /· predicts 1 {2}blank: predicts 0/);
      assert.ok(!/drawn when the run finishes/.test(screen));
      const first = liveAt(screen);
      // The map follows the training: a later snapshot replaces it (four a second at the most).
      screen = await s.waitFor((text) => liveAt(text) > first, 20_000);
      assert.match(screen, /he \(run 3 of 3\) · running/, 'before the run finishes');
      await quit(s);
    } finally {
      s.dispose();
    }
  });
}

test('the chart cursor reaches iteration 0 and the last one, and f switches to the full range (keys one at a time and in one write)', async () => {
  const s = start(['--pace', 'max', '-n', '3000'], { cols: 120, rows: 40 });
  try {
    await s.waitFor(/finished[\s\S]*he\s+\d+\.\d%/, 60_000);
    let screen = await s.screen();
    assert.match(
      screen,
      /random's costs above [\d.]+ at iterations [\d,–]+ are cut: f shows the full range\.|random's first [\d,]+ iterations, above/,
    );
    s.press(KEYS.tab);
    s.press('\u001B[H'); // Home
    screen = await s.waitFor(/iteration 0: zeros 0\.693147 · random ∞ · he 0\.883054/);
    s.press('\u001B[F'); // End
    await s.waitFor(/iteration 2,99\d: zeros/);
    s.press('f');
    screen = await s.waitFor(/Loss \(linear, full range\)/);
    assert.doesNotMatch(screen, /f shows the full range/);
    // Two keys in one write: both count.
    s.press('fy');
    await s.waitFor(/Loss \(log scale\)/);
    s.press('y');
    await s.waitFor(/Loss \(linear\) /);
    await quit(s);
  } finally {
    s.dispose();
  }
});
