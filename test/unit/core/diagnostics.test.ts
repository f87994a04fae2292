import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose, diagnoseAt, distinctRows, populationSd } from '../../../src/core/diagnostics.ts';
import { DEFAULT_CONFIG } from '../../../src/core/config.ts';
import { initialParams, lookupScheme, makeData, Run, runScheme } from '../../../src/core/experiment.ts';
import { KERNELS } from '../../../src/core/kernel-table.ts';
import { cloneParams, type Params } from '../../../src/core/network.ts';

const DATA = makeData('circles');

function diagAfter(scheme: string, iterations: number) {
  const run = new Run(DEFAULT_CONFIG, { scheme, seed: 3 }, DATA);
  run.advance(iterations);
  const before = cloneParams(run.params());
  run.advance(1);
  return diagnose(before, run.params(), DEFAULT_CONFIG.learningRate, DATA.train, DATA.test);
}

test('zeros: every hidden layer has one distinct unit and identical gradients, however long it trains', () => {
  for (const iterations of [0, 500, 3000]) {
    const d = diagAfter('zeros', iterations);
    assert.deepEqual(
      d.layers.map((l) => l.units),
      [10, 5, 1],
    );
    assert.deepEqual(
      d.layers.slice(0, 2).map((l) => l.distinct),
      [1, 1],
      `symmetry meter at ${iterations}`,
    );
    assert.deepEqual(
      d.layers.slice(0, 2).map((l) => l.distinctGrads),
      [1, 1],
      'identical gradients',
    );
  }
});

test('He: every unit distinct, finite norms, some gradient everywhere; random ×10 starts saturated', () => {
  const he = diagAfter('he', 200);
  assert.deepEqual(
    he.layers.slice(0, 2).map((l) => l.distinct),
    [10, 5],
  );
  for (const l of he.layers) {
    assert.ok(Number.isFinite(l.weightNorm) && l.weightNorm > 0);
    assert.ok(l.gradNorm > 0, 'every layer receives a gradient');
  }
  const random = diagAfter('random', 0);
  assert.ok(random.saturated > 0.5, `×10 saturates the sigmoid at the start: ${random.saturated}`);
  assert.ok(he.saturated < 0.05, `He does not: ${he.saturated}`);
});

test('the gradient norm recovered from one step equals the kernel gradient', () => {
  const run = new Run(DEFAULT_CONFIG, { scheme: 'he', seed: 3 }, DATA);
  const before = cloneParams(run.params());
  run.advance(1);
  const d = diagnose(before, run.params(), DEFAULT_CONFIG.learningRate, DATA.train, DATA.test);
  // He's W3 gradient at iteration 0, from the notebook network (dW3 = dz3 · a2ᵀ), via a 0-lr generic step.
  assert.ok(d.layers.every((l) => l.gradNorm > 1e-4 && l.gradNorm < 10));
  assert.equal(distinctRows(Float64Array.of(1, 2, 1, 2, 3, 4), undefined, 3, 2), 2);
  assert.equal(distinctRows(Float64Array.of(1, 2, 1, 2), Float64Array.of(0, 1), 2, 2), 2, 'the bias counts');
});

/** The spread of each hidden layer's activations (the output layer left out). */
const hiddenSd = (d: { layers: readonly { activationSd: number }[] }) => d.layers.slice(0, -1).map((l) => l.activationSd);
const NOTEBOOK = {
  zeros: runScheme(DEFAULT_CONFIG, 'zeros', DATA),
  random: runScheme(DEFAULT_CONFIG, 'random', DATA),
  he: runScheme(DEFAULT_CONFIG, 'he', DATA),
};
const INPUT_SD = populationSd(DATA.train.x, DATA.train.x.length);

test('zeros: the activations of every hidden layer have sd exactly 0, at iteration 0 and after 15000 iterations', () => {
  const { start, end } = NOTEBOOK.zeros.diagnostics;
  assert.deepEqual(hiddenSd(start), [0, 0]);
  assert.deepEqual(hiddenSd(end), [0, 0]);
});

test('random ×10: the activation sd grows layer after layer (0.644 → 5.17 → 147 at iteration 0)', () => {
  const sd = hiddenSd(NOTEBOOK.random.diagnostics.start);
  assert.ok(Math.abs(INPUT_SD - 0.6444) < 1e-3, `input sd ${INPUT_SD}`);
  assert.ok(Math.abs(sd[0]! - 5.173) < 1e-2 && Math.abs(sd[1]! - 146.6) < 0.1, `hidden sd ${sd}`);
  // Each layer multiplies the spread: ×8 into layer 1, ×28 into layer 2.
  assert.ok(sd[0]! > 5 * INPUT_SD && sd[1]! > 5 * sd[0]!, `grows: ${INPUT_SD} → ${sd}`);
  // And the sigmoid sits at exactly 0 or 1 on every point (its sd 0: all the same class).
  assert.equal(NOTEBOOK.random.diagnostics.start.saturated, 1);
});

test('He: the activation sd stays of the same order layer after layer (0.644 → 0.517 → 0.655 at 0; 0.763, 0.811 at the end)', () => {
  for (const [when, d] of Object.entries(NOTEBOOK.he.diagnostics)) {
    let prev = INPUT_SD;
    for (const sd of hiddenSd(d)) {
      assert.ok(sd > prev / 2 && sd < prev * 2, `${when}: ${prev} → ${sd}`);
      prev = sd;
    }
  }
  const sd = hiddenSd(NOTEBOOK.he.diagnostics.start);
  assert.ok(Math.abs(sd[0]! - 0.5173) < 1e-3 && Math.abs(sd[1]! - 0.6554) < 1e-3, `${sd}`);
});

test('a tiny network by hand: activation sd, dead units, norms, gradients, saturation and accuracy', () => {
  // Two points (1, 0) and (2, 1), labels 1 and 0; layers 2-2-1.
  const train = { m: 2, x: Float64Array.of(1, 2, 0, 1), y: Float64Array.of(1, 0) };
  const p: Params = {
    layers: [2, 2, 1],
    W: [Float64Array.of(1, 0, 0, -1), Float64Array.of(1, 1)],
    b: [Float64Array.of(0, 0), Float64Array.of(0)],
  };
  const d = diagnoseAt(p, 0.5, train, train);
  // a1 = relu([[1, 2], [0, -1]]) = [[1, 2], [0, 0]]: mean 0.75, Σ(a - mean)² = 2.75 over 4 values.
  const [l1, l2] = d.layers;
  assert.equal(l1!.activationSd, Math.sqrt(2.75 / 4));
  assert.equal(l1!.dead, 0.5, 'unit 2 is 0 on both points');
  assert.equal(l1!.distinct, 2);
  assert.equal(l1!.weightNorm, Math.SQRT2);
  // a2 = σ(1), σ(2): two values, sd = half their difference.
  const s1 = 1 / (1 + Math.exp(-1));
  const s2 = 1 / (1 + Math.exp(-2));
  assert.ok(Math.abs(l2!.activationSd - (s2 - s1) / 2) < 1e-15);
  assert.equal(d.saturated, 0, 'σ(1)·(1 - σ(1)) and σ(2)·(1 - σ(2)) are well above 0.01');
  assert.equal(d.trainAccuracy, 0.5, 'both predicted 1');
  // dz2 = (a2 - y) / 2; dW2 = dz2 · a1ᵀ = [dz2·(1, 2), 0]; dW1 = (dz2 on the live unit) · xᵀ.
  const dz = [(s1 - 1) / 2, s2 / 2];
  const dW2 = Math.abs(dz[0]! + 2 * dz[1]!);
  assert.ok(Math.abs(l2!.gradNorm - dW2) < 1e-12, `${l2!.gradNorm} vs ${dW2}`);
  assert.ok(Math.abs(l1!.gradNorm - Math.hypot(dz[0]! + 2 * dz[1]!, dz[1]!)) < 1e-12);
  assert.deepEqual(p.W[0], Float64Array.of(1, 0, 0, -1), 'the parameters are not touched');
  assert.equal(populationSd(Float64Array.of(3, 3, 3), 3), 0, 'a constant layer has sd exactly 0');
  assert.equal(populationSd(Float64Array.of(1e9 + 1, 1e9 - 1), 2), 1, 'an offset does not eat the spread');
  assert.ok(Number.isNaN(populationSd(Float64Array.of(Infinity, 1), 2)));
});

test('diagnostics at 0, taken on a copy, equal those of the real first step bracketed by snapshots', () => {
  for (const scheme of ['zeros', 'random', 'he']) {
    const run = new Run(DEFAULT_CONFIG, { scheme, seed: 3 }, DATA);
    const before = cloneParams(run.params());
    run.advance(1);
    const theory = run.startDiagnostics.theory ?? undefined;
    assert.deepEqual(
      run.startDiagnostics,
      diagnose(before, run.params(), DEFAULT_CONFIG.learningRate, DATA.train, DATA.test, theory),
      scheme,
    );
  }
});

test("a run's numbers are bit-identical to the bare kernel's: diagnostics at 0 and at the end change nothing", () => {
  const config = { ...DEFAULT_CONFIG, iterations: 3000 };
  for (const scheme of ['zeros', 'random', 'he']) {
    const result = runScheme(config, scheme, DATA);
    const k = KERNELS['auto']!.make(initialParams(config.layers, lookupScheme(scheme), config.seed), DATA.train, config.learningRate);
    const costs: [number, number][] = [];
    let last = NaN;
    for (let i = 0; i < config.iterations; i++) {
      last = k.step(i % config.every === 0 || i === config.iterations - 1);
      if (i % config.every === 0) costs.push([i, last]);
    }
    assert.deepEqual(result.costs, costs, scheme);
    assert.ok(Object.is(result.finalCost, last), scheme);
    assert.deepEqual(result.params, k.params(), scheme);
    // The end diagnostics describe exactly the result's network.
    assert.equal(result.diagnostics.end.trainAccuracy, result.trainAccuracy, scheme);
    assert.equal(result.diagnostics.end.testAccuracy, result.testAccuracy, scheme);
    assert.deepEqual(
      result.diagnostics.end.layers.map((l) => l.weightNorm),
      result.params.W.map((w) => Math.sqrt(w.reduce((a, x) => a + x * x, 0))),
      scheme,
    );
  }
});
