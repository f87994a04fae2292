import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseCommandLine } from '../../../src/cli/argv.ts';

const CLI = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));

function run(args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
    cwd: opts.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function assertUsageError(r: ReturnType<typeof run>, pattern: RegExp): void {
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, pattern);
}

// Every option × every kind of bad value, through the real binary: exit 2, one line, nothing on stdout.
const NUMERIC: Record<string, 'int' | 'positive'> = {
  '--iterations': 'int',
  '-n': 'int',
  '--seed': 'int',
  '--every': 'int',
  '--threads': 'int',
  '--learning-rate': 'positive',
  '--lr': 'positive',
};
const BAD_VALUES: [string, string, ('int' | 'positive')[]][] = [
  ['empty', '', ['int', 'positive']],
  ['not a number', 'abc', ['int', 'positive']],
  ['fractional', '2.5', ['int']],
  ['zero', '0', ['int', 'positive']],
  ['negative', '-3', ['int', 'positive']],
  ['too large', '1e20', ['int']],
  ['NaN', 'NaN', ['int', 'positive']],
  ['Infinity', 'Infinity', ['int', 'positive']],
  ['hexadecimal', '0x10', ['int', 'positive']],
];
let tried = 0;
for (const [option, kind] of Object.entries(NUMERIC)) {
  for (const [what, value, kinds] of BAD_VALUES) {
    if (!kinds.includes(kind)) continue;
    // --seed 0 is valid, and so is --every/--threads... only where 0 is out of range.
    if (option === '--seed' && value === '0') continue;
    tried++;
    test(`${option} with a ${what} value is refused with exit 2 and one line naming it`, () => {
      const long = option === '-n' ? '--iterations' : option;
      assertUsageError(run(['--json', option, value]), new RegExp(`^init-tui: ${long.replace(/-/g, '\\-')} (expects|needs)`));
    });
  }
}

const OTHER_BAD: [string, string[], RegExp][] = [
  ['a missing value at the end', ['--json', '--seed'], /--seed needs a value/],
  ['an unknown scheme', ['--schemes', 'zeros,magic'], /--schemes: unknown scheme "magic"/],
  ['a duplicate scheme', ['--schemes', 'he,zeros,he'], /--schemes lists "he" twice/],
  ['an empty scheme list', ['--schemes', ''], /--schemes expects/],
  ['an unknown option', ['--colour'], /unknown option --colour/],
  ['an option given twice', ['-n', '5', '--iterations', '6'], /--iterations is given more than once/],
  ['a stray positional argument', ['he'], /unexpected argument he/],
  ['a value on a flag', ['--json=1'], /--json takes no value/],
  ['an unknown kernel', ['--kernel', 'gpu'], /--kernel expects one of/],
  ['an empty --out', ['--out', ''], /--out expects a file name/],
];
for (const [what, args, pattern] of OTHER_BAD) {
  tried++;
  test(`${what} is refused with exit 2 and one line`, () => assertUsageError(run(args), pattern));
}

test(`(${tried} bad inputs above; the parser property below tries hundreds more)`, () => {
  assert.ok(tried > 50);
});

const TOKENS = [
  '--schemes',
  '--iterations',
  '-n',
  '--learning-rate',
  '--lr',
  '--seed',
  '--every',
  '--threads',
  '--kernel',
  '--json',
  '--out',
  '--force',
  '--help',
  '--version',
  '-h',
  '-V',
  '--',
  '-',
  '--x',
  'he',
  'zeros,he',
  '1',
  '0',
  '-1',
  '2.5',
  '1e300',
  'NaN',
  '',
  ' ',
  '=',
  '--seed=',
  '--lr=-1',
  'auto',
  '💥',
  '\u0000',
];

test('property: any argument list parses to a result or a one-line error, never an exception', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })), { maxLength: 8 }), (argv) => {
      const p = parseCommandLine(argv);
      assert.ok(['run', 'help', 'version', 'error'].includes(p.kind));
      if (p.kind === 'error') {
        assert.ok(p.message.length > 0 && !p.message.includes('\n'), JSON.stringify(p.message));
        assert.doesNotMatch(p.message, /\n\s+at /);
      }
    }),
    { numRuns: 2000, seed: 20261129 },
  );
});

test('property: the binary, given random arguments, exits 0 or 2 and never prints a stack trace', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...TOKENS.filter((t) => t !== '--out' && t !== '\u0000')), { maxLength: 5 }), (argv) => {
      // Keep each run tiny: --json and 3 iterations first (a repeat of them is a usage error).
      const r = run(['--json', '-n', '3', ...argv]);
      assert.ok(r.status === 0 || r.status === 2, `exit ${r.status} for ${JSON.stringify(argv)}: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /\n\s+at |Error:/);
      if (r.status === 2) assert.equal(r.stdout, '');
    }),
    { numRuns: 25, seed: 7 },
  );
});

test('a learning rate so large that the costs overflow finishes normally with null costs', () => {
  const r = run(['--json', '--lr', '1e300', '-n', '200', '--every', '50', '--schemes', 'he,zeros']);
  assert.equal(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { runs: { costs: [number, number | null][]; trainAccuracy: number }[] };
  assert.deepEqual(
    doc.runs[0]!.costs.map(([, c]) => c === null),
    [false, true, true, true],
    'He diverges after iteration 0',
  );
  assert.equal(typeof doc.runs[0]!.trainAccuracy, 'number');
  assert.equal(doc.runs[1]!.costs.length, 4, 'zeros runs to the end too (its output bias swings between ±5e299)');
});

test('piped into head, --json and the plain mode exit quietly (no EPIPE trace)', () => {
  for (const args of ['--json', '-n 30000']) {
    const r = spawnSync(
      'bash',
      ['-c', `set -o pipefail; node ${JSON.stringify(CLI)} ${args} | head -c 100 >/dev/null; echo "status=\${PIPESTATUS[0]}"`],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    assert.match(r.stdout, /status=0/, `${args}: ${r.stdout} ${r.stderr}`);
    assert.equal(r.stderr, '', `${args}: nothing on stderr`);
  }
});

test('with no terminal at all (</dev/null >file) the plain mode writes the progress and the table', () => {
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-'));
  try {
    const out = join(dir, 'out.txt');
    const r = spawnSync('bash', ['-c', `node ${JSON.stringify(CLI)} -n 2000 </dev/null >${JSON.stringify(out)}`], {
      encoding: 'utf8',
      env: { ...process.env, CI: 'false' },
      timeout: 60_000,
    });
    assert.equal(r.status, 0, r.stderr);
    const text = readFileSync(out, 'utf8');
    assert.match(text, /he\s+Cost after iteration 1000: /);
    assert.match(text, /scheme\s+train\s+test/);
    assert.doesNotMatch(text, /\u001B/, 'no escape sequences in a file');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--out writes the JSON document whole, refuses a directory, a missing folder and an existing file without --force', () => {
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-'));
  try {
    const file = join(dir, 'result.json');
    const ok = run(['--json', '-n', '20', '--every', '10', '--out', file]);
    assert.equal(ok.status, 0, ok.stderr);
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), JSON.parse(ok.stdout));
    assert.deepEqual(readdirSync(dir), ['result.json'], 'no temporary file left behind');

    assertUsageError(run(['--json', '--out', file]), /--out: .*result\.json already exists; add --force/);
    const forced = run(['--json', '-n', '5', '--out', file, '--force']);
    assert.equal(forced.status, 0, forced.stderr);
    assert.equal((JSON.parse(readFileSync(file, 'utf8')) as { config: { iterations: number } }).config.iterations, 5);

    assertUsageError(run(['--json', '--out', dir]), /--out: .* is a directory/);
    assertUsageError(run(['--json', '--out', join(dir, 'nope', 'x.json')]), /--out: the folder .*nope does not exist/);
    writeFileSync(join(dir, 'plain'), 'x');
    assertUsageError(run(['--json', '--out', join(dir, 'plain', 'x.json')]), /--out: .*plain is not a folder/);
    assertUsageError(
      run(['--json', '--out', '/proc/init-tui.json']),
      /--out: cannot write in \/proc|--out: the folder \/proc is not writable/,
    );
    // Refused before training: the usage error comes at once.
    const t0 = Date.now();
    run(['--out', dir]);
    assert.ok(Date.now() - t0 < 5000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('plain mode with --out also writes the document', () => {
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-'));
  try {
    mkdirSync(join(dir, 'sub'));
    const r = run(['-n', '10', '--out', 'sub/r.json'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Cost after iteration 0/);
    assert.equal((JSON.parse(readFileSync(join(dir, 'sub', 'r.json'), 'utf8')) as { runs: unknown[] }).runs.length, 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a bad INIT_TUI_FAULT is a usage error too', () => {
  assertUsageError(run(['--json'], { env: { INIT_TUI_FAULT: 'explode' } }), /INIT_TUI_FAULT expects/);
});

test('a worker that throws in --json mode: the others finish, the failure is reported, exit 1', () => {
  const r = run(['--json', '-n', '300', '--every', '100'], { env: { INIT_TUI_FAULT: 'throw:he@150' } });
  assert.equal(r.status, 1);
  const doc = JSON.parse(r.stdout) as { runs: { scheme: string; error?: string; trainAccuracy: number | null }[] };
  assert.equal(doc.runs[2]!.trainAccuracy, null);
  assert.match(doc.runs[2]!.error!, /injected fault/);
  assert.equal(typeof doc.runs[0]!.trainAccuracy, 'number');
  assert.match(r.stderr, /^init-tui: run "he" failed: injected fault/);
});
