import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { JsonSweepCell, SweepReport } from '../../../src/results/report.ts';

const CLI = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
const json = (args: string[]): SweepReport => {
  const r = run(['--json', ...args]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  return JSON.parse(r.stdout) as SweepReport;
};

test('each bad --sweep is refused by the built binary: one line naming --sweep, nothing on stdout, exit 2', () => {
  for (const args of [
    ['--sweep', 'gain=0..10:9'],
    ['--sweep', 'gain=10..1:9'],
    ['--sweep', 'gain=0.1..10:1'],
    ['--sweep', 'gain=0.1..10:201'],
    ['--sweep', 'gain=0.1..10:9,depth=0..6'],
    ['--sweep', 'gain=0.1..10:9,depth=1..65'],
    ['--sweep', 'gain=0.1..10:200,depth=1..8', '--seeds', '7'],
    ['--sweep', 'depth=1..2'],
    ['--sweep', ''],
    ['--sweep'],
  ]) {
    const r = run(['--json', ...args]);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '', args.join(' '));
    assert.match(r.stderr, /^init-tui: --sweep .*\n$/, args.join(' '));
    assert.equal(r.stderr.split('\n').length, 2, 'one line');
    assert.match(r.stderr, /(--sweep needs a value: gain=A\.\.B:N|; --sweep accepts )/, 'says what it accepts');
  }
  const both = run(['--sweep', 'gain=1..2:2', '--schemes', 'he']);
  assert.equal(both.status, 2);
  assert.equal(both.stdout, '');
  assert.equal(both.stderr, 'init-tui: --schemes and --sweep exclude each other: a sweep trains gain:G at each of its gains\n');
  const help = run(['--help']);
  assert.match(help.stdout, /--sweep SPEC +a gain sweep instead of a race/);
  assert.match(help.stdout, /^ {2}gain=A\.\.B:N +N log-spaced gains from A to B/m);
});

test('--json with a 1-D sweep and seeds: one cell per gain, every seed, its summary, depth from --layers', () => {
  const doc = json(['--sweep', 'gain=0.5..4:3', '--seeds', '2', '-n', '200']);
  assert.deepEqual(doc.config.sweep, { gain: { from: 0.5, to: 4, count: 3 } });
  assert.equal(doc.config.seeds, 2);
  assert.deepEqual(doc.sweep.axes, [{ name: 'gain', values: [0.5, Math.SQRT2, 4] }]);
  assert.equal(doc.sweep.cells.length, 3);
  for (const [k, cell] of doc.sweep.cells.entries()) {
    assert.deepEqual(Object.keys(cell), ['gain', 'depth', 'layers', 'seeds', 'summary', 'diverged', 'theory']);
    assert.equal(cell.gain, doc.sweep.axes[0]!.values[k]);
    assert.equal(cell.depth, 2, 'the hidden layers of --layers 2,10,5,1');
    assert.deepEqual(cell.layers, [2, 10, 5, 1]);
    assert.deepEqual(
      cell.seeds.map((s) => s.seed),
      [3, 4],
    );
    assert.equal(cell.diverged, false);
    const accs = cell.seeds.map((s) => s.testAccuracy!);
    assert.equal(cell.summary.testAccuracy.mean, (accs[0]! + accs[1]!) / 2);
    assert.equal(cell.summary.testAccuracy.min, Math.min(...accs));
    assert.equal(cell.summary.testAccuracy.max, Math.max(...accs));
    assert.equal(cell.summary.finalCost.mean, (cell.seeds[0]!.finalCost! + cell.seeds[1]!.finalCost!) / 2);
  }
  assert.ok(!('runs' in doc), 'a sweep document has no race runs');
});

test('--json with a 2-D sweep: gain and depth axes, cells row-major on their own networks, each equal to a plain run of its gain', () => {
  const doc = json(['--sweep', 'gain=0.5..2:3,depth=1..3', '--layers', '2,6,1', '-n', '150']);
  assert.deepEqual(doc.sweep.axes, [
    { name: 'gain', values: [0.5, 1, 2] },
    { name: 'depth', values: [1, 2, 3] },
  ]);
  assert.deepEqual(
    doc.sweep.cells.map((c) => [c.depth, c.gain]),
    [
      [1, 0.5],
      [1, 1],
      [1, 2],
      [2, 0.5],
      [2, 1],
      [2, 2],
      [3, 0.5],
      [3, 1],
      [3, 2],
    ],
  );
  assert.deepEqual(doc.sweep.cells[7]!.layers, [2, 6, 6, 6, 1], 'as wide as the first hidden layer of --layers');
  // A cell is a pure function of (config, its layers, gain:G, seed): the same as a race of that one scheme.
  const race = JSON.parse(run(['--json', '--layers', '2,6,6,1', '--schemes', 'gain:2', '-n', '150', '--every', '149']).stdout) as {
    runs: { trainAccuracy: number; testAccuracy: number; costs: [number, number][] }[];
  };
  const cell = doc.sweep.cells[5]!;
  assert.equal(cell.seeds[0]!.trainAccuracy, race.runs[0]!.trainAccuracy);
  assert.equal(cell.seeds[0]!.testAccuracy, race.runs[0]!.testAccuracy);
  assert.equal(cell.seeds[0]!.finalCost, race.runs[0]!.costs[1]![1], 'the final cost is the cost of the last iteration');
});

test('a cell where a seed diverged is marked, that seed is null and left out of the mean; an all-diverged cell has no mean', () => {
  // Gain 100 on the notebook's network: seeds 4 and 5 saturate for good (final cost +∞), seed 3 does not.
  const doc = json(['--sweep', 'gain=1..1000:4', '--seeds', '3', '-n', '300']);
  assert.deepEqual(doc.sweep.axes[0]!.values, [1, 10, 100, 1000]);
  const cell = doc.sweep.cells.find((c) => c.gain === 100)!;
  assert.equal(cell.diverged, true);
  const kept = cell.seeds.filter((s) => s.finalCost !== null);
  const gone = cell.seeds.filter((s) => s.finalCost === null);
  assert.ok(kept.length > 0 && gone.length > 0, JSON.stringify(cell.seeds));
  for (const s of gone) assert.equal(s.error, undefined, 'diverged, not failed');
  assert.ok(
    gone.every((s) => typeof s.testAccuracy === 'number'),
    'its accuracies are still reported',
  );
  assert.equal(
    cell.summary.testAccuracy.mean,
    kept.reduce((a, s) => a + s.testAccuracy!, 0) / kept.length,
    'the mean of the seeds that did not diverge',
  );
  assert.equal(cell.summary.finalCost.max, Math.max(...kept.map((s) => s.finalCost!)));
  const others = doc.sweep.cells.filter((c: JsonSweepCell) => c.gain !== 100);
  assert.ok(others.every((c) => !c.diverged));

  const all = json(['--sweep', 'gain=0.5..2:2', '--lr', '1e300', '-n', '20']);
  for (const c of all.sweep.cells) {
    assert.equal(c.diverged, true);
    assert.deepEqual(c.summary.testAccuracy, { mean: null, sd: null, min: null, max: null });
    assert.equal(c.seeds[0]!.finalCost, null);
  }
});

test('plain mode prints a line per model, then the depth × gain grid of mean test accuracy with × where a seed diverged', () => {
  const r = run(['--sweep', 'gain=1..1000:4,depth=1..2', '--seeds', '3', '-n', '300']);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0]!, /^init-tui: circles, learning rate 0\.01, 300 iterations, seeds 3…5; sweeping 8 cells, 24 models$/);
  const progress = lines.filter((l) => /^\[\s*\d+\/24\] depth \d · gain [\d.]+ · seed \d: /.test(l));
  assert.equal(progress.length, 24);
  assert.ok(progress.some((l) => /^\[\s*24\/24\]/.test(l)));
  const table = lines.slice(lines.indexOf('') + 1);
  assert.equal(table[0], 'mean test accuracy (%) over seeds 3…5; × diverged (not averaged), ! failed');
  assert.match(table[1]!, /^depth \\ gain\s+1\s+10\s+100\s+1000$/);
  assert.match(table[2]!, /^\s+1\s+\d+\.\d\s+[\d.×]+\s+[\d.×]+\s+[\d.×]+$/);
  assert.match(table[3]!, /^\s+2\s+\d+\.\d\s+\d+\.\d\s+×\s+\d+\.\d$/, 'gain 100 at depth 2 diverged (see above)');
  const doc = json(['--sweep', 'gain=1..1000:4,depth=1..2', '--seeds', '3', '-n', '300']);
  const mean = doc.sweep.cells[4]!.summary.testAccuracy.mean!;
  assert.equal(table[3]!.trim().split(/\s+/)[1], (mean * 100).toFixed(1), "the table shows the document's mean");
});

test('--out writes the same sweep document as --json prints', () => {
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-sweep-'));
  try {
    const file = join(dir, 'sweep.json');
    const r = run(['--json', '--sweep', 'gain=0.5..2:2', '-n', '50', '--out', file]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(file, 'utf8'), r.stdout);
    const plain = run(['--sweep', 'gain=0.5..2:2', '-n', '50', '--out', join(dir, 'plain.json')]);
    assert.equal(plain.status, 0, plain.stderr);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'plain.json'), 'utf8')), JSON.parse(r.stdout));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every sweep cell of --json carries the theory at initialization: small gains vanish and large ones explode with depth, He propagates', () => {
  const doc = json(['--sweep', 'gain=0.25..8:11,depth=1..12', '--layers', '2,16,1', '-n', '2']);
  const cells = doc.sweep.cells;
  assert.equal(cells.length, 11 * 12);
  for (const c of cells) assert.ok(c.theory && typeof c.theory.signalRatio === 'number', `${c.gain} × ${c.depth}`);
  // The cell of the gain nearest `gain` (the axis is log-spaced: 0.25 · 32^(k/10)).
  const at = (gain: number, depth: number) =>
    cells.filter((c) => c.depth === depth).reduce((a, c) => (Math.abs(Math.log(c.gain / gain)) < Math.abs(Math.log(a.gain / gain)) ? c : a))
      .theory!;
  assert.equal(at(0.25, 12).prediction, 'vanishing-signal');
  assert.equal(at(8, 12).prediction, 'exploding-signal');
  assert.equal(at(Math.SQRT2, 12).prediction, 'propagates');
  // ReLU at gain G: q_l = (G²/2)·q_{l-1}, so He's gain keeps the ratio near one at every depth.
  assert.ok(Math.abs(at(Math.SQRT2, 12).signalRatio! / at(Math.SQRT2, 1).signalRatio! - 1) < 1e-3);
});
