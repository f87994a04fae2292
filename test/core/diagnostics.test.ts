import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose, distinctRows } from '../../src/core/diagnostics.ts';
import { DEFAULT_CONFIG } from '../../src/core/config.ts';
import { makeData, Run } from '../../src/core/experiment.ts';
import { cloneParams } from '../../src/core/network.ts';
import { startRace } from '../../src/engine/race.ts';
import type { RunEvent } from '../../src/engine/protocol.ts';
import { sparkline } from '../../src/ui/sparkline.ts';

const DATA = makeData('circles');

function diagAfter(scheme: string, iterations: number) {
  const run = new Run(DEFAULT_CONFIG, { scheme, seed: 3 }, DATA);
  run.advance(iterations);
  const before = cloneParams(run.params());
  run.advance(1);
  return diagnose(before, run.params(), DEFAULT_CONFIG.learningRate, DATA.train);
}

test('zeros: every hidden layer has one distinct unit and identical gradients, however long it trains', () => {
  for (const iterations of [0, 500, 3000]) {
    const d = diagAfter('zeros', iterations);
    assert.deepEqual(d.layers.map((l) => l.units), [10, 5, 1]);
    assert.deepEqual(d.layers.slice(0, 2).map((l) => l.distinct), [1, 1], `symmetry meter at ${iterations}`);
    assert.deepEqual(d.layers.slice(0, 2).map((l) => l.distinctGrads), [1, 1], 'identical gradients');
  }
});

test('He: every unit distinct, finite norms, some gradient everywhere; random ×10 starts saturated', () => {
  const he = diagAfter('he', 200);
  assert.deepEqual(he.layers.slice(0, 2).map((l) => l.distinct), [10, 5]);
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
  const d = diagnose(before, run.params(), DEFAULT_CONFIG.learningRate, DATA.train);
  // He's W3 gradient at iteration 0, from the notebook network (dW3 = dz3 · a2ᵀ), via a 0-lr generic step.
  assert.ok(d.layers.every((l) => l.gradNorm > 1e-4 && l.gradNorm < 10));
  assert.equal(distinctRows(Float64Array.of(1, 2, 1, 2, 3, 4), undefined, 3, 2), 2);
  assert.equal(distinctRows(Float64Array.of(1, 2, 1, 2), Float64Array.of(0, 1), 2, 2), 2, 'the bias counts');
});

test('a race asked for diagnostics streams them with the progress, and the numbers stay the same', async () => {
  const config = { ...DEFAULT_CONFIG, iterations: 3000, every: 500, schemes: ['zeros', 'he'] };
  const events: RunEvent[] = [];
  const race = startRace(config, { data: DATA, diagnostics: true, pace: 6000 }, (e) => events.push(e));
  const outcomes = await race.finished;
  const diags = events.filter((e) => e.type === 'progress' && e.diag !== undefined);
  assert.ok(diags.length >= 2, `${diags.length} diagnostics`);
  for (const e of diags) {
    if (e.type !== 'progress' || !e.diag) continue;
    if (e.run === 0) assert.equal(e.diag.layers[0]!.distinct, 1);
    else assert.equal(e.diag.layers[0]!.distinct, 10);
  }
  const plain = await startRace(config, { data: DATA }, () => {}).finished;
  assert.deepEqual(
    outcomes.map((o) => (o.status === 'done' ? o.costs : o.error)),
    plain.map((o) => (o.status === 'done' ? o.costs : o.error)),
  );
});

test('sparklines scale to their own range and mark non-finite values', () => {
  assert.equal(sparkline([0, 1, 2, 3, 4, 5, 6, 7], 8), '▁▂▃▄▅▆▇█');
  assert.equal(sparkline([1, 1, 1], 3), '▄▄▄');
  assert.equal(sparkline([1, NaN, 2], 3), '▁!█');
  assert.equal(sparkline([], 5), '');
  assert.equal(sparkline(Array.from({ length: 100 }, (_, i) => i), 10).length, 10);
});
