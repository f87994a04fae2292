import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseCommandLine } from '../src/args.ts';
import { parseCsv, splitTrainTest } from '../src/core/csv.ts';
import { makeData } from '../src/core/experiment.ts';
import { RandomState } from '../src/core/rng.ts';
import { resolveScheme } from '../src/core/schemes.ts';
import { toReport } from '../src/report.ts';
import { meanCurve, stats } from '../src/summary.ts';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const run = (args: string[], cwd?: string) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

test('make_moons matches scikit-learn: training points 0..2 and labels 0..9 (numpy 1.24, sklearn 1.2.1)', () => {
  const { train } = makeData('moons');
  const expected: [number, number][] = [
    [0.21073484902498657, -0.015986798301307142],
    [-0.8291041279490649, 0.6518776506828385],
    [0.24232510034750357, 0.00739577076467024],
  ];
  expected.forEach(([px, py], j) => {
    assert.ok(Math.abs(train.x[j]! - px) < 1e-14, `x${j}`);
    assert.ok(Math.abs(train.x[train.m + j]! - py) < 1e-14, `y${j}`);
  });
  assert.deepEqual(Array.from(train.y.slice(0, 10)), [1, 0, 1, 1, 0, 0, 1, 0, 1, 1]);
});

test('xor, gaussian and spiral are balanced, seeded and inside the drawn plane', () => {
  for (const name of ['xor', 'gaussian', 'spiral']) {
    const a = makeData(name);
    const b = makeData(name);
    assert.deepEqual(Array.from(a.train.x), Array.from(b.train.x), `${name} depends only on its seed`);
    assert.equal(a.train.m, 300);
    assert.equal(a.test.m, 100);
    const ones = Array.from(a.train.y).filter((v) => v === 1).length;
    assert.ok(ones > 100 && ones < 200, `${name}: ${ones} ones of 300`);
    const inside = Array.from(a.train.x).filter((v) => Math.abs(v) <= 2).length;
    assert.ok(inside / a.train.x.length > 0.95, `${name}: points mostly within ±2`);
  }
  const noisy = makeData('xor', 0.5);
  assert.notDeepEqual(Array.from(noisy.train.x), Array.from(makeData('xor').train.x), '--noise changes the data');
});

test('the scheme table resolves xavier, small and scale:K, and refuses the rest', () => {
  assert.equal(resolveScheme('xavier')?.formula, 'W = randn · sqrt(1 / n_prev)');
  assert.equal(resolveScheme('small')?.formula, 'W = randn · 0.01');
  assert.equal(resolveScheme('scale:0.5')?.formula, 'W = randn · 0.5');
  assert.equal(resolveScheme('scale:3')?.name, 'scale:3');
  for (const bad of ['scale:', 'scale:0', 'scale:-1', 'scale:abc', 'scale:1e999', 'Scale:2', 'toString']) assert.equal(resolveScheme(bad), undefined, bad);
});

test('the new options parse, and their bad values are refused with one line naming the option', () => {
  const p = parseCommandLine(['--dataset', 'moons', '--noise', '0.1', '--layers', '2,20,10,5,1', '--seeds', '5', '--schemes', 'he,scale:0.5,xavier']);
  assert.equal(p.kind, 'run');
  if (p.kind === 'run') {
    assert.equal(p.options.config.dataset, 'moons');
    assert.equal(p.options.config.noise, 0.1);
    assert.deepEqual(p.options.config.layers, [2, 20, 10, 5, 1]);
    assert.equal(p.options.seeds, 5);
    assert.deepEqual(p.options.schemes, ['he', 'scale:0.5', 'xavier']);
  }
  const bad: [string[], RegExp][] = [
    [['--dataset', 'iris'], /--dataset expects one of circles, moons, xor, gaussian, spiral, got "iris"/],
    [['--noise', '-0.1'], /--noise expects a number from 0 to 10/],
    [['--noise', 'loud'], /--noise expects/],
    [['--layers', '2,10,5,2'], /--layers must end with 1/],
    [['--layers', '3,10,1'], /--layers must start with 2/],
    [['--layers', '2,1'], /--layers needs at least one hidden layer/],
    [['--layers', '2,0,1'], /--layers expects/],
    [['--layers', '2,1000,1'], /--layers expects .* 1 to 256/],
    [['--layers', '2,a,1'], /--layers expects/],
    [['--layers', '2,1,1,1,1,1,1,1,1,1,1'], /--layers expects .*1 to 8 hidden/],
    [['--seeds', '0'], /--seeds expects an integer from 1 to 1000/],
    [['--seeds', '2', '--seed', '4294967295'], /--seeds 2 from --seed 4294967295 would pass 4294967295/],
    [['--schemes', 'scale:0'], /--schemes: unknown scheme "scale:0"/],
    [['--test-data', 'a.csv'], /--test-data needs --data/],
    [['--data', 'a.csv', '--dataset', 'moons'], /--data and --dataset exclude each other/],
    [['--data', 'a.csv', '--noise', '0.1'], /--noise applies to generated data sets/],
    [['--data', ''], /--data expects a CSV file name/],
  ];
  for (const [argv, pattern] of bad) {
    const r = parseCommandLine(argv);
    assert.equal(r.kind, 'error', argv.join(' '));
    if (r.kind === 'error') assert.match(r.message, pattern);
  }
});

test('the CSV reader refuses each kind of bad file with the line that is wrong', () => {
  const cases: [string, number, RegExp][] = [
    ['', 1, /the file is empty/],
    ['\n\n', 1, /the file is empty/],
    ['a,b,c\n1,2,0\n', 1, /expected the header x1,x2,label, got "a,b,c"/],
    ['x1,x2,label\n', 2, /a header but no data rows/],
    ['x1,x2,label\n0.1,0.2,1\n0.3,abc,0\n', 3, /x2 is not a finite number: "abc"/],
    ['x1,x2,label\n0.1,0.2,2\n', 2, /label must be 0 or 1, got "2"/],
    ['x1,x2,label\n0.1,0.2\n', 2, /expected 3 columns \(x1,x2,label\), got 2/],
    ['x1,x2,label\n0.1,0.2,1,5\n', 2, /expected 3 columns/],
    ['x1,x2,label\n1e999,0,1\n', 2, /x1 is not a finite number/],
  ];
  for (const [text, line, pattern] of cases) {
    const r = parseCsv(text);
    assert.equal(r.ok, false, JSON.stringify(text));
    if (!r.ok) {
      assert.equal(r.line, line, JSON.stringify(text));
      assert.match(r.message, pattern);
    }
  }
  const good = parseCsv('\uFEFFx1, x2, label\r\n0.5,-1,1\r\n\r\n-0.25,2e-1,0\r\n');
  assert.ok(good.ok);
  if (good.ok) {
    assert.deepEqual(Array.from(good.data.x), [0.5, -0.25, -1, 0.2]);
    assert.deepEqual(Array.from(good.data.y), [1, 0]);
  }
});

test('without --test-data the file is split 75/25, seeded, nothing lost or repeated', () => {
  const n = 41;
  const x = Float64Array.from({ length: 2 * n }, (_, i) => i);
  const y = Float64Array.from({ length: n }, (_, i) => i % 2);
  const a = splitTrainTest({ m: n, x, y }, new RandomState(1));
  const b = splitTrainTest({ m: n, x, y }, new RandomState(1));
  assert.equal(a.train.m, 31);
  assert.equal(a.test.m, 10);
  assert.deepEqual(Array.from(a.train.x), Array.from(b.train.x));
  const firsts = [...Array.from(a.train.x.subarray(0, 31)), ...Array.from(a.test.x.subarray(0, 10))].sort((p, q) => p - q);
  assert.deepEqual(firsts, Array.from({ length: n }, (_, i) => i));
});

test('--data files are read before training; a bad one is refused with exit 2 naming the file and line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-'));
  try {
    const rows = ['x1,x2,label'];
    const rng = new RandomState(9);
    for (let i = 0; i < 80; i++) {
      const r = i % 2 === 0 ? 0.4 : 1.1;
      const t = rng.randomSample() * 2 * Math.PI;
      rows.push(`${(r * Math.cos(t)).toFixed(4)},${(r * Math.sin(t)).toFixed(4)},${i % 2 === 0 ? 1 : 0}`);
    }
    writeFileSync(join(dir, 'ring.csv'), `${rows.join('\n')}\n`);
    writeFileSync(join(dir, 'bad.csv'), 'x1,x2,label\n0.1,0.2,1\n0.1,zero,1\n');
    const ok = run(['--json', '--data', 'ring.csv', '-n', '3000', '--every', '1000', '--schemes', 'he', '--lr', '0.1'], dir);
    assert.equal(ok.status, 0, ok.stderr);
    const doc = JSON.parse(ok.stdout) as { config: { dataset: string; data: unknown }; runs: { trainAccuracy: number }[] };
    assert.equal(doc.config.dataset, 'csv');
    assert.deepEqual(doc.config.data, { train: 'ring.csv', test: null });
    assert.ok(doc.runs[0]!.trainAccuracy > 0.9, `learns the rings: ${doc.runs[0]!.trainAccuracy}`);
    const withTest = run(['--json', '--data', 'ring.csv', '--test-data', 'ring.csv', '-n', '10', '--schemes', 'he'], dir);
    assert.equal(withTest.status, 0, withTest.stderr);

    for (const [args, pattern] of [
      [['--data', 'bad.csv'], /^init-tui: --data: bad\.csv line 3: x2 is not a finite number: "zero"\n$/],
      [['--data', 'missing.csv'], /^init-tui: --data: cannot read missing\.csv: no such file\n$/],
      [['--data', '.'], /^init-tui: --data: cannot read \.: it is a directory\n$/],
      [['--data', 'ring.csv', '--test-data', 'bad.csv'], /^init-tui: --test-data: bad\.csv line 3/],
    ] as const) {
      const r = run(['--json', ...args], dir);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, pattern);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sweep statistics: mean, sample sd, min, max; the mean curve and its spread', () => {
  assert.deepEqual(stats([1, 2, 3, 4]), { mean: 2.5, sd: Math.sqrt(5 / 3), min: 1, max: 4 });
  assert.deepEqual(stats([0.7]), { mean: 0.7, sd: 0, min: 0.7, max: 0.7 });
  assert.ok(Number.isNaN(stats([]).mean));
  const curve = meanCurve([[[0, 1], [10, 0.5], [20, 0.25]], [[0, 3], [10, 1.5]]]);
  assert.deepEqual(curve.mean, [[0, 2], [10, 1]]);
  assert.deepEqual(curve.min, [[0, 1], [10, 0.5]]);
  assert.deepEqual(curve.max, [[0, 3], [10, 1.5]]);
});

test('--json --seeds 3 reports every seed and the summary; the first seed equals a plain run', () => {
  const sweep = run(['--json', '-n', '600', '--every', '200', '--seeds', '3', '--schemes', 'he,zeros']);
  assert.equal(sweep.status, 0, sweep.stderr);
  type R = { scheme: string; costs: unknown; trainAccuracy: number; seeds: { seed: number; trainAccuracy: number }[]; summary: { trainAccuracy: { mean: number; sd: number; min: number; max: number } } };
  const doc = JSON.parse(sweep.stdout) as { config: { seeds: number }; runs: R[] };
  assert.equal(doc.config.seeds, 3);
  const he = doc.runs[0]!;
  assert.deepEqual(he.seeds.map((s) => s.seed), [3, 4, 5]);
  const single = JSON.parse(run(['--json', '-n', '600', '--every', '200', '--schemes', 'he']).stdout) as { runs: R[] };
  assert.deepEqual(he.costs, single.runs[0]!.costs);
  assert.equal(he.trainAccuracy, single.runs[0]!.trainAccuracy);
  const accs = he.seeds.map((s) => s.trainAccuracy);
  const mean = accs.reduce((a, b) => a + b, 0) / 3;
  assert.ok(Math.abs(he.summary.trainAccuracy.mean - mean) < 1e-15);
  assert.equal(he.summary.trainAccuracy.min, Math.min(...accs));
  assert.equal(he.summary.trainAccuracy.max, Math.max(...accs));
  assert.deepEqual(doc.runs[1]!.summary.trainAccuracy, { mean: 0.5, sd: 0, min: 0.5, max: 0.5 }, 'zeros: the same for every seed');
});

test('a sweep report with a failed seed keeps its place and summarises the rest', () => {
  const report = toReport(
    { dataset: 'circles', layers: [2, 1], learningRate: 0.1, iterations: 1, seed: 10, every: 1 },
    [
      { type: 'done', scheme: 'he', costs: [[0, 0.5]], trainAccuracy: 0.9, testAccuracy: 0.8, finalCost: 0.5, seconds: 1 },
      { type: 'failed', scheme: 'he', message: 'boom' },
    ],
    2,
  );
  const he = report.runs[0]!;
  assert.deepEqual(he.seeds!.map((s) => [s.seed, s.error]), [[10, undefined], [11, 'boom']]);
  assert.deepEqual(he.summary!.trainAccuracy, { mean: 0.9, sd: 0, min: 0.9, max: 0.9 });
});
