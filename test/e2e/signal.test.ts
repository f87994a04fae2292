import assert from 'node:assert/strict';
import { test } from '../support/pty.ts';
import { KEYS, start, type Session } from './pty-harness.ts';

const ARGS = ['--layers', '2,32x16,1', '--schemes', 'xavier,he,gain:2', '-n', '40', '--pace', 'max'];

async function quit(s: Session): Promise<void> {
  s.press('q');
  const deadline = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no exit within 10 s')), 10_000).unref());
  const { exitCode } = await Promise.race([s.exited, deadline]);
  assert.equal(exitCode, 0);
  assert.ok(s.cursorVisible(), 'the cursor is visible again');
  assert.ok(s.normalScreen(), 'back on the normal screen');
}

function fits(screen: string, cols: number): void {
  for (const line of screen.split('\n')) assert.ok([...line].length <= cols, `wider than ${cols}: ${line}`);
}

test('p shows the signal through 16 layers at 120×40: xavier vanishes, He propagates, gain 2 explodes, as the theory says', async () => {
  const s = start(ARGS, { cols: 120, rows: 40 });
  try {
    await s.waitFor(/finished[\s\S]*q quit/, 60_000);
    s.press('p');
    const screen = await s.waitFor(/❮ signal · relu[\s\S]*each layer's outputs[\s\S]*q quit/);
    assert.match(screen, /^xavier · theory: vanishing-signal \(signal ×1\.53e-5 in → out/m);
    assert.match(screen, /^he · theory: propagates \(signal ×2\.00 in → out/m);
    assert.match(screen, /^gain:2 · theory: exploding-signal/m);
    assert.match(screen, /signal {2}mean z², input → output/);
    assert.match(screen, /in +1 +2 +3 .* out/);
    assert.match(screen, /^xavier: each layer's outputs a_l/m);
    assert.match(screen, /… \d+ layers folded here/);
    assert.match(screen, /iteration 0 +│ iteration 40/);
    fits(screen, 120);
    // Two arrows in one write: the third scheme's histograms.
    s.press(`${KEYS.down}${KEYS.down}`);
    await s.waitFor(/^gain:2: each layer's outputs a_l/m);
    // p again, and Esc from a second visit, both go back to the race.
    s.press('p');
    await s.waitFor(/Loss \(linear\)/);
    s.press('p');
    await s.waitFor(/❮ signal/);
    s.press(KEYS.esc);
    await s.waitFor(/Loss \(linear\)/);
    await quit(s);
  } finally {
    s.dispose();
  }
});

test('p at 80×24 shows what fits, says how many schemes are left out, and keeps its footer', async () => {
  const s = start(ARGS, { cols: 80, rows: 24 });
  try {
    await s.waitFor(/finished[\s\S]*q quit/, 60_000);
    s.press('p');
    const screen = await s.waitFor(/❮ signal · relu[\s\S]*each layer's outputs[\s\S]*q quit/);
    assert.match(screen, /^xavier · theory: vanishing-signal/m);
    assert.match(screen, /❮ signal · relu · \d more schemes? \(↑↓\)/);
    assert.match(screen, /layers folded here/);
    assert.match(screen, /Esc back · ↑↓ highlight/);
    fits(screen, 80);
    s.press(`${KEYS.down}${KEYS.down}`);
    const last = await s.waitFor(/^gain:2 · theory: exploding-signal[\s\S]*^gain:2: each layer's outputs/m);
    fits(last, 80);
    await quit(s);
  } finally {
    s.dispose();
  }
});

test('at 64 hidden layers in 80×24 the why, compare and signal views fit the screen and say what they fold', async () => {
  const s = start(['--layers', '2,8x64,1', '-n', '30', '--pace', 'max'], { cols: 80, rows: 24 });
  try {
    await s.waitFor(/finished[\s\S]*q quit/, 60_000);
    s.press('w');
    let screen = await s.waitFor(/why it learns, or not[\s\S]*… layers \d+–\d+ folded here[\s\S]*W65 8→1[\s\S]*q quit/);
    fits(screen, 80);
    assert.match(screen, /^init-tui {2}circles · noise 0\.05 · layers 2-8x64-1/m, 'the header is still on screen');
    s.press('c');
    screen = await s.waitFor(/❮ compare[\s\S]*hidden layers \d+–64 not shown: enlarge the terminal[\s\S]*q quit/);
    fits(screen, 80);
    s.press('p');
    screen = await s.waitFor(/❮ signal[\s\S]*layers folded here[\s\S]*q quit/);
    fits(screen, 80);
    assert.match(screen, /^init-tui {2}circles/m);
    await quit(s);
  } finally {
    s.dispose();
  }
});
