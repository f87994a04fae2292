import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../../src/core/config.ts';
import { makeData, runScheme, type DoneRun } from '../../../src/core/experiment.ts';
import { startRace } from '../../../src/engine/race.ts';
import { relClose } from '../../support/oracle.ts';

/**
 * SPEC §6 against the numpy oracle (oracle/oracle.py's "activations"): the six
 * hidden activations with the new schemes and 16-layer networks, trained to
 * 1e-9 relative with exact accuracies; the signals measured at iteration 0 to
 * 1e-9; the theory (integrated there by scipy's quad) to 1e-6.
 */

interface Signals {
  signal: number[];
  gradSignal: number[];
  relativeUpdate: number[];
  theory: {
    inputSignal: number;
    signal: number[];
    gradSignal: (number | null)[];
    signalRatio: number;
    gradientRatio: number;
    prediction: string;
  };
}
interface Case {
  name: string;
  tolerance: number;
  chaotic: boolean;
  config: { dataset: string; layers: number[]; learningRate: number; iterations: number; seed: number; every: number; activation?: string };
  runs: { scheme: string; costs: [number, number | null][]; trainAccuracy: number; testAccuracy: number; signals: Signals }[];
}

const golden = JSON.parse(readFileSync(new URL('../../golden/oracle.json', import.meta.url), 'utf8')) as { activations: Case[] };
const DATA = makeData('circles');

test('the golden file covers the six activations, each with two new schemes or more, and a 16-layer network', () => {
  const schemesOf = new Map<string, Set<string>>();
  for (const c of golden.activations) {
    const a = (c.config.activation ?? 'relu').split(':')[0]!;
    const set = schemesOf.get(a) ?? new Set<string>();
    for (const r of c.runs) if (/^(glorot|glorot-uniform|he-uniform|torch-default|orthogonal(:.*)?)$/.test(r.scheme)) set.add(r.scheme);
    schemesOf.set(a, set);
    assert.ok(!c.chaotic && c.tolerance === 1e-9, c.name);
  }
  for (const a of ['relu', 'leaky-relu', 'tanh', 'sigmoid', 'linear', 'selu']) assert.ok((schemesOf.get(a)?.size ?? 0) >= 2, a);
  assert.ok(
    golden.activations.some((c) => c.config.layers.length === 18),
    'a network of 16 hidden layers',
  );
});

for (const want of golden.activations) {
  test(`training matches the numpy oracle for "${want.name}": costs within ${want.tolerance}, accuracies exact`, () => {
    const c = want.config;
    const config: ExperimentConfig = {
      ...DEFAULT_CONFIG,
      layers: c.layers,
      activation: c.activation ?? 'relu',
      learningRate: c.learningRate,
      iterations: c.iterations,
      seed: c.seed,
      every: c.every,
      schemes: want.runs.map((r) => r.scheme),
    };
    for (const w of want.runs) {
      const got = runScheme(config, w.scheme, DATA);
      assert.deepEqual(
        got.costs.map(([i]) => i),
        w.costs.map(([i]) => i),
      );
      w.costs.forEach(([i, cost], j) => relClose(got.costs[j]![1], cost, want.tolerance, `${w.scheme} cost @${i}`));
      assert.equal(got.trainAccuracy, w.trainAccuracy, `${w.scheme} train accuracy`);
      assert.equal(got.testAccuracy, w.testAccuracy, `${w.scheme} test accuracy`);

      // The signals at iteration 0, measured, and the theory beside them.
      const start = got.diagnostics.start;
      const s = w.signals;
      start.layers.forEach((l, k) => {
        relClose(l.signal, s.signal[k]!, 1e-9, `${w.scheme} signal of layer ${k + 1}`);
        relClose(l.gradSignal, s.gradSignal[k]!, 1e-9, `${w.scheme} gradSignal of layer ${k + 1}`);
        relClose(l.relativeUpdate, s.relativeUpdate[k]!, 1e-9, `${w.scheme} relative update of layer ${k + 1}`);
        relClose(l.signalTheory, s.theory.signal[k]!, 1e-6, `${w.scheme} signalTheory of layer ${k + 1}`);
        const r = s.theory.gradSignal[k];
        if (r === null || r === undefined)
          assert.ok(Number.isNaN(l.gradSignalTheory), `${w.scheme}: the output layer has no gradient theory`);
        else relClose(l.gradSignalTheory, r, 1e-6, `${w.scheme} gradSignalTheory of layer ${k + 1}`);
      });
      const t = start.theory!;
      relClose(t.inputSignal, s.theory.inputSignal, 1e-12, 'q_0');
      relClose(t.signalRatio, s.theory.signalRatio, 1e-6, `${w.scheme} S`);
      relClose(t.gradientRatio, s.theory.gradientRatio, 1e-6, `${w.scheme} R`);
      assert.equal(t.prediction, s.theory.prediction, `${w.scheme} prediction`);
      assert.equal(got.diagnostics.end.theory, null, 'the theory is of the initialization only');
    }
  });
}

test('a race on worker threads carries the activation to every run: the tanh case, as the oracle trained it', async () => {
  const want = golden.activations.find((c) => c.config.activation === 'tanh' && c.config.layers.length === 4)!;
  const c = want.config;
  const config: ExperimentConfig = {
    ...DEFAULT_CONFIG,
    layers: c.layers,
    activation: 'tanh',
    learningRate: c.learningRate,
    iterations: c.iterations,
    seed: c.seed,
    every: c.every,
    schemes: want.runs.map((r) => r.scheme),
    threads: 2,
    pace: 'max',
  };
  const outcomes = await startRace(config, { data: DATA }, () => {}).finished;
  want.runs.forEach((w, k) => {
    const got = outcomes[k] as DoneRun;
    assert.equal(got.status, 'done', w.scheme);
    w.costs.forEach(([i, cost], j) => relClose(got.costs[j]![1], cost, want.tolerance, `${w.scheme} cost @${i}`));
    assert.equal(got.testAccuracy, w.testAccuracy, w.scheme);
    assert.equal(got.params.activation, 'tanh');
    assert.equal(got.diagnostics.start.theory!.prediction, w.signals.theory.prediction);
  });
});
