import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runBinary } from '../../support/binary.ts';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

/** The built binary, as a user runs it (npm test builds first). */
const run = runBinary;

const BAD_INPUTS: string[][] = [
  ['--nope'],
  ['--schemes', 'zeros,bogus'],
  ['--iterations', '0'],
  ['--lr', 'abc'],
  ['--seed'],
  ['--every', '1.5'],
  ['extra'],
];

for (const args of BAD_INPUTS) {
  test(`the binary answers ${JSON.stringify(args.join(' '))} with one line on stderr, nothing on stdout, exit 2`, () => {
    const r = run(['--json', ...args]);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, /^init-tui: /);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  });
}

test('--help and --version print to stdout and exit 0', () => {
  const help = run(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--schemes/);
  const version = run(['--version']);
  assert.equal(version.status, 0);
  assert.equal(
    version.stdout,
    `init-tui ${pkg.version} (node ${process.version})\n`,
    'the name, the version package.json says, and the Node that runs it',
  );
});

test('--json prints exactly one JSON document with the runs in --schemes order', () => {
  const r = run(['--json', '--schemes', 'he,zeros', '-n', '300', '--every', '100']);
  assert.equal(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { runs: { scheme: string; costs: [number, number][] }[] };
  assert.deepEqual(
    doc.runs.map((x) => x.scheme),
    ['he', 'zeros'],
  );
  assert.deepEqual(
    doc.runs[0]!.costs.map(([i]) => i),
    [0, 100, 200],
  );
  assert.equal(doc.runs[0]!.costs[0]![1], 0.8830537463419756);
});

test('without a terminal the plain mode prints notebook-style progress and the table', () => {
  const r = run(['-n', '2001', '--schemes', 'random,he'], { CI: 'true' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /random\s+Cost after iteration 0: inf\n/);
  assert.match(r.stdout, /he\s+Cost after iteration 2000: 0\.67512862645233\d*\n/);
  assert.match(r.stdout, /scheme\s+train\s+test\s+final cost/);
  assert.doesNotMatch(r.stdout, /\u001b\[/, 'no escape sequences when piped');
});
