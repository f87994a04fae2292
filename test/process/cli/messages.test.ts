import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseCommandLine } from '../../../src/cli/argv.ts';

const CLI = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));

function run(args: string[], cwd?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** One short line on stderr, nothing on stdout, exit 2. */
function assertShortRefusal(r: ReturnType<typeof run>, pattern: RegExp): void {
  assert.equal(r.status, 2, r.stderr.slice(0, 300));
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, 'one line');
  assert.ok(r.stderr.length < 400, `a short line, not ${r.stderr.length} characters`);
  assert.match(r.stderr, pattern);
}

// A single argument may hold up to 128 KiB (MAX_ARG_STRLEN, with its NUL).
const HUGE = 131_000;

test('a 128 KB option value is quoted short in the error line, with its length', () => {
  for (const option of ['--seed', '--schemes', '--layers', '--dataset', '--kernel', '--lr']) {
    assertShortRefusal(run(['--json', option, 'x'.repeat(HUGE)]), new RegExp(`^init-tui: ${option}.*"x{60}"… \\(131,000 characters\\)`));
  }
  assertShortRefusal(run(['--json', '--schemes', `he,${'y'.repeat(HUGE - 10)}`]), /unknown scheme "y{60}"… \(130,990 characters\)/);
  assertShortRefusal(run(['--json', '--out', ' '.repeat(HUGE)]), /--out expects a file name, got " {60}"… \(131,000 characters\)/);
});

test('a long almost-number is refused at once: checking a number takes linear time', () => {
  // "777…7x" once made the number pattern backtrack quadratically (over a minute for 128 KB).
  const t0 = Date.now();
  assertShortRefusal(run(['--json', '--seed', `${'7'.repeat(HUGE)}x`]), /--seed expects an integer .*"7{60}"… \(131,001 characters\)/);
  assertShortRefusal(run(['--json', '--lr', `${'7'.repeat(HUGE)}x`]), /--lr expects a finite number/);
  assertShortRefusal(run(['--json', '--schemes', `scale:${'7'.repeat(HUGE)}x`]), /unknown scheme "scale:7{54}"…/);
  assert.ok(Date.now() - t0 < 10_000, `took ${Date.now() - t0} ms`);
});

test('an unknown option or a stray argument of 128 KB is named short too', () => {
  assertShortRefusal(run([`--${'z'.repeat(HUGE)}`]), /unknown option --z{58}… \(131,002 characters\)/);
  assertShortRefusal(run(['w'.repeat(HUGE)]), /unexpected argument w{60}… \(131,000 characters\)/);
  const p = parseCommandLine(['--seed', `1\n${'9'.repeat(100)}`]);
  assert.equal(p.kind, 'error');
  if (p.kind === 'error') assert.ok(!p.message.includes('\n') && p.message.length < 250, p.message);
});

test('a data file with a 10 MB line is refused with that line quoted short, not whole', () => {
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-'));
  try {
    writeFileSync(join(dir, 'header.csv'), `${'h'.repeat(10_000_000)}\n1,2,0\n`);
    writeFileSync(join(dir, 'cell.csv'), `x1,x2,label\n0.1,0.2,1\n${'7'.repeat(5_000_000)}x,0.2,1\n`);
    writeFileSync(join(dir, 'label.csv'), `x1,x2,label\n0.1,0.2,${'2'.repeat(5_000_000)}\n`);
    assertShortRefusal(
      run(['--json', '--data', 'header.csv'], dir),
      /header\.csv line 1: expected the header x1,x2,label, got "h{60}"… \(10,000,000 characters\)/,
    );
    assertShortRefusal(
      run(['--json', '--data', 'cell.csv'], dir),
      /cell\.csv line 3: x1 is not a finite number: "7{60}"… \(5,000,001 characters\)/,
    );
    assertShortRefusal(
      run(['--json', '--data', 'label.csv'], dir),
      /label\.csv line 2: label must be 0 or 1, got "2{60}"… \(5,000,000 characters\)/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
