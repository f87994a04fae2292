/**
 * The screen belongs to the dashboard: every terminating signal gives the terminal
 * back, SIGUSR1 draws nothing, a narrowing terminal redraws from a clean screen,
 * and stderr is kept off the screen (shown after exit) and free of escape
 * sequences when it is not a terminal.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '../support/pty.ts';
import { withTimeout } from '../support/wait.ts';
import { CLI, start } from './pty-harness.ts';

const PASTE_ON = '\u001B[?2004h';
const PASTE_OFF = '\u001B[?2004l';

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

test('SIGQUIT and SIGUSR2 during a race give the terminal back (normal screen, cursor shown, paste mode off) and exit 128 + n', async () => {
  for (const signal of ['SIGQUIT', 'SIGUSR2'] as const) {
    const s = start(['-n', '1000000']);
    try {
      await s.waitFor(/racing/);
      s.kill(signal);
      const exit = await withTimeout(s.exited, 10_000, `the exit after ${signal}`);
      assert.deepEqual(exit, { exitCode: 128 + constants.signals[signal], signal: 0 }, signal);
      assert.ok(s.normalScreen(), `${signal}: the normal screen`);
      assert.ok(s.cursorVisible(), `${signal}: the cursor shown`);
      assert.ok(s.raw().lastIndexOf(PASTE_OFF) > s.raw().lastIndexOf(PASTE_ON), `${signal}: bracketed paste off`);
    } finally {
      s.dispose();
    }
  }
});

test('SIGUSR1 during the dashboard draws nothing and opens no debugger; the race goes on and q quits with 0', async (t) => {
  const before = await listening(9229);
  if (before) t.diagnostic('something else listens on 9229: only the screen and the output are checked');
  const s = start(['-n', '1000000']);
  try {
    const first = await s.waitFor(/\d[\d,]*\/1,000,000/);
    const counter = /(\d[\d,]*)\/1,000,000/.exec(first)?.[1];
    s.kill('SIGUSR1');
    // Node's inspector prints its line within milliseconds of the signal: a frame with the counter
    // moved on comes after that.
    await s.waitFor((screen) => /(\d[\d,]*)\/1,000,000/.exec(screen)?.[1] !== counter && /q quit/.test(screen));
    assert.doesNotMatch(s.raw(), /Debugger|inspector/i);
    if (!before) assert.equal(await listening(9229), false, 'port 9229 is closed');
    const screen = await s.screen();
    assert.match(screen.split('\n')[0] ?? '', /^init-tui /, 'the header is still the first line');
    s.press('q');
    const exit = await withTimeout(s.exited, 10_000, 'the exit after q');
    assert.equal(exit.exitCode, 0);
  } finally {
    s.dispose();
  }
});

test('narrowing the terminal from 120 to 100 columns redraws from a clean screen: the header on the first line, nothing left of the old frame', async () => {
  const s = start(['-n', '1000000'], { cols: 120, rows: 40 });
  try {
    await s.waitFor(/q quit/);
    s.resize(100, 40);
    // A frame at the new width (the header without its iteration count), with the footer below it.
    const fits = (screen: string): boolean => {
      const rows = screen.split('\n');
      const footer = rows.findIndex((r) => /q quit/.test(r));
      return (
        /^init-tui /.test(rows[0] ?? '') && !/iterations/.test(rows[0] ?? '') && footer > 0 && rows.slice(footer + 1).every((r) => r === '')
      );
    };
    let last = '';
    try {
      last = await s.waitFor((screen) => ((last = screen), fits(screen)), 15_000);
    } catch {
      assert.fail(`no clean frame at 100 columns; the screen:\n${last}`);
    }
    for (const row of last.split('\n')) assert.ok(row.length <= 100, `a row within 100 columns: ${row}`);
  } finally {
    s.dispose();
  }
});

test("what is written to stderr during the dashboard (Node's FORCE_COLOR/NO_COLOR warning) stays off the screen and is printed after exit", async () => {
  const s = start(['-n', '1000000'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
  try {
    const screen = await s.waitFor(/\d[\d,]*\/1,000,000[\s\S]*q quit/);
    assert.doesNotMatch(screen, /Warning/);
    assert.match(screen.split('\n')[0] ?? '', /^init-tui /);
    s.press('q');
    await withTimeout(s.exited, 10_000, 'the exit after q');
    assert.ok(s.normalScreen());
    assert.match(await s.screen(), /Warning: The 'NO_COLOR' env is ignored due to the 'FORCE_COLOR' env being set/);
  } finally {
    s.dispose();
  }
});

test('a redirected stderr receives no escape sequence from the dashboard, whatever ends it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-stderr-'));
  try {
    for (const how of ['q', 'SIGTERM'] as const) {
      const file = join(dir, `${how}.txt`);
      const s = start([], {
        command: { file: 'sh', args: ['-c', 'exec "$0" "$1" -n 1000000 2>"$2"', process.execPath, CLI, file] },
      });
      try {
        await s.waitFor(/q quit/);
        if (how === 'q') s.press('q');
        else s.kill('SIGTERM');
        await withTimeout(s.exited, 10_000, `the exit after ${how}`);
        const text = readFileSync(file, 'utf8');
        assert.doesNotMatch(text, /\u001B/, `${how}: no escape sequence in ${JSON.stringify(text)}`);
      } finally {
        s.dispose();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
