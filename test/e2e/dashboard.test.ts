import assert from 'node:assert/strict';
import { test } from '../support/pty.ts';
import { waitFor, withTimeout } from '../support/wait.ts';
import { KEYS, start, type Session } from './pty-harness.ts';

async function quitCleanly(s: Session, key = 'q', status = 0): Promise<void> {
  s.press(key);
  const { exitCode } = await withTimeout(
    s.exited,
    10_000,
    async () => `the exit after ${JSON.stringify(key)}; screen:\n${await s.screen()}`,
  );
  assert.equal(exitCode, status);
  assert.ok(s.cursorVisible(), 'the cursor is visible again');
  assert.ok(s.normalScreen(), 'back on the normal screen');
}

test('a new user in 120×40: the race, the notebook accuracies, help, a run up close, resize, and q', async () => {
  const s = start([], { cols: 120, rows: 40 });
  try {
    let screen = await s.waitFor(/1 zeros[\s\S]*2 random[\s\S]*3 he/, 10_000);
    assert.match(screen, /circles · noise 0\.05 · layers 2-10-5-1 · lr 0\.01 · 15,000 iterations/);
    screen = await s.waitFor(/Loss \(linear\)/);
    // The whole final frame: the header says "finished" before the table is drawn.
    screen = await s.waitFor(/finished[\s\S]*he\s+\d+\.\d%[\s\S]*q quit/, 60_000);
    assert.match(screen, /zeros\s+50\.0%\s+50\.0%/);
    assert.match(screen, /random\s+83\.0%\s+86\.0%/);
    assert.match(screen, /he\s+99\.3%\s+96\.0%/);
    assert.match(screen, /random starts at an infinite cost \(\+∞\)/);
    assert.match(screen, /Loss \(linear\)/, 'the race stays visible with the table');

    s.press('?');
    await s.waitFor(/Keys[\s\S]*one iteration while paused/);
    s.press(KEYS.esc);
    await s.waitFor(/Loss \(linear\)/);
    s.press(KEYS.down);
    await s.waitFor(/❯\s+2 random/);
    s.press('j');
    await s.waitFor(/❯\s+3 he/);
    s.press(KEYS.enter);
    screen = await s.waitFor(/he \(run 3 of 3\) · done · train 99\.3% · test 96\.0%/);
    assert.match(screen, /Decision boundary/);
    assert.match(screen, /14,000\s+0\.0735790/, "the notebook's printout");
    s.press(KEYS.esc);
    await s.waitFor(/Loss \(linear\)[\s\S]*scheme\s+train/);

    s.resize(100, 30);
    // The first frame at the new size, not a guess at when it comes: a whole race screen
    // whose lines all fit 100 columns (wider leftovers of the old frame would not).
    screen = await s.waitFor((text) => /Loss[\s\S]*q quit/.test(text) && text.split('\n').every((line) => line.length <= 100));
    for (const line of screen.split('\n')) assert.ok(line.length <= 100, `fits 100 columns: ${line}`);
    s.resize(40, 12);
    await s.waitFor(/Terminal too small: 40×12\.[\s\S]*needs 60×20/);
    s.resize(120, 40);
    await s.waitFor(/Loss \(linear\)[\s\S]*he\s+99\.3%/);
    await quitCleanly(s);
    assert.match(s.raw(), /he\s+99\.3%\s+96\.0%/, 'the table is printed on the normal screen after quitting');
  } finally {
    s.dispose();
  }
});

test('space pauses, n steps one iteration, +/- change the pace, r restarts, y toggles the log scale', async () => {
  const s = start(['--pace', 'max', '-n', '200000'], { cols: 120, rows: 40 });
  try {
    await s.waitFor(/3 he\s+\S*\s*[\d,]*[1-9][\d,]*\/200,000/);
    s.press(' ');
    let screen = await s.waitFor(/paused · pace max/);
    const iterationOf = (text: string) => Number(/3 he\s+\S*\s*([\d,]+)\/200,000/.exec(text)?.[1]?.replace(/,/g, ''));
    // The header says "paused" at once; he's lane may still take in what its worker trained
    // before it saw the pause. Nothing announces the last of that: the lane has settled once
    // its count has not changed for a third of a second (ten frames).
    let last = NaN;
    let since = performance.now();
    const before = await waitFor(
      async () => {
        const now = iterationOf(await s.screen());
        if (now !== last) [last, since] = [now, performance.now()];
        return performance.now() - since >= 330 && now;
      },
      { what: `he's lane to settle after the pause (at ${last})` },
    );
    screen = await s.screen();
    assert.ok(before > 0, screen);
    s.press('n');
    screen = await s.waitFor(new RegExp(`3 he\\s+\\S*\\s*${(before + 1).toLocaleString('en-US')}/200,000`));
    s.press('-');
    await s.waitFor(/pace 20,000 it\/s/);
    s.press('-');
    await s.waitFor(/pace 5,000 it\/s/);
    s.press('+');
    await s.waitFor(/pace 20,000 it\/s/);
    s.press('y');
    await s.waitFor(/Loss \(log scale\)/);
    s.press(' ');
    await s.waitFor(/racing · pace 20,000/);
    s.press('r');
    screen = await s.waitFor(/3 he\s+\S*\s*\s[\d,]{1,6}\/200,000/);
    assert.ok(iterationOf(screen) < before + 50_000, 'restarted from the beginning');
    await quitCleanly(s, KEYS.ctrlC, 130);
  } finally {
    s.dispose();
  }
});

test('SIGTERM during a race restores the terminal and exits 143', async () => {
  const s = start(['-n', '1000000']);
  try {
    await s.waitFor(/racing/);
    s.kill('SIGTERM');
    const exit = await withTimeout(s.exited, 10_000, 'the exit after SIGTERM');
    assert.deepEqual(exit, { exitCode: 143, signal: 0 });
    assert.ok(s.cursorVisible());
    assert.ok(s.normalScreen());
  } finally {
    s.dispose();
  }
});

test('a crashed worker shows as failed while the others finish, and q still exits cleanly', async () => {
  const s = start(['--pace', 'max', '-n', '3000'], { env: { INIT_TUI_FAULT: 'throw:random@100' } });
  try {
    const screen = await s.waitFor(/finished[\s\S]*he\s+\d+\.\d%[\s\S]*q quit/, 30_000);
    assert.match(screen, /2 random.*failed/);
    assert.match(screen, /random\s+—\s+—.*failed: injected fault/);
    assert.match(screen, /3 he.*done/);
    await quitCleanly(s);
  } finally {
    s.dispose();
  }
});

test('the options apply to the dashboard: --lr 0.05 -n 5000 --schemes he,zeros', async () => {
  const s = start(['--pace', 'max', '--lr', '0.05', '-n', '5000', '--schemes', 'he,zeros']);
  try {
    const screen = await s.waitFor(/finished[\s\S]*zeros\s+\d+\.\d%[\s\S]*q quit/, 30_000);
    assert.match(screen, /lr 0\.05 · 5,000 iterations/);
    assert.match(screen, /1 he[\s\S]*2 zeros/);
    assert.doesNotMatch(screen, /│.{0,3}3 \S+\s+[█░]/, 'no third lane');
    await quitCleanly(s);
  } finally {
    s.dispose();
  }
});

test('the settings screen refuses a bad value in place with the CLI message, then restarts the race with the new experiment', async () => {
  const s = start(['--pace', 'max', '-n', '1500'], { cols: 120, rows: 40 });
  try {
    await s.waitFor(/finished[\s\S]*he\s+\d+\.\d%[\s\S]*q quit/, 30_000);
    s.press('s');
    await s.waitFor(/Settings: change the experiment/);
    // iterations is the seventh field: move there, clear it, type a bad value. Keys need no
    // gap between them (the input parser takes several per read); each step waits on the screen.
    for (let k = 0; k < 6; k++) s.press(KEYS.down);
    await s.waitFor(/❯ iterations\s+1500/);
    for (let k = 0; k < 4; k++) s.press('\u007F');
    await s.waitFor(/❯ iterations\s+│/);
    s.press('0');
    await s.waitFor(/❯ iterations\s+0\s+│/);
    s.press(KEYS.enter);
    await s.waitFor(/--iterations expects an integer from 1 to 100000000, got "0"/);
    s.press('\u007F');
    await s.waitFor(/❯ iterations\s+│/);
    for (const ch of '800') s.press(ch);
    await s.waitFor(/❯ iterations\s+800\s+│/);
    // Up six fields to the data set (layers, schemes and the rest untouched): moons.
    for (let k = 0; k < 6; k++) s.press(KEYS.up);
    await s.waitFor(/❯ data set\s+circles/);
    for (let k = 0; k < 7; k++) s.press('\u007F');
    await s.waitFor(/❯ data set\s+│/);
    for (const ch of 'moons') s.press(ch);
    await s.waitFor(/❯ data set\s+moons/);
    // The equivalent command line follows the typing: only what differs from the defaults.
    await s.waitFor(/As a command: init-tui --dataset moons --iterations 800 --pace max/);
    s.press(KEYS.enter);
    const screen = await s.waitFor(
      /moons · noise 0\.2 · layers 2-10-5-1 · lr 0\.01 · 800 iterations[\s\S]*finished[\s\S]*he\s+\d+\.\d%/,
      30_000,
    );
    assert.match(screen, /1 zeros .*800\/800/);
    await quitCleanly(s);
  } finally {
    s.dispose();
  }
});
