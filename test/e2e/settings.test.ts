/** Settings keep what they should: the noise follows the data set, and every option the form does not show survives a change. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '../support/pty.ts';
import { withTimeout } from '../support/wait.ts';
import { KEYS, start } from './pty-harness.ts';

interface Doc {
  config: { dataset: string; noise?: number; every: number; iterations: number };
  runs: { scheme: string; costs: [number, number | null][] }[];
}

test('moons → circles in the settings takes the circles noise; --every, --kernel, --threads and --out survive the change', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-settings-'));
  const out = join(dir, 'race.json');
  const args = [
    '--dataset',
    'moons',
    '--pace',
    'max',
    '-n',
    '1500',
    '--every',
    '250',
    '--kernel',
    'generic',
    '--threads',
    '2',
    '--out',
    out,
  ];
  const s = start(args, { cols: 120, rows: 40 });
  try {
    await s.waitFor(/moons · noise 0\.2 · layers 2-10-5-1[\s\S]*finished[\s\S]*he\s+\d+\.\d%[\s\S]*q quit/, 30_000);
    s.press('s');
    await s.waitFor(/❯ data set\s+moons[\s\S]*noise\s+0\.2/);
    // Keys one at a time, then several in one write: both are typing.
    for (let k = 0; k < 5; k++) s.press('\u007F');
    await s.waitFor(/❯ data set\s+│/);
    s.press('c');
    s.press('i');
    s.press('rcles');
    const form = await s.waitFor(/❯ data set\s+circles[\s\S]*noise\s+0\.05\s/);
    // The equivalent command line: the options the form does not show, as the race has them; no --noise.
    // It wraps inside the frame: read its lines as one.
    const command = (/As a command: ([^╰]*)╰/.exec(form)?.[1] ?? '')
      .replace(/\s*│\s*/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    assert.equal(command, `init-tui --iterations 1500 --every 250 --threads 2 --pace max --kernel generic --out ${out}`);
    assert.doesNotMatch(form, /--noise/);
    s.press(KEYS.enter);
    await s.waitFor(
      /init-tui {2}circles · noise 0\.05 · layers 2-10-5-1 · lr 0\.01 · 1,500 iterations[\s\S]*finished[\s\S]*he\s+\d+\.\d%[\s\S]*q quit/,
      30_000,
    );
    s.press('q');
    const exit = await withTimeout(s.exited, 10_000, 'the exit after q');
    assert.equal(exit.exitCode, 0, await s.screen());
    const doc = JSON.parse(readFileSync(out, 'utf8')) as Doc;
    assert.equal(doc.config.dataset, 'circles', '--out holds the race after the change');
    assert.equal(doc.config.noise, undefined, "circles at its own noise (0.05), not moons' 0.2");
    assert.equal(doc.config.every, 250, '--every survives');
    assert.deepEqual(
      doc.runs[0]?.costs.map(([i]) => i),
      [0, 250, 500, 750, 1000, 1250],
      'costs recorded every 250 iterations',
    );
  } finally {
    s.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a paste over 4,096 characters into a settings field says it was cut', async () => {
  const s = start(['--pace', 'max', '-n', '300'], { cols: 120, rows: 40 });
  try {
    await s.waitFor(/finished[\s\S]*q quit/, 30_000);
    s.press('s');
    await s.waitFor(/❯ data set\s+circles/);
    s.press(`\u001B[200~${'he,'.repeat(2000)}\u001B[201~`);
    await s.waitFor(/the paste was cut: only its first 4,096 of 6,000 characters are read/, 10_000);
    s.press('\u007F');
    await s.waitFor((screen) => !screen.includes('the paste was cut'), 10_000);
    s.press(KEYS.esc);
    await s.waitFor(/finished[\s\S]*q quit/);
    s.press('q');
    assert.equal((await withTimeout(s.exited, 10_000, 'the exit after q')).exitCode, 0);
  } finally {
    s.dispose();
  }
});
