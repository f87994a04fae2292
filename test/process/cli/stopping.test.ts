import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI, startBinary } from '../../support/binary.ts';
import { requirePty, unavailable } from '../../support/pty.ts';
import { sleep, waitFor, withTimeout } from '../../support/wait.ts';

test('--json or plain text into a full disk (>/dev/full): exit 1, one line on stderr, no stack trace', () => {
  for (const args of [['--json'], []]) {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [CLI, ...args, '-n', '50', '--schemes', 'he'], {
        encoding: 'utf8',
        stdio: ['ignore', full, 'pipe'],
        timeout: 60_000,
      });
      assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stderr, 'init-tui: cannot write to standard output: no space left on the device\n');
    } finally {
      closeSync(full);
    }
  }
});

test('SIGTERM during a large --json sweep exits 143 within about a second, printing nothing', async (t) => {
  const schemes = Array.from({ length: 300 }, (_, i) => `scale:${((i + 1) / 100).toFixed(2)}`).join(',');
  for (const [what, args] of [
    ['1000 seeds', ['--json', '--seeds', '1000', '-n', '20000']],
    ['300 scale:K schemes', ['--json', '--schemes', schemes]],
    ['1000 seeds on 64 threads', ['--json', '--seeds', '1000', '-n', '20000', '--threads', '64']],
  ] as const) {
    // Two moments once the stop handlers are in place: at once (the pool still starting its
    // threads, the first models queued) and well into the sweep. These sleeps pick the phase;
    // readiness is the ready line, never a guessed delay.
    for (const after of [0, 1200]) {
      const p = startBinary([...args]);
      await p.ready();
      await sleep(after);
      const sent = performance.now();
      p.child.kill('SIGTERM');
      const e = await withTimeout(p.exited, 20_000, `${what}: the exit after SIGTERM`);
      const ms = e.at - sent;
      t.diagnostic(`${what}, SIGTERM ${after} ms after ready: exit ${e.status} in ${ms.toFixed(0)} ms`);
      assert.equal(e.status, 143, `${what}: ${p.stderr()}`);
      assert.equal(p.stdout(), '', `${what}: nothing on stdout`);
      assert.equal(p.stderr(), '', `${what}: nothing on stderr`);
      assert.ok(ms < 2000, `${what}: exited ${ms.toFixed(0)} ms after SIGTERM`);
    }
  }
});

test('a signal during --json or plain text prints no result and writes no --out, even with --force over a good file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-'));
  try {
    const file = join(dir, 'good.json');
    for (const [signal, status] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
      ['SIGHUP', 129],
    ] as const) {
      for (const json of [true, false]) {
        writeFileSync(file, '{"good": true}\n');
        const p = startBinary([...(json ? ['--json'] : []), '-n', '400000', '--out', file, '--force']);
        // Plain text: the progress lines show training under way; --json prints nothing until
        // the end, so it waits for the ready line (the stop handlers are installed) instead.
        if (json) await p.ready();
        else await p.printed(/Cost after iteration 1000:/);
        p.child.kill(signal);
        const e = await withTimeout(p.exited, 20_000, `the exit after ${signal}`);
        const mode = json ? '--json' : 'plain';
        assert.equal(e.status, status, `${mode} ${signal}: ${p.stderr()}`);
        assert.equal(p.stderr(), '', `${mode} ${signal}: nothing on stderr`);
        if (json) assert.equal(p.stdout(), '', `${mode} ${signal}: no document`);
        else assert.doesNotMatch(p.stdout(), /scheme\s+train\s+test|cancelled/, `${mode} ${signal}: no table`);
        assert.equal(readFileSync(file, 'utf8'), '{"good": true}\n', `${mode} ${signal}: --out untouched`);
        assert.deepEqual(readdirSync(dir), ['good.json']);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Plain text in a pseudo-terminal (TERM=dumb); the terminal is closed once progress shows. */
async function closeTerminalUnder(argv: string[], statusFile?: string): Promise<{ exitCode: number; signal?: number }> {
  const p = requirePty().spawn(argv[0]!, argv.slice(1), {
    name: 'dumb',
    cols: 100,
    rows: 30,
    env: { ...process.env, TERM: 'dumb', CI: 'false' } as Record<string, string>,
  });
  let screen = '';
  p.onData((d) => (screen += d));
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => p.onExit(resolve));
  try {
    await waitFor(() => /Cost after iteration 2:/.test(screen), { what: () => `progress; screen: ${screen.slice(-300)}` });
    // Closing the master side is what closing a terminal window does: SIGHUP, then EIO on every write.
    (p as unknown as { destroy(): void }).destroy();
    const e = await withTimeout(exited, 20_000, 'the exit after the terminal closed');
    if (statusFile === undefined) return e;
    await waitFor(() => readFileSync(statusFile, 'utf8') !== '', { what: 'the status file' });
    return JSON.parse(readFileSync(statusFile, 'utf8')) as { exitCode: number; signal?: number };
  } finally {
    try {
      p.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

test('closing the terminal in plain mode ends with status 129, no crash (SIGHUP, then EIO)', { skip: unavailable }, async () => {
  // Once an uncaught "write EIO", then Node's own abort (SIGABRT) restoring the dead terminal.
  const e = await closeTerminalUnder([process.execPath, CLI, '-n', '3000000', '--every', '1', '--schemes', 'he']);
  assert.deepEqual({ exitCode: e.exitCode, signal: e.signal ?? 0 }, { exitCode: 129, signal: 0 });
});

test('a terminal that hangs up without a SIGHUP (EIO on stdout alone) also ends with status 129', { skip: unavailable }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-'));
  try {
    const statusFile = join(dir, 'status.json');
    writeFileSync(statusFile, '');
    // A parent that ignores SIGHUP starts init-tui in a session of its own: the hangup
    // signals only the parent; init-tui just finds that its writes fail with EIO.
    const parent = `
      process.on('SIGHUP', () => {});
      const c = require('node:child_process').spawn(process.execPath, ${JSON.stringify([CLI, '-n', '3000000', '--every', '1', '--schemes', 'he'])}, { stdio: 'inherit', detached: true });
      c.on('exit', (exitCode, signal) => require('node:fs').writeFileSync(${JSON.stringify(statusFile)}, JSON.stringify({ exitCode, signal: signal ?? 0 })));`;
    const e = await closeTerminalUnder([process.execPath, '-e', parent], statusFile);
    assert.deepEqual(e, { exitCode: 129, signal: 0 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
