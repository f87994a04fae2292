import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '../support/pty.ts';
import { withTimeout } from '../support/wait.ts';
import { KEYS, start, type Session } from './pty-harness.ts';

/** A config folder for one test: the runs of the test share it, as one user's runs do. */
function configHome(): { path: string; file: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'init-tui-remembered-'));
  return { path, file: join(path, 'init-tui', 'config.json'), remove: () => rmSync(path, { recursive: true, force: true }) };
}

async function quit(s: Session): Promise<void> {
  s.press('q');
  const { exitCode } = await withTimeout(s.exited, 10_000, async () => `the exit after q; screen:\n${await s.screen()}`);
  assert.equal(exitCode, 0);
  assert.ok(s.cursorVisible() && s.normalScreen(), 'the terminal is given back');
}

test('the pace, the chart mode and the log scale are remembered: + v y, quit, start again, the dashboard starts where it was', async () => {
  const home = configHome();
  const env = { XDG_CONFIG_HOME: home.path };
  try {
    let s = start(['-n', '2000'], { env });
    try {
      await s.waitFor(/racing · pace 200 it\/s/, 20_000);
      s.press('+');
      await s.waitFor(/pace 1,000 it\/s/);
      s.press('v');
      await s.waitFor((screen) => !/Loss \(linear\)/.test(screen));
      s.press('y');
      await s.waitFor(/log scale/);
      await quit(s);
    } finally {
      s.dispose();
    }
    const first = JSON.parse(readFileSync(home.file, 'utf8')) as Record<string, unknown>;
    assert.deepEqual(first, { version: 1, pace: '1000', chart: 'multiples', logScale: true }, '-n 2000 was the command line: not written');

    s = start(['-n', '2000'], { env });
    try {
      const screen = await s.waitFor(/pace 1,000 it\/s/, 20_000);
      assert.match(screen, /log scale/);
      assert.doesNotMatch(screen, /Loss \(/, 'small multiples, not the overlaid chart');
      // Two keys in one write: both count, both are remembered.
      s.press('-v');
      await s.waitFor(/pace 200 it\/s[\s\S]*Loss \(log scale\)/);
      await quit(s);
    } finally {
      s.dispose();
    }
    const saved = JSON.parse(readFileSync(home.file, 'utf8')) as Record<string, unknown>;
    assert.deepEqual(saved, { version: 1, pace: '200', chart: 'overlay', logScale: true });

    // The command line wins; --no-config neither reads nor writes.
    s = start(['-n', '2000', '--pace', '50'], { env });
    try {
      await s.waitFor(/pace 50 it\/s/, 20_000);
      await quit(s);
    } finally {
      s.dispose();
    }
    s = start(['-n', '2000', '--no-config'], { env });
    try {
      const screen = await s.waitFor(/racing · pace 200 it\/s/, 20_000);
      assert.match(screen, /Loss \(linear\)/, 'not the remembered log scale');
      s.press('-');
      await s.waitFor(/pace 50 it\/s/);
      await quit(s);
    } finally {
      s.dispose();
    }
    assert.deepEqual(JSON.parse(readFileSync(home.file, 'utf8')), saved, '--pace 50 and --no-config changed nothing');
  } finally {
    home.remove();
  }
});

test('the settings applied on the settings screen are remembered: the next dashboard starts from them', async () => {
  const home = configHome();
  const env = { XDG_CONFIG_HOME: home.path };
  try {
    let s = start(['--pace', 'max', '-n', '1500'], { env });
    try {
      await s.waitFor(/finished[\s\S]*q quit/, 30_000);
      s.press('s');
      await s.waitFor(/Settings: change the experiment/);
      // iterations is the seventh field; Ctrl-U clears it up to the caret (at its end).
      for (let k = 0; k < 6; k++) s.press(KEYS.down);
      await s.waitFor(/❯ iterations\s+1500/);
      s.press('\u0015');
      await s.waitFor(/❯ iterations\s+│/);
      s.press('700');
      await s.waitFor(/❯ iterations\s+700\s+│/);
      s.press(KEYS.enter);
      await s.waitFor(/· 700 iterations[\s\S]*finished/, 30_000);
      await quit(s);
    } finally {
      s.dispose();
    }
    const saved = JSON.parse(readFileSync(home.file, 'utf8')) as { settings?: Record<string, string>; pace?: string };
    assert.equal(saved.settings?.iterations, '700');
    assert.equal(saved.settings?.dataset, 'circles', 'the settings are written whole');
    assert.equal(saved.pace, undefined, 'the pace was --pace max all along: not remembered');
    s = start(['--pace', 'max'], { env });
    try {
      await s.waitFor(/· 700 iterations[\s\S]*finished/, 30_000);
      await quit(s);
    } finally {
      s.dispose();
    }
  } finally {
    home.remove();
  }
});

test('a damaged config file is one line after the dashboard exits, and ignored; a change then writes it whole again', async () => {
  const home = configHome();
  try {
    mkdirSync(join(home.path, 'init-tui'));
    writeFileSync(home.file, '{"pace": "1000", "chart": ');
    const s = start(['-n', '2000'], { env: { XDG_CONFIG_HOME: home.path } });
    try {
      const screen = await s.waitFor(/racing · pace 200 it\/s/, 20_000);
      assert.doesNotMatch(screen, /ignored/, 'nothing over the dashboard');
      s.press('+');
      await s.waitFor(/pace 1,000 it\/s/);
      await quit(s);
      const after = await s.waitFor(/init-tui: ignored/);
      const lines = after.split('\n').filter((l) => /init-tui:/.test(l));
      assert.equal(lines.length, 1, after);
      assert.match(lines[0]!, new RegExp(`^init-tui: ignored the remembered settings in ${home.file}: not valid JSON \\(`));
    } finally {
      s.dispose();
    }
    assert.deepEqual(JSON.parse(readFileSync(home.file, 'utf8')), { version: 1, pace: '1000' });
  } finally {
    home.remove();
  }
});

test('a config folder that cannot be written is one line after the dashboard exits; the dashboard itself runs and quits as ever', async () => {
  const home = configHome();
  try {
    // XDG_CONFIG_HOME names a regular file: no folder can be made under it.
    const blocker = join(home.path, 'not-a-folder');
    writeFileSync(blocker, '');
    const s = start(['-n', '2000'], { env: { XDG_CONFIG_HOME: blocker } });
    try {
      await s.waitFor(/racing · pace 200 it\/s/, 20_000);
      s.press('+');
      await s.waitFor(/pace 1,000 it\/s/);
      await quit(s);
      const after = await s.waitFor(/init-tui: settings not remembered/);
      const lines = after.split('\n').filter((l) => /init-tui:/.test(l));
      assert.equal(lines.length, 1, after);
      assert.match(lines[0]!, /^init-tui: settings not remembered: could not write .*not-a-folder\/init-tui\/config\.json: /);
    } finally {
      s.dispose();
    }
  } finally {
    home.remove();
  }
});

test('--color never draws no colour in the dashboard; --color always draws it even with NO_COLOR', async () => {
  const colour = /\u001B\[[\d;]*(3[0-7]|9[0-7]|38;[25])[\d;]*m/;
  for (const [args, env, coloured] of [
    [['--color', 'never'], {}, false],
    [['--color', 'always'], { NO_COLOR: '1' }, true],
    [[], { NO_COLOR: '1' }, false],
  ] as const) {
    const s = start(['--pace', 'max', '-n', '500', ...args], { env });
    try {
      await s.waitFor(/finished[\s\S]*q quit/, 30_000);
      if (coloured) assert.match(s.raw(), colour, JSON.stringify(args));
      else assert.doesNotMatch(s.raw(), colour, JSON.stringify(args));
      await quit(s);
    } finally {
      s.dispose();
    }
  }
});
