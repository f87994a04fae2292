import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from '../support/pty.ts';
import { sleep, waitFor, withTimeout } from '../support/wait.ts';
import { CLI, KEYS, start, type Session } from './pty-harness.ts';

/** The processes whose command line mentions init-tui's entry, in a process group (or all). */
function programs(pgid?: number): { pid: number; ppid: number; pgid: number; state: string; args: string }[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,pgid=,stat=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(l))
    .flatMap((m) => (m ? [{ pid: Number(m[1]), ppid: Number(m[2]), pgid: Number(m[3]), state: m[4]!, args: m[5]! }] : []))
    .filter((p) => (pgid === undefined || p.pgid === pgid) && /init-tui|dist\/cli\.js/.test(p.args) && !/\bps\b/.test(p.args));
}

/** A shell in the pseudo-terminal, with a prompt we can see, running `npx init-tui`. */
async function npxInShell(): Promise<{ s: Session; npm: number; node: number; pgid: number }> {
  const s = start([], { command: { file: 'bash', args: ['--norc', '--noprofile', '-i'] }, env: { PS1: 'PROMPT$ ' }, cols: 100, rows: 30 });
  await s.waitFor(/PROMPT\$/);
  s.press('npx --offline init-tui -n 1000000\r');
  await s.waitFor(/Loss \(linear\)/, 30_000);
  const npm = programs().find((p) => p.ppid === s.pid && /npm exec/.test(p.args));
  const node = programs(npm?.pgid).find((p) => /^\S*node\s/.test(p.args));
  assert.ok(npm && node, `npm and node found: ${JSON.stringify(programs())}`);
  return { s, npm: npm.pid, node: node.pid, pgid: npm.pgid };
}

/** Waits until `pid` is no longer listed; `ms` is the bound the test promises, not a guess. */
async function gone(pid: number, ms: number): Promise<void> {
  await waitFor(() => !programs().some((p) => p.pid === pid), { timeout: ms, interval: 50, what: `process ${pid} to end` });
}

test('SIGTERM to the whole npx job: the terminal is back at once, with the shell prompt on it', async () => {
  const { s, node, pgid } = await npxInShell();
  try {
    process.kill(-pgid, 'SIGTERM');
    await gone(node, 2000);
    // The shell and init-tui race to the screen: either the prompt is back on it, or, where the
    // shell drew it on the screen init-tui was leaving, a line says what happened. Never a blank.
    const screen = await s.waitFor(/PROMPT\$ npx --offline init-tui[^\n]*\n(Terminated\n)?(PROMPT\$ \s*$|.*init-tui: stopped: )/, 5000);
    assert.ok(s.normalScreen(), `the normal screen:\n${screen}`);
    assert.ok(s.cursorVisible());
  } finally {
    s.dispose();
  }
});

test('SIGTERM to the npm parent alone: init-tui does not stay behind in a terminal it no longer owns', async () => {
  const { s, npm, node } = await npxInShell();
  try {
    process.kill(npm, 'SIGTERM');
    await gone(node, 3000);
    const screen = await s.screen();
    assert.ok(s.normalScreen(), `the normal screen:\n${screen}`);
    assert.ok(s.cursorVisible());
    assert.ok(!/\u001B\[\?1049h[^]*$/.test(s.raw().slice(s.raw().lastIndexOf('\u001B[?1049l'))), 'not back on the alternate screen');
  } finally {
    s.dispose();
  }
});

test('closing the terminal (SIGHUP, then EIO on every write) ends by SIGHUP (status 129), never an abort', async () => {
  const s = start(['-n', '1000000']);
  try {
    await s.waitFor(/q quit/);
    s.hangUp();
    const exit = await withTimeout(s.exited, 5000, 'exit after the terminal closed');
    // Ended by the hangup signal itself, as a shell reports it: 128 + 1. Not SIGABRT (6) or SIGSEGV (11).
    assert.deepEqual(exit, { exitCode: 0, signal: 1 });
  } finally {
    s.dispose();
  }
});

/** The state letter of a process (R running, S sleeping, T stopped). */
function stateOf(pid: number): string {
  return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '')[0] ?? '?';
}

/** Whether the terminal of `pid` echoes and is canonical (raw mode off). */
function cooked(pid: number): boolean {
  const tty = execFileSync('readlink', [`/proc/${pid}/fd/0`], { encoding: 'utf8' }).trim();
  const modes = execFileSync('stty', ['-a', '-F', tty], { encoding: 'utf8' });
  return /(^|\s)icanon(\s|$)/.test(modes) && /(^|\s)echo(\s|$)/.test(modes);
}

test('Ctrl-Z gives the terminal back (normal screen, cursor, raw mode off); SIGCONT takes it again and keys work', async () => {
  const s = start(['-n', '1000000']);
  try {
    await s.waitFor(/q quit/);
    s.press('\u001A'); // Ctrl-Z
    await waitFor(() => stateOf(s.pid) === 'T', { timeout: 10_000, interval: 50, what: 'the process stopped (state T)' });
    // It gave the terminal back before it stopped; its last bytes may still be on their way
    // to us: wait for them on the screen, not for a time.
    await waitFor(async () => (await s.screen(), s.normalScreen() && s.cursorVisible()), {
      timeout: 5000,
      what: 'the normal screen and the cursor while stopped',
    });
    assert.ok(cooked(s.pid), 'the terminal is cooked again while stopped');
    process.kill(s.pid, 'SIGCONT');
    await s.waitFor(/q quit/);
    assert.ok(!s.normalScreen(), 'back on the alternate screen');
    assert.ok(!cooked(s.pid), 'raw mode again');
    s.press('j');
    await s.waitFor(/❯\s+2 random/, 3000);
    s.kill('SIGTSTP'); // the signal, not the key: the same way out
    await waitFor(() => stateOf(s.pid) === 'T', { timeout: 10_000, interval: 50, what: 'the process stopped by SIGTSTP' });
    await waitFor(async () => (await s.screen(), s.normalScreen()), { timeout: 5000, what: 'the normal screen after SIGTSTP' });
    assert.ok(cooked(s.pid), 'SIGTSTP gives the terminal back too');
    process.kill(s.pid, 'SIGCONT');
    await s.waitFor(/q quit/);
    s.press('q');
    const exit = await withTimeout(s.exited, 5000, 'q after fg');
    assert.equal(exit.exitCode, 0);
    assert.ok(s.normalScreen() && s.cursorVisible());
  } finally {
    s.dispose();
  }
});

test('q while a large race is starting exits within two seconds', async () => {
  const s = start(['--seeds', '1000', '--threads', '64', '-n', '100000']);
  try {
    await s.waitFor(/q quit/, 20_000);
    const t0 = Date.now();
    s.press('q');
    const exit = await withTimeout(s.exited, 5000, 'exit after q');
    assert.equal(exit.exitCode, 0);
    assert.ok(Date.now() - t0 < 2000, `took ${Date.now() - t0} ms`);
    assert.ok(s.normalScreen() && s.cursorVisible());
  } finally {
    s.dispose();
  }
});

test('Ctrl+F1…F4, Shift-F1, F5, a mouse report and Alt-q do nothing: no crash, no selection, no quit', async () => {
  const s = start(['-n', '1000000']);
  try {
    await s.waitFor(/❯\s+1 zeros/);
    for (const seq of [
      '\u001B[1;5P',
      '\u001B[1;5Q',
      '\u001B[1;5R',
      '\u001B[1;5S',
      '\u001B[1;2P',
      '\u001B[15~',
      '\u001B[M 3#',
      '\u001B[<0;3;2M',
      '\u001Bq',
    ]) {
      s.press(seq);
      // The gap is the point: each sequence in a read of its own (below, all in one).
      await sleep(80);
    }
    // All in one write as well.
    s.press('\u001B[1;5P\u001B[1;2P\u001B[M 2!\u001Bq');
    // Keys are read in order: once ↓, sent last, has moved the selection one place from
    // zeros, everything before it has been read, and it moved nothing, quit nothing.
    s.press(KEYS.down);
    const screen = await s.waitFor(/❯\s+(2 random|3 he)/);
    assert.match(screen, /❯\s+2 random/, 'the selection moved by the ↓ alone');
    assert.match(screen, /racing/);
    s.press('q');
    const exit = await withTimeout(s.exited, 5000, 'exit after q');
    assert.equal(exit.exitCode, 0);
    assert.doesNotMatch(s.raw(), /TypeError|at .*\.js:\d+/, 'no stack trace');
  } finally {
    s.dispose();
  }
});

test('CI=true in a real terminal still draws the race as it happens', async () => {
  const s = start(['-n', '1000000'], { env: { CI: 'true' } });
  try {
    await s.waitFor(/racing · pace[\s\S]*Loss/, 10_000);
    s.press(KEYS.down);
    await s.waitFor(/❯\s+2 random/);
    s.press('q');
    assert.equal((await withTimeout(s.exited, 5000, 'exit')).exitCode, 0);
  } finally {
    s.dispose();
  }
});

test('TERM=xterm-mono gets no colour (highlights stay); LANG=C gets plain ASCII', async () => {
  const mono = start(['--pace', 'max', '-n', '2000'], { env: { TERM: 'xterm-mono' } });
  try {
    await mono.waitFor(/finished/, 30_000);
    mono.press('q');
    await withTimeout(mono.exited, 5000, 'exit');
    const colours = mono.raw().match(/\u001B\[[\d;]*(3\d|4\d|9\d|10\d)(;[\d;]*)?m/g) ?? [];
    assert.deepEqual(colours, [], 'no colour code');
  } finally {
    mono.dispose();
  }
  const ascii = start(['--pace', 'max', '-n', '2000'], { env: { LANG: 'C', LC_ALL: '', LC_CTYPE: '' } });
  try {
    const screen = await ascii.waitFor(/finished[\s\S]*he\s+\d+\.\d%/, 30_000);
    assert.match(screen, /\+-+\+/, 'ASCII frames');
    ascii.press('q');
    await withTimeout(ascii.exited, 5000, 'exit');
    const nonAscii = [...new Set(ascii.raw().match(/[^\x00-\x7f]/gu) ?? [])];
    assert.deepEqual(nonAscii, [], 'nothing but ASCII on the screen');
  } finally {
    ascii.dispose();
  }
});

test('npm killed with SIGKILL (sh stays, bash takes the terminal back): init-tui stops within two seconds', async () => {
  const { s, npm, node } = await npxInShell();
  try {
    process.kill(npm, 'SIGKILL');
    await gone(node, 3000);
    assert.ok(s.normalScreen(), `the normal screen:\n${await s.screen()}`);
    assert.ok(s.cursorVisible());
  } finally {
    s.dispose();
  }
});

test("kill %1 on a suspended dashboard ends it (SIGTERM, then the shell's SIGCONT), without taking the terminal back", async () => {
  const s = start([], { command: { file: 'bash', args: ['--norc', '--noprofile', '-i'] }, env: { PS1: 'PROMPT$ ' }, cols: 100, rows: 30 });
  try {
    await s.waitFor(/PROMPT\$/);
    s.press(`${process.execPath} ${CLI} -n 1000000\r`);
    await s.waitFor(/Loss \(linear\)/, 20_000);
    const node = programs().find((p) => p.ppid === s.pid);
    assert.ok(node, 'the dashboard runs');
    s.press('\u001A');
    await s.waitFor(/Stopped/, 5000);
    s.press('kill %1\r');
    await gone(node.pid, 3000);
    const screen = await s.screen();
    assert.ok(s.normalScreen(), `still on the normal screen:\n${screen}`);
    assert.doesNotMatch(screen, /Stopped \(tty output\)/);
  } finally {
    s.dispose();
  }
});

test('a signal at any moment of the start gives the terminal back: never left on the alternate screen', async () => {
  for (const delay of [40, 90, 140, 190, 240, 300]) {
    const s = start(['-n', '1000000']);
    try {
      // The delays are the point: signals at spread moments of the start, whatever phase
      // each lands in (both outcomes below are checked); none waits for readiness.
      await sleep(delay);
      s.kill('SIGTERM');
      const exit = await withTimeout(s.exited, 5000, `exit after SIGTERM at ${delay} ms`);
      const enteredAlt = s.raw().includes('\u001B[?1049h');
      // Killed before it touched the terminal (nothing to give back), or stopped by its handler: 143, restored.
      if (enteredAlt) {
        assert.deepEqual(exit, { exitCode: 143, signal: 0 }, `at ${delay} ms`);
        assert.ok(s.normalScreen() && s.cursorVisible(), `restored at ${delay} ms`);
      } else assert.ok(exit.signal === 15 || exit.exitCode === 143, `at ${delay} ms: ${JSON.stringify(exit)}`);
    } finally {
      s.dispose();
    }
  }
});
