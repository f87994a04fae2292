import assert from 'node:assert/strict';
import { test } from '../support/pty.ts';
import { withTimeout } from '../support/wait.ts';
import { KEYS, start, type Session } from './pty-harness.ts';

const COLS = 80;
const ROWS = 24;
const PAGE_UP = '\u001B[5~';
const PAGE_DOWN = '\u001B[6~';
const HOME = '\u001B[H';
const END = '\u001B[F';

/** Every line fits 80 columns, the screen has its 24 rows, and the footer (ending "q quit") is the last of them. */
function framed(screen: string): string[] {
  const lines = screen.split('\n');
  assert.equal(lines.length, ROWS);
  for (const line of lines) assert.ok(line.length <= COLS, `fits ${COLS} columns: ${line}`);
  assert.match(lines[ROWS - 1]!, /q quit$/, `the footer on the last row:\n${screen}`);
  return lines;
}

/** The footer sits on the last row: a screen whose last line ends the key hints. */
const footerLast = (pattern: RegExp) => (screen: string) => pattern.test(screen) && /q quit$/.test(screen.split('\n')[ROWS - 1] ?? '');

async function quit(s: Session): Promise<void> {
  s.press('q');
  const { exitCode } = await withTimeout(s.exited, 10_000, async () => `the exit after q; screen:\n${await s.screen()}`);
  assert.equal(exitCode, 0);
  assert.ok(s.cursorVisible(), 'the cursor is visible again');
}

/** A finished default race at max pace in 80×24, handed to `body`; then q, and the terminal is disposed of. */
async function finishedRace(body: (s: Session) => Promise<void>): Promise<void> {
  const s = start(['--pace', 'max'], { cols: COLS, rows: ROWS });
  try {
    await s.waitFor(/finished[\s\S]*he\s+99\.3%/, 60_000);
    await body(s);
    await quit(s);
  } finally {
    s.dispose();
  }
}

test('80×24: the running race keeps lr and iterations in its header and every key in a footer on the last row', async () => {
  const s = start([], { cols: COLS, rows: ROWS });
  try {
    const screen = await s.waitFor(footerLast(/racing[\s\S]*1 zeros[\s\S]*3 he[\s\S]*Loss/), 20_000);
    const lines = framed(screen);
    const header = lines.slice(0, 2).join('\n');
    assert.match(header, /lr 0\.01/);
    assert.match(header, /15,000 iterations/);
    assert.match(header, /seed 3/);
    const footer = lines.slice(-2).join(' ');
    for (const key of ['space pause', '+/- pace', 'e export', 's settings', 'v charts', '? help']) assert.ok(footer.includes(key), key);
    await quit(s);
  } finally {
    s.dispose();
  }
});

test('80×24: the finished race keeps a chart of at least 10 rows, a whole verdict, and the footer on the last row', async () => {
  const s = start(['--pace', 'max'], { cols: COLS, rows: ROWS });
  try {
    let screen = await s.waitFor(footerLast(/finished[\s\S]*he\s+99\.3%\s+96\.0%/), 60_000);
    const lines = framed(screen);
    // Plot rows carry the axis mark ┤ (labelled) or │ (unlabelled) right after the labels.
    const plot = lines.filter((l) => /^│ {0,4}[\d. ]{5,9} ?[┤┼│]/.test(l));
    assert.ok(plot.length >= 10, `${plot.length} plot rows:\n${screen}`);
    assert.match(screen, /zeros\s+50\.0%\s+50\.0%/);
    assert.match(screen, /random\s+83\.0%\s+86\.0%/);
    assert.match(screen, /^symmetry never broken: all 10 units of layer 1 are the same$/m, 'the selected verdict, whole');
    // Keys in one write: two steps down select he, whose verdict shows whole.
    s.press(`${KEYS.down}${KEYS.down}`);
    screen = await s.waitFor(/^learned: cost fell from 0\.883 to 0\.0648, 99\.3% train$/m);
    framed(screen);
    s.press(KEYS.up);
    screen = await s.waitFor(/^partly learned: cost fell from ∞ \(saturated start\) to 0\.381, 83\.0% train$/m);
    framed(screen);
    await quit(s);
  } finally {
    s.dispose();
  }
});

test('80×24: detail, why, compare and settings fit the screen, each with its footer on the last row', () =>
  finishedRace(async (s) => {
    s.press(KEYS.enter);
    let screen = await s.waitFor(footerLast(/zeros \(1\/3\) · done[\s\S]*Decision boundary[\s\S]*Cost every 2,000 iterations/));
    framed(screen);
    assert.match(screen, /symmetry never broken: all 10 units of layer 1 are the same/);
    // Nothing cut: the title in its short form, the printout thinned to span the run, the legend whole.
    assert.match(screen, /❮ zeros \(1\/3\) · done · train 50\.0% · test 50\.0% · cost 0\.693147 · [\d.]+ s/);
    assert.match(screen, /│ +0 +0\.693147 +8,000 +0\.693147/);
    assert.match(screen, /14,000 +0\.693147/, 'the printout reaches the last printed iteration');
    assert.match(screen, /red: predicts 0/);
    assert.doesNotMatch(screen, /…|more rows/, `nothing cut:\n${screen}`);
    // Esc and a key in one read would be Alt and that key: wait for the race between them.
    const home = /scheme +train +test/;
    s.press(KEYS.esc);
    await s.waitFor(home);
    s.press('w');
    screen = await s.waitFor(footerLast(/why it learns, or not[\s\S]*W3 5→1[\s\S]*Symmetry never broke/));
    framed(screen);
    s.press(KEYS.esc);
    await s.waitFor(home);
    s.press('c');
    screen = await s.waitFor(footerLast(/❮ compare[\s\S]*verdict +symmetry never/));
    framed(screen);
    assert.match(screen, /train acc(uracy|\.) +50\.0% → 50\.0% +50\.0% → 83\.0% +50\.0% → 99\.3%/);
    assert.ok(!screen.split(/^verdict/m)[1]?.includes('…'), `no verdict is cut:\n${screen}`);
    s.press(KEYS.esc);
    await s.waitFor(home);
    s.press('s');
    screen = await s.waitFor(/Ctrl-C quit$/m);
    const lines = screen.split('\n');
    assert.equal(lines.length, ROWS);
    for (const line of lines) assert.ok(line.length <= COLS, `fits ${COLS} columns: ${line}`);
    assert.match(lines[ROWS - 1]!, /Ctrl-C quit$/, `the settings footer on the last row:\n${screen}`);
    assert.match(screen, /learning rate/);
    assert.match(screen, /init-tui/, 'the equivalent command line');
    s.press(KEYS.esc);
    await s.waitFor(/he\s+99\.3%/);
  }));

test('80×24: the help overlay wraps its entries and scrolls to its last entry, keys one at a time and several in one write', () =>
  finishedRace(async (s) => {
    s.press('?');
    let screen = await s.waitFor(footerLast(/Keys +lines 1–\d+ of \d+ · ↓ more below/));
    framed(screen);
    assert.ok(!screen.includes('…'), `nothing is cut:\n${screen}`);
    assert.match(screen, /↑↓ scroll/);
    s.press(KEYS.down);
    await s.waitFor(/Keys +lines 2–/);
    s.press('j');
    await s.waitFor(/Keys +lines 3–/);
    s.press('k');
    await s.waitFor(/Keys +lines 2–/);
    s.press(PAGE_DOWN);
    await s.waitFor(/more above and below|↑ more above/);
    s.press(END);
    screen = await s.waitFor(/↑ more above[\s\S]*Ctrl-C +quit, from any screen[\s\S]*scaled for ReLU/);
    framed(screen);
    s.press(HOME);
    await s.waitFor(/Keys +lines 1–/);
    // Several keys in one write: each counts, in order (three lines down, one up).
    s.press(`${KEYS.down}${KEYS.down}${KEYS.down}${KEYS.up}`);
    await s.waitFor(/Keys +lines 3–/);
    s.press(`${PAGE_DOWN}${PAGE_DOWN}${PAGE_DOWN}${PAGE_UP}${END}`);
    await s.waitFor(/↑ more above[\s\S]*Ctrl-C +quit, from any screen/);
    s.press(KEYS.esc);
    await s.waitFor(/he\s+99\.3%/);
  }));

test('80×24: a depth × gain sweep shows its map and its footer on the last row', async () => {
  const s = start(['--sweep', 'gain=0.5..4:3,depth=1..2', '-n', '200'], { cols: COLS, rows: ROWS });
  try {
    const screen = await s.waitFor(footerLast(/6\/6 models · done in/), 60_000);
    framed(screen);
    assert.match(screen, /depth 1[\s\S]*depth 2/);
    assert.match(screen, /lr 0\.01/);
    assert.match(screen, /200 iterations/);
    await quit(s);
  } finally {
    s.dispose();
  }
});
