import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readDataFile } from '../../../src/cli/data-files.ts';
import { outFileWriter, writeFileAtomic } from '../../../src/cli/out-file.ts';

const CLI = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));

function run(args: string[], opts: { cwd?: string; timeout?: number } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    cwd: opts.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: opts.timeout ?? 60_000,
    maxBuffer: 64 * 1024 * 1024,
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
    assertRefused(
      run(['--json', '--data', '/dev/zero'], { timeout: 20_000 }),
      /^init-tui: --data: cannot read \/dev\/zero: it is a character device, not a regular file\n$/,
    );
    writeFileSync(join(dir, 'x.csv'), 'x1,x2,label\n0,0,0\n1,1,1\n');
    assertRefused(
      run(['--json', '--data', 'x.csv', '--test-data', '/dev/null'], { cwd: dir }),
      /--test-data: cannot read \/dev\/null: it is a character device/,
    );
    const fifo = join(dir, 'pipe.csv');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
    // Opening a FIFO for reading would wait for a writer forever.
    assertRefused(
      run(['--json', '--data', fifo], { timeout: 20_000 }),
      /--data: cannot read .*pipe\.csv: it is a FIFO \(named pipe\), not a regular file/,
    );
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
    assertRefused(
      run(['--json', '--data', 'x.csv', '--test-data', nul], { cwd: dir }),
      /--test-data: .*zeros\.csv is over 64 MiB; a data file may hold at most 64 MiB/,
    );
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

/** A fresh 8 KB tmpfs for the test, or undefined when mounting is not permitted here. */
function tinyDisk(): { dir: string; unmount: () => void } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-tmpfs-'));
  const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8k', 'tmpfs', dir], { encoding: 'utf8' });
  if (m.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  return {
    dir,
    unmount: () => {
      spawnSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const canMount = (() => {
  const d = tinyDisk();
  d?.unmount();
  return d !== undefined;
})();

test(
  '--out on a full disk: exit 1, one line naming --out and the reason, the target untouched, no temporary file',
  { skip: canMount ? false : 'mounting a tmpfs is not permitted here (needs root)' },
  () => {
    const disk = tinyDisk()!;
    try {
      const file = join(disk.dir, 'r.json');
      // ~90 KB of JSON onto 8 KB: the write comes up short, then fails with ENOSPC.
      const r = run(['--json', '-n', '2000', '--every', '1', '--schemes', 'he', '--out', file]);
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stderr, `init-tui: --out: could not write ${file}: no space left on the device\n`);
      assert.equal((JSON.parse(r.stdout) as { runs: unknown[] }).runs.length, 1, 'stdout still gets the whole document');
      assert.deepEqual(readdirSync(disk.dir), [], 'no file, not even a temporary one');

      // With --force over a good file: the good file stays as it was.
      writeFileSync(file, '{"good": true}\n');
      const forced = run(['--json', '-n', '2000', '--every', '1', '--schemes', 'he', '--out', file, '--force']);
      assert.equal(forced.status, 1, forced.stderr);
      assert.match(forced.stderr, /^init-tui: --out: could not write .*r\.json: no space left on the device\n$/);
      assert.equal(readFileSync(file, 'utf8'), '{"good": true}\n');
      assert.deepEqual(readdirSync(disk.dir), ['r.json']);
    } finally {
      disk.unmount();
    }
  },
);

test('--out refuses a device, a FIFO, a name ending in / and -, before training, even with --force', (t) => {
  withDir((dir) => {
    // A private copy of /dev/null (never the real one: a broken build would replace it for everyone).
    const nul = join(dir, 'null');
    if (spawnSync('mknod', ['-m', '666', nul, 'c', '1', '3']).status === 0) {
      assertRefused(
        run(['--json', '--out', nul, '--force']),
        /^init-tui: --out: .*\/null is a character device, not a regular file; give a file name\n$/,
      );
      assertRefused(run(['--json', '--out', nul]), /\/null is a character device/);
      assert.ok(statSync(nul).isCharacterDevice(), 'the device is still a device');
      rmSync(nul);
    } else {
      t.diagnostic('mknod is not permitted here: the FIFO below stands for every non-regular file');
    }
    const fifo = join(dir, 'fifo');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    assertRefused(
      run(['--json', '--out', fifo, '--force'], { timeout: 20_000 }),
      /--out: .*fifo is a FIFO \(named pipe\), not a regular file/,
    );
    // "new/" once wrote a file named "new".
    assertRefused(
      run(['--json', '--out', 'new/'], { cwd: dir }),
      /^init-tui: --out: new\/ ends with "\/", which names a folder; give a file name\n$/,
    );
    assertRefused(run(['--json', '--out', '-']), /^init-tui: --out -: standard output is not a file/);
    assert.deepEqual(readdirSync(dir), ['fifo'], 'nothing created');
  });
});

/** Runs plain mode with --out and calls `during` once the program has printed its first line (past the start-up checks). */
async function raceThen(args: string[], during: () => void): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let called = false;
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    if (!called) {
      called = true;
      during();
    }
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const [status] = (await once(child, 'exit')) as [number | null];
  return { status, stdout, stderr };
}

test('without --force, a file created while the race runs is kept and the run exits 1; with --force it is replaced', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-'));
  try {
    const file = join(dir, 'r.json');
    const kept = await raceThen(['-n', '20000', '--schemes', 'he', '--out', file], () => writeFileSync(file, 'precious\n'));
    assert.equal(kept.status, 1, kept.stderr);
    assert.equal(
      kept.stderr,
      `init-tui: --out: could not write ${file}: a file of that name appeared meanwhile; add --force to overwrite it\n`,
    );
    assert.equal(readFileSync(file, 'utf8'), 'precious\n');
    assert.deepEqual(readdirSync(dir), ['r.json'], 'no temporary file left');

    rmSync(file);
    const replaced = await raceThen(['-n', '20000', '--schemes', 'he', '--out', file, '--force'], () => writeFileSync(file, 'old\n'));
    assert.equal(replaced.status, 0, replaced.stderr);
    assert.equal((JSON.parse(readFileSync(file, 'utf8')) as { runs: unknown[] }).runs.length, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the file writer writes a document of many chunks whole, and never replaces a file without being told to', () => {
  withDir((dir) => {
    const file = join(dir, 'doc.txt');
    const chunks = Array.from({ length: 1000 }, (_, i) => `${i}:${'x'.repeat(1000)}\n`);
    writeFileAtomic(file, chunks, { replace: false });
    assert.equal(readFileSync(file, 'utf8'), chunks.join(''));
    assert.throws(() => writeFileAtomic(file, 'other', { replace: false }), /a file of that name appeared meanwhile/);
    assert.equal(readFileSync(file, 'utf8'), chunks.join(''));
    writeFileAtomic(file, 'other', { replace: true });
    assert.equal(readFileSync(file, 'utf8'), 'other');
    // One run's writer may replace what it wrote itself (the dashboard's export after --out), nothing else.
    const write = outFileWriter(false);
    const mine = join(dir, 'mine.json');
    write(mine, 'one');
    write(mine, 'two');
    assert.equal(readFileSync(mine, 'utf8'), 'two');
    rmSync(mine);
    writeFileSync(mine, 'someone else');
    assert.throws(() => write(mine, 'three'), /appeared meanwhile/);
    assert.equal(readFileSync(mine, 'utf8'), 'someone else');
    assert.deepEqual(readdirSync(dir).sort(), ['doc.txt', 'mine.json']);
  });
});

test('--out through a symbolic link writes the file it points to; the link stays a link', () => {
  withDir((dir) => {
    writeFileSync(join(dir, 'real.json'), 'old\n');
    symlinkSync('real.json', join(dir, 'link.json'));
    const refused = run(['--json', '-n', '2', '--out', 'link.json'], { cwd: dir });
    assertRefused(refused, /--out: link\.json already exists; add --force to overwrite it/);
    const r = run(['--json', '-n', '2', '--out', 'link.json', '--force'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(lstatSync(join(dir, 'link.json')).isSymbolicLink(), 'still a link');
    assert.equal(JSON.parse(readFileSync(join(dir, 'real.json'), 'utf8')).config.iterations, 2, 'the file it points to holds the document');
  });
});
