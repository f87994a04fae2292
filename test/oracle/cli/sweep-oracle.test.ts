import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseCommandLine } from '../../../src/cli/argv.ts';
import { loadData } from '../../../src/cli/data-files.ts';
import { runJson } from '../../../src/cli/headless.ts';
import type { ExperimentConfig } from '../../../src/core/config.ts';
import { makeData, type DoneRun } from '../../../src/core/experiment.ts';
import { gridCells } from '../../../src/core/sweep.ts';
import { startRace } from '../../../src/engine/race.ts';
import type { JsonRun, JsonSweepCell, SweepReport } from '../../../src/results/report.ts';
import { relClose } from '../../support/oracle.ts';

/**
 * The sweep path (--sweep → the grid's runs on the pool → the sweep document)
 * against the numpy oracle: the gains bit for bit, every cell's accuracies
 * exactly, its costs and statistics within the golden's tolerance.
 */

interface Golden {
  cases: { name: string; config: { layers: number[]; iterations: number; every: number }; runs: JsonRun[]; tolerance?: number }[];
  sweeps: (SweepReport & { name: string; tolerance: number; chaotic: boolean })[];
}
const golden = JSON.parse(readFileSync(new URL('../../golden/oracle.json', import.meta.url), 'utf8')) as Golden;

function configOf(argv: string[]): ExperimentConfig {
  const p = parseCommandLine(argv);
  if (p.kind !== 'run') throw new Error(p.kind === 'error' ? p.message : p.kind);
  return p.invocation.config;
}

/** parser → engine → document, in-process, as `init-tui --json` runs it. */
async function sweepJson(argv: string[]): Promise<SweepReport> {
  const p = parseCommandLine(['--json', ...argv]);
  if (p.kind !== 'run') throw new Error(p.kind === 'error' ? p.message : p.kind);
  const data = loadData(p.invocation.config);
  if (typeof data === 'string') throw new Error(data);
  let text = '';
  const status = await runJson(p.invocation, data, { out: (t) => (text += t), err: (line) => assert.fail(line), onRace: () => {} });
  assert.equal(status, 0);
  return JSON.parse(text) as SweepReport;
}

test('the golden file holds at least one sweep, with an envelope', () => {
  assert.ok(golden.sweeps.length >= 1);
  for (const s of golden.sweeps) {
    assert.ok(s.tolerance > 0 && s.tolerance < 1e-6 && s.chaotic === false, s.name);
    assert.equal(
      s.sweep.cells.length,
      s.sweep.axes.reduce((n, a) => n * a.values.length, 1),
    );
  }
});

for (const want of golden.sweeps) {
  test(`--json --sweep matches the numpy oracle's sweep "${want.name}" cell by cell`, async () => {
    const c = want.config;
    const spec = c.sweep!;
    const text = `gain=${spec.gain.from}..${spec.gain.to}:${spec.gain.count}${spec.depth ? `,depth=${spec.depth.from}..${spec.depth.to}` : ''}`;
    const got = await sweepJson([
      '--kernel',
      'generic',
      '--sweep',
      text,
      '--seeds',
      String(c.seeds ?? 1),
      '--layers',
      c.layers.join(','),
      '--lr',
      String(c.learningRate),
      '--seed',
      String(c.seed),
      '-n',
      String(c.iterations),
      '--every',
      String(c.every),
    ]);
    assert.deepEqual(got.config, c);
    assert.equal(got.sweep.axes.length, want.sweep.axes.length);
    want.sweep.axes.forEach((axis, k) => {
      assert.equal(got.sweep.axes[k]!.name, axis.name);
      axis.values.forEach((v, j) =>
        assert.ok(Object.is(got.sweep.axes[k]!.values[j], v), `${axis.name} ${j}: ${got.sweep.axes[k]!.values[j]} vs ${v}, bit for bit`),
      );
    });
    assert.equal(got.sweep.cells.length, want.sweep.cells.length);
    const tol = want.tolerance;
    want.sweep.cells.forEach((w: JsonSweepCell, k) => {
      const g = got.sweep.cells[k]!;
      const where = `cell depth ${w.depth} gain ${w.gain}`;
      assert.deepEqual([g.gain, g.depth, g.layers, g.diverged], [w.gain, w.depth, w.layers, w.diverged], where);
      assert.equal(g.seeds.length, w.seeds.length);
      w.seeds.forEach((ws, j) => {
        const gs = g.seeds[j]!;
        assert.equal(gs.seed, ws.seed);
        assert.equal(gs.trainAccuracy, ws.trainAccuracy, `${where} seed ${ws.seed} train accuracy`);
        assert.equal(gs.testAccuracy, ws.testAccuracy, `${where} seed ${ws.seed} test accuracy`);
        relClose(gs.finalCost, ws.finalCost, tol, `${where} seed ${ws.seed} final cost`);
      });
      for (const key of ['trainAccuracy', 'testAccuracy'] as const)
        assert.deepEqual(g.summary[key], w.summary[key], `${where} ${key} summary, exactly`);
      for (const stat of ['mean', 'min', 'max'] as const)
        relClose(g.summary.finalCost[stat], w.summary.finalCost[stat], tol, `${where} final cost ${stat}`);
      // The sd of nearly equal costs is a difference of nearly equal numbers: held to the costs' scale.
      assert.ok(Math.abs(g.summary.finalCost.sd! - w.summary.finalCost.sd!) <= tol * w.summary.finalCost.mean!, `${where} final cost sd`);
    });
  });
}

/** Trains a sweep config on the pool and returns its runs in race order. */
async function trainOnPool(config: ExperimentConfig): Promise<DoneRun[]> {
  const race = startRace(config, { data: makeData(config.dataset, config.noise) }, () => {});
  const outcomes = await race.finished;
  return outcomes.map((o) => {
    assert.equal(o.status, 'done', o.status === 'failed' ? o.error : '');
    return o as DoneRun;
  });
}

function checkAgainstGolden(run: DoneRun, want: JsonRun, tol: number, what: string): void {
  assert.deepEqual(
    run.costs.map(([i]) => i),
    want.costs.map(([i]) => i),
    what,
  );
  want.costs.forEach(([i, c], j) => relClose(Number.isFinite(run.costs[j]![1]) ? run.costs[j]![1] : null, c, tol, `${what} cost @${i}`));
  assert.equal(run.trainAccuracy, want.trainAccuracy, `${what} train accuracy`);
  assert.equal(run.testAccuracy, want.testAccuracy, `${what} test accuracy`);
}

test('--sweep gain=0.5..4:3 on 4 hidden layers of 10 trains the golden gain cells 0.5, √2 and 4 on the pool', async () => {
  const want = golden.cases.find((c) => c.name === 'gains 0.5, sqrt2 and 4 on 4 hidden layers of 10')!;
  const config = configOf([
    '--sweep',
    'gain=0.5..4:3',
    '--layers',
    '2,10,10,10,10,1',
    '-n',
    '2000',
    '--every',
    '100',
    '--kernel',
    'generic',
  ]);
  const cells = gridCells(config);
  // The middle gain is √2 to the last bit, so the cell's scheme is the golden's own.
  assert.deepEqual(
    cells.map((c) => `gain:${c.gain}`),
    want.runs.map((r) => r.scheme),
  );
  const runs = await trainOnPool(config);
  runs.forEach((r, k) => checkAgainstGolden(r, want.runs[k]!, want.tolerance!, want.runs[k]!.scheme));
});

test('--sweep gain=0.5..4:3,depth=1..6 at width 10: its √2 cells at depth 1 and 6 are the golden depth cases', async () => {
  const config = configOf([
    '--sweep',
    'gain=0.5..4:3,depth=1..6',
    '--layers',
    '2,10,1',
    '-n',
    '1000',
    '--every',
    '100',
    '--kernel',
    'generic',
  ]);
  const runs = await trainOnPool(config);
  const cells = gridCells(config);
  for (const depth of [1, 6]) {
    const want = golden.cases.find((c) => c.name === `depth ${depth} at width 10, gain sqrt2`)!;
    const k = cells.findIndex((c) => c.depth === depth && c.gain === Math.SQRT2);
    assert.deepEqual(cells[k]!.layers, want.config.layers);
    checkAgainstGolden(runs[k]!, want.runs[0]!, want.tolerance!, `depth ${depth}, gain √2`);
  }
});
