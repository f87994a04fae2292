import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '../support/pty.ts';
import { sleep, withTimeout } from '../support/wait.ts';
import { KEYS, start, type Session } from './pty-harness.ts';

async function quit(s: Session): Promise<void> {
  s.press('q');
  const { exitCode } = await withTimeout(s.exited, 10_000, async () => `the exit after q; screen:\n${await s.screen()}`);
  assert.equal(exitCode, 0);
  assert.ok(s.cursorVisible() && s.normalScreen(), 'the terminal is given back');
}

/** The iteration a lane shows ("3 he  ███ 1,234/15,000"). */
function iterationOf(screen: string, lane: string): number {
  const m = new RegExp(`${lane}\\s+\\S*\\s*([\\d,]+)/`).exec(screen);
  return m ? Number(m[1]!.replace(/,/g, '')) : NaN;
}

test('the default race is paced to be watched: a pace and the time left in the header, curves growing, + up to max', async () => {
  const s = start([], { cols: 120, rows: 40 });
  try {
    let screen = await s.waitFor(/racing · pace 1,500 it\/s · \d+ s left/, 10_000);
    // Ready is he's lane moving (on a loaded machine its thread may start late) ...
    screen = await s.waitFor((text) => iterationOf(text, '3 he') > 0, 20_000);
    const moving = iterationOf(screen, '3 he');
    // ... then a second and a half of watching, the point of the test: flat out, three runs of
    // 15,000 end in about two seconds; at 1,500 a second they are far from done.
    await sleep(1500);
    screen = await s.screen();
    const he = iterationOf(screen, '3 he');
    assert.ok(he > moving && he < moving + 9000, `he from ${moving} to ${he} in a second and a half`);
    assert.match(screen, /Loss \(linear\)/);
    await s.waitFor((text) => iterationOf(text, '3 he') > he);
    s.press('+');
    await s.waitFor(/pace 5,000 it\/s/);
    s.press('+');
    await s.waitFor(/pace 20,000 it\/s/);
    s.press('+');
    await s.waitFor(/pace max/);
    screen = await s.waitFor(/finished[\s\S]*he\s+99\.3%/, 20_000);
    // A finished lane shows its average speed, not a dash.
    for (const lane of ['1 zeros', '2 random', '3 he']) assert.match(screen, new RegExp(`${lane}.*\\s[\\d,]+ it/s done`));
    await quit(s);
  } finally {
    s.dispose();
  }
});

test('--pace takes max, auto or a number, in the header and in the settings; a bad one is refused', async () => {
  const s = start(['--pace', '250', '-n', '100000'], { cols: 120, rows: 40 });
  try {
    await s.waitFor(/racing · pace 250 it\/s · \d+ min \d\d s left/);
    s.press('s');
    await s.waitFor(/Settings[\s\S]*❯ data set[\s\S]*pace\s+250/);
    s.press(KEYS.esc);
    await s.waitFor(/Loss/);
    await quit(s);
  } finally {
    s.dispose();
  }
});

test('keys in one write all count: "---" is three steps, arrows and Enter in one chunk open the run', async () => {
  const s = start(['-n', '100000'], { cols: 120, rows: 40 });
  try {
    await s.waitFor(/pace 10,000 it\/s/);
    s.press('---');
    await s.waitFor(/pace 200 it\/s/, 3000); // 10,000 → 5,000 → 1,000 → 200
    s.press(`${KEYS.down}${KEYS.down}${KEYS.enter}`);
    await s.waitFor(/he \(run 3 of 3\)/, 3000);
    // (Esc and a key in one read are Alt + that key, as terminals send it: Esc goes alone.)
    s.press(KEYS.esc);
    await s.waitFor(/Loss/, 3000);
    s.press(`1${KEYS.enter}`);
    await s.waitFor(/zeros \(run 1 of 3\)/, 3000);
    s.press(KEYS.esc);
    await s.waitFor(/Loss/, 3000);
    await quit(s);
  } finally {
    s.dispose();
  }
});

test('seven Backspaces in one write are seven deletions; a paste goes in as text, without its line break', async () => {
  const s = start(['--pace', 'max', '-n', '2000'], { cols: 120, rows: 40 });
  try {
    await s.waitFor(/finished/, 30_000);
    s.press('s');
    await s.waitFor(/❯ data set\s+circles\s+│/);
    s.press('\u007F'.repeat(7));
    await s.waitFor(/❯ data set\s+│/, 3000);
    s.press('spiral');
    let screen = await s.waitFor(/❯ data set\s+spiral\s+│/, 3000);
    // No invisible character made the line longer: the frame's right border stays in its column.
    const lines = screen.split('\n').filter((l) => l.includes('│'));
    const right = new Set(lines.map((l) => l.lastIndexOf('│')));
    assert.equal(right.size, 1, `one right border column:\n${screen}`);
    s.press('\u007F'.repeat(6));
    await s.waitFor(/❯ data set\s+│/, 3000);
    // A bracketed paste with a line break: text only, and no Enter.
    s.press('\u001B[200~moons\r\n\u001B[201~');
    screen = await s.waitFor(/❯ data set\s+moons\s+│/, 3000);
    assert.match(screen, /Settings: change the experiment/, 'still in the form: the pasted line break did not apply it');
    s.press(KEYS.enter);
    await s.waitFor(/moons · noise 0\.2 · layers 2-10-5-1/, 5000);
    await quit(s);
  } finally {
    s.dispose();
  }
});

test('keys typed before the first frame are read as keys and leave no ghost line above the header', async () => {
  const s = start(['-n', '100000'], { cols: 120, rows: 40 });
  try {
    // Straight away, before anything is drawn.
    s.press('jj');
    const screen = await s.waitFor(/❯\s+3 he/, 10_000);
    assert.match(screen.split('\n')[0] ?? '', /^init-tui {2}circles/, `the first line is the header:\n${screen}`);
    await quit(s);
  } finally {
    s.dispose();
  }
});

test('v shows one small chart per scheme, each curve whole, at 120×40 and at 80×24', async () => {
  for (const [cols, rows] of [
    [120, 40],
    [80, 24],
  ] as const) {
    const s = start(['--pace', 'max', '-n', '3000'], { cols, rows });
    try {
      await s.waitFor(/finished/, 30_000);
      s.press('v');
      const screen = await s.waitFor(/zeros \(linear\)[\s\S]*random \(linear\)[\s\S]*he \(linear\)/, 3000);
      for (const line of screen.split('\n')) assert.ok(line.length <= cols, `fits ${cols} columns: ${line}`);
      // Each chart has its own cost axis: he's reaches down to its own low cost.
      assert.match(screen, /│cut above [\d.]+ (at|until) [\d,]+/, "random's small chart says what its own range cut");
      s.press('v');
      await s.waitFor(/Loss \(linear\)/, 3000);
      await quit(s);
    } finally {
      s.dispose();
    }
  }
});

test('the detail view draws the points the run trained on: your --data file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-'));
  try {
    // Every training point in the top-left corner of the plane, labels alternating.
    const rows = ['x1,x2,label'];
    for (let i = 0; i < 40; i++) rows.push(`${(-1.4 + (i % 5) * 0.04).toFixed(2)},${(1.2 + Math.floor(i / 5) * 0.03).toFixed(2)},${i % 2}`);
    writeFileSync(join(dir, 'corner.csv'), `${rows.join('\n')}\n`);
    writeFileSync(join(dir, 'test.csv'), 'x1,x2,label\n0,0,1\n0.5,0.5,0\n');
    const s = start(
      ['--pace', 'max', '--data', join(dir, 'corner.csv'), '--test-data', join(dir, 'test.csv'), '-n', '300', '--schemes', 'he'],
      { cols: 120, rows: 40 },
    );
    try {
      await s.waitFor(/finished/, 30_000);
      s.press(KEYS.enter);
      const screen = await s.waitFor(/Decision boundary/);
      // The map's rows: the right-hand frame's insides made only of map cells (the legend line is not one).
      const map = screen
        .split('\n')
        .filter((l) => /│.*│/.test(l))
        .map((l) => l.slice(l.lastIndexOf('│', l.length - 2) + 1, -1))
        .filter((l) => /^[▀●○ox· ]+$/.test(l) && l.includes('▀'));
      const marked = map.flatMap((l, row) => [...l].flatMap((ch, col) => (/[●○ox]/.test(ch) ? [[row, col]] : [])));
      assert.ok(marked.length > 0, `points are drawn:\n${screen}`);
      const width = Math.max(...map.map((l) => l.length));
      for (const [row, col] of marked)
        assert.ok(row! < map.length / 2 && col! < width / 2, `a point outside the top-left quarter at ${row},${col}:\n${map.join('\n')}`);
      s.press(KEYS.esc);
      await s.waitFor(/Loss/, 3000);
      await quit(s);
    } finally {
      s.dispose();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a huge paste into a settings field stays quick, keeps the end in view, and Ctrl-C still quits at once', async () => {
  const s = start(['--pace', '300'], { cols: 120, rows: 40 });
  try {
    await s.waitFor(/racing/);
    s.press('s');
    await s.waitFor(/❯ data set/);
    const t0 = Date.now();
    s.press(`\u001B[200~${'he,'.repeat(40_000)}\u001B[201~`);
    await s.waitFor(/❯ data set\s+…[he,]+\s+│/, 5000);
    assert.ok(Date.now() - t0 < 4000, `the paste took ${Date.now() - t0} ms to show`);
    s.press('\u0003');
    const { exitCode } = await withTimeout(s.exited, 3000, 'the exit after Ctrl-C');
    assert.equal(exitCode, 130);
  } finally {
    s.dispose();
  }
});

test('a paste whose end marker comes in two reads ends, and the keys after it work', async () => {
  const s = start(['--pace', '300'], { cols: 120, rows: 40 });
  try {
    await s.waitFor(/racing/);
    // The gaps are the point: they put the two halves of the end marker, and the key
    // after it, in reads of their own. None waits for the program to be ready.
    s.press('\u001B[200~hello\u001B[20');
    await sleep(60);
    s.press('1~');
    await sleep(100);
    s.press('?');
    await s.waitFor(/Keys/, 3000);
    s.press('q');
    const { exitCode } = await withTimeout(s.exited, 10_000, 'the exit after q');
    assert.equal(exitCode, 0);
  } finally {
    s.dispose();
  }
});
