import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readDataFile } from '../../src/cli/data-files.ts';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

function run(args: string[], opts: { cwd?: string; timeout?: number } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8', cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: opts.timeout ?? 60_000, maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

function assertRefused(r: ReturnType<typeof run>, pattern: RegExp): void {
  assert.equal(r.status, 2, `${r.signal ?? ''} ${r.stderr.slice(0, 300)}`);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, 'one line');
  assert.ok(r.stderr.length < 300, `short: ${r.stderr.length} characters`);
  assert.match(r.stderr, pattern);
}

function withDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('--data refuses a device, a FIFO and a directory before reading a byte', () => {
  withDir((dir) => {
    const t0 = Date.now();
    // /dev/zero once grew the process past 15 GB.
    assertRefused(run(['--json', '--data', '/dev/zero'], { timeout: 20_000 }), /^init-tui: --data: cannot read \/dev\/zero: it is a character device, not a regular file\n$/);
    writeFileSync(join(dir, 'x.csv'), 'x1,x2,label\n0,0,0\n1,1,1\n');
    assertRefused(run(['--json', '--data', 'x.csv', '--test-data', '/dev/null'], { cwd: dir }), /--test-data: cannot read \/dev\/null: it is a character device/);
    const fifo = join(dir, 'pipe.csv');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
    // Opening a FIFO for reading would wait for a writer forever.
    assertRefused(run(['--json', '--data', fifo], { timeout: 20_000 }), /--data: cannot read .*pipe\.csv: it is a FIFO \(named pipe\), not a regular file/);
    assertRefused(run(['--json', '--data', dir]), /--data: cannot read .*: it is a directory/);
    assert.ok(Date.now() - t0 < 15_000, `refused at once (${Date.now() - t0} ms)`);
  });
});

test('--data refuses a file over 64 MiB by its size, before reading it', () => {
  withDir((dir) => {
    // A 300 MB file of NUL bytes once ended in "Invalid string length" after 26 s.
    const nul = join(dir, 'zeros.csv');
    writeFileSync(nul, '');
    truncateSync(nul, 300 * 1024 * 1024);
    const t0 = Date.now();
    assertRefused(run(['--json', '--data', nul]), /--data: .*zeros\.csv is 300 MiB; a data file may hold at most 64 MiB\n$/);
    truncateSync(nul, 64 * 1024 * 1024 + 1);
    writeFileSync(join(dir, 'x.csv'), 'x1,x2,label\n0,0,0\n1,1,1\n');
    assertRefused(run(['--json', '--data', 'x.csv', '--test-data', nul], { cwd: dir }), /--test-data: .*zeros\.csv is over 64 MiB; a data file may hold at most 64 MiB/);
    assert.ok(Date.now() - t0 < 5000, `refused unread (${Date.now() - t0} ms)`);
  });
});

test('the data reader reads a file up to its limit, one that stat calls empty, and refuses one byte more', () => {
  withDir((dir) => {
    const f = join(dir, 'd.csv');
    writeFileSync(f, 'a'.repeat(100));
    assert.deepEqual(readDataFile('--data', f, 100), { text: 'a'.repeat(100) });
    writeFileSync(f, 'a'.repeat(101));
    assert.match(readDataFile('--data', f, 100) as string, /d\.csv is over 1 KiB|d\.csv is 1 KiB/);
    // /proc files have a size of 0 and still hold text: read to the end, not to the size.
    const proc = readDataFile('--data', '/proc/self/status');
    assert.ok(typeof proc !== 'string' && proc.text.includes('Name:'), 'read past a zero stat size');
    const big = readDataFile('--data', '/proc/self/status', 10);
    assert.match(big as string, /status is over 1 KiB; a data file may hold at most 1 KiB/);
    assert.match(readDataFile('--data', join(dir, 'none.csv')) as string, /cannot read .*none\.csv: no such file/);
  });
});
