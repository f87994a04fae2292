import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveActivation } from '../../../src/core/activations.ts';
import { DEFAULT_CONFIG, LIMITS } from '../../../src/core/config.ts';
import { initialParams, makeData, Run } from '../../../src/core/experiment.ts';
import { KERNELS } from '../../../src/core/kernel-table.ts';
import { resolveScheme } from '../../../src/core/schemes.ts';
import { inputSignal, networkTheory, predict, schemeVariances, theoryOf } from '../../../src/core/theory.ts';

/** SPEC §6.4–6.5 by hand on cases the lecture states, and a network at the depth limit. */

const DATA = makeData('circles');
const relu = resolveActivation('relu')!;
const deep = (width: number, depth: number): number[] => [2, ...Array.from({ length: depth }, () => width), 1];

test('relu with gain G multiplies the signal by G²/2 a layer: He keeps it, Xavier halves it', () => {
  const layers = deep(20, 6);
  const q0 = 0.4;
  const he = networkTheory(layers, relu, schemeVariances(layers, resolveScheme('he')!), q0);
  // q_1 = p·v·q_0 = 2·(2/2)·q_0 = 2·q_0 from the input (no relu before layer 1); then q/2 · 20 · 2/20 = q.
  he.signal.slice(1).forEach((q) => assert.ok(Math.abs(q - he.signal[0]!) <= 1e-14 * q, `he keeps ${q}`));
  assert.equal(he.prediction, 'propagates');
  const xavier = networkTheory(layers, relu, schemeVariances(layers, resolveScheme('xavier')!), q0);
  for (let l = 1; l < xavier.signal.length; l++) assert.ok(Math.abs(xavier.signal[l]! / xavier.signal[l - 1]! - 0.5) < 1e-14);
  assert.ok(Math.abs(xavier.gradientRatio - 0.5 ** 5) < 1e-15, `r_1 = (1/2)^5: ${xavier.gradientRatio}`);
});

test('the prediction takes the first match: signal before gradient, vanishing before exploding', () => {
  assert.equal(predict(1e-4, 1e9), 'vanishing-signal');
  assert.equal(predict(1e4, 1e-9), 'exploding-signal');
  assert.equal(predict(1, 1e-4), 'vanishing-gradient');
  assert.equal(predict(1, 1e4), 'exploding-gradient');
  assert.equal(predict(1e-3, 1e3), 'propagates', 'the bounds themselves propagate');
  const layers = deep(10, 3);
  assert.equal(theoryOf(layers, undefined, resolveScheme('zeros')!, DATA.train).prediction, 'vanishing-signal');
  assert.equal(theoryOf(layers, 'relu', resolveScheme('random')!, DATA.train).prediction, 'exploding-signal');
  assert.equal(theoryOf(deep(10, 1), 'tanh', resolveScheme('he')!, DATA.train).gradientRatio, 1, 'one hidden layer: R = 1');
});

test('torch-default adds its bias variance to every layer, and q_0 is the mean of x²', () => {
  const layers = [2, 4, 1];
  const t = theoryOf(layers, 'linear', resolveScheme('torch-default')!, DATA.train);
  const q0 = inputSignal(DATA.train.x);
  assert.equal(t.inputSignal, q0);
  assert.ok(Math.abs(t.signal[0]! - (2 * (1 / 6) * q0 + 1 / 6)) < 1e-15);
  assert.ok(Math.abs(t.signal[1]! - (4 * (1 / 12) * t.signal[0]! + 1 / 12)) < 1e-15);
  assert.ok(Number.isNaN(t.gradSignal[1]!), 'no gradient theory for the output layer');
});

test(`a network of ${LIMITS.hiddenLayers} hidden layers of ${LIMITS.units} units builds, steps and is diagnosed`, () => {
  const layers = deep(LIMITS.units, LIMITS.hiddenLayers);
  const small = { m: 12, x: DATA.train.x.subarray(0, 24).slice(), y: DATA.train.y.subarray(0, 12).slice() };
  // The inputs are 2 × m, unit-major: take the first 12 points of each coordinate.
  for (let j = 0; j < 12; j++) small.x[12 + j] = DATA.train.x[DATA.train.m + j]!;
  for (const activation of ['relu', 'tanh', 'selu']) {
    const p = initialParams(layers, resolveScheme('glorot')!, 3, activation);
    assert.equal(p.W.length, LIMITS.hiddenLayers + 1);
    const k = KERNELS['auto']!.make(p, small, 0.01);
    assert.ok(Number.isFinite(k.step(true)), `${activation}: a finite cost`);
    const cost = k.step(true);
    assert.ok(cost > 0 && Number.isFinite(cost));
    // At the widest hidden layer every activation has the layer kernel (kernel-table.ts).
    assert.equal(k.name, 'layer', `${activation}: auto trains the widest, deepest network on layer`);
  }
  const config = { ...DEFAULT_CONFIG, layers, activation: 'tanh', iterations: 2, every: 1 };
  const run = new Run(config, { scheme: 'he-uniform', seed: 3 }, { train: small, test: small });
  run.advance(2);
  const d = run.result().diagnostics.start;
  assert.equal(d.layers.length, LIMITS.hiddenLayers + 1);
  assert.ok(d.layers.every((l) => Number.isFinite(l.signal) && Number.isFinite(l.signalTheory)));
  assert.equal(d.theory!.signal.length, LIMITS.hiddenLayers + 1);
});
