import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../../src/core/config.ts';
import { makeData, runScheme, type DoneRun, type FinishedRun } from '../../../src/core/experiment.ts';
import { figure } from '../../../src/results/format.ts';
import { inputSignal, judge, seedsVerdict, signalRatio, verdict, type VerdictKind } from '../../../src/results/verdict.ts';

const DATA = makeData('circles');
/** Six hidden layers of ten ReLUs (or whatever the activation). */
const DEEP = [2, 10, 10, 10, 10, 10, 10, 1];

/** A real run, trained here: the notebook's settings at 2,000 iterations unless told otherwise. */
function train(scheme: string, over: Partial<ExperimentConfig> = {}): DoneRun {
  return runScheme({ ...DEFAULT_CONFIG, iterations: 2000, ...over }, scheme, DATA);
}

function judged(run: FinishedRun, kind: VerdictKind, text: RegExp): void {
  const j = judge(run);
  assert.equal(j.kind, kind, j.text);
  assert.match(j.text, text);
  assert.equal(verdict(run), j.text);
}

const noName = (text: string): void =>
  assert.doesNotMatch(text, /recommended|expect|too-large|tiny weights|fast, steady/, 'no scheme lesson');

test('six hidden layers: ×10 reads its exploding signal and its dead units, 0.01 its vanished signal, not one "learned nothing" for both', () => {
  const random = train('random', { layers: DEEP });
  const small = train('small', { layers: DEEP });
  const [r, s] = [verdict(random), verdict(small)];
  assert.notEqual(r, s);
  // What the numbers say: ×10 at iteration 0, layer 6's activations spread to ~5.6e7; at the end layers 3–6 output 0.
  assert.ok(random.diagnostics.start.layers[5]!.activationSd > 1e7);
  assert.deepEqual(
    random.diagnostics.end.layers.slice(0, 6).map((l) => l.dead === 1),
    [false, false, true, true, true, true],
  );
  assert.equal(r, 'signal exploded, then 92% of the units died: layers 3–6 all dead, nothing learned');
  // 0.01: the output's signal is ~1e-23 of the input's at iteration 0, and the theory said so.
  const start = small.diagnostics.start;
  assert.ok(signalRatio(start, 7 - 1, inputSignal(start)) < 1e-20);
  assert.equal(start.theory?.prediction, 'vanishing-signal');
  assert.equal(s, 'signal vanished at initialization, as predicted: nothing learned');
  for (const run of [random, small]) assert.equal(run.trainAccuracy, 0.5, 'nothing learned indeed');
});

test('six hidden layers: scale:1 beats He and its verdict says it learned, from its saturated start', () => {
  const scale = train('scale:1', { layers: DEEP });
  const he = train('he', { layers: DEEP });
  assert.ok(scale.finalCost < he.finalCost && scale.trainAccuracy > he.trainAccuracy, 'scale:1 is ahead');
  assert.equal(scale.costs[0]![1], Infinity);
  assert.equal(verdict(scale), `learned: cost fell from ∞ (saturated start) to ${figure(scale.finalCost)}, 99.0% train`);
  assert.equal(verdict(he), `learned: cost fell from ${figure(he.costs[0]![1])} to ${figure(he.finalCost)}, 98.7% train`);
  noName(verdict(scale));
});

test('the notebook at 2,000 iterations: He trails ×10, and the verdicts rank them so', () => {
  const he = train('he');
  const random = train('random');
  assert.ok(he.finalCost > random.finalCost && he.trainAccuracy < random.trainAccuracy, 'He is behind at 2,000');
  judged(he, 'barely', /^barely learned: cost fell only 24%, from 0\.883 to 0\.675, 58\.0% train$/);
  judged(random, 'partly', /^partly learned: cost fell from ∞ \(saturated start\) to 0\.598, 62\.0% train$/);
  noName(verdict(he));
});

test('the whole notebook: zeros never breaks symmetry, ×10 learns part of the way from ∞, He learns', () => {
  const n = { iterations: 15000 };
  judged(train('zeros', n), 'symmetric', /^symmetry never broken: all 10 units of layer 1 are the same$/);
  judged(train('random', n), 'partly', /^partly learned: cost fell from ∞ \(saturated start\) to 0\.381, 83\.0% train$/);
  judged(train('he', n), 'learned', /^learned: cost fell from 0\.883 to 0\.0648, 99\.3% train$/);
});

test('a failed run keeps its message; a run still training has no verdict yet', () => {
  judged({ status: 'failed', scheme: 'he', seed: 3, error: 'worker exited (code 1)' }, 'failed', /^failed: worker exited \(code 1\)$/);
  assert.equal(verdict(undefined), 'training…');
});

test('a NaN cost is divergence, and it says when and whether the weights overflowed', () => {
  judged(train('he', { learningRate: 1e300, iterations: 300 }), 'diverged', /^diverged: the weights overflowed, the cost is NaN$/);
  const linear = train('he', { activation: 'linear', learningRate: 3, iterations: 200, every: 1 });
  judged(linear, 'diverged', /^diverged: the weights overflowed, the cost is NaN by iteration 11$/);
  assert.ok(Number.isNaN(linear.costs[11]![1]) && !Number.isNaN(linear.costs[10]![1]), 'iteration 11 is the first NaN');
});

test('a cost still ∞ at the end is saturation, from the start or reached', () => {
  judged(train('random', { iterations: 2 }), 'saturated', /^still saturated: cost ∞ from start to end \(outputs exactly 0 or 1\)$/);
  judged(train('he', { learningRate: 300, iterations: 5, seed: 1 }), 'saturated', /^saturated: the cost became ∞/);
});

test('a network that learned nothing says the first sign of why: dead units', () => {
  // lr 5: one big step kills every unit of the second hidden layer.
  const he = train('he', { learningRate: 5 });
  assert.equal(he.diagnostics.end.layers[1]!.dead, 1);
  judged(he, 'dead', /^33% of the units died: layer 2 all dead, nothing learned$/);
  // A hidden layer of one unit, dead (z < 0 at every point) before the first step.
  const narrow = train('he', { layers: [2, 10, 1, 1], iterations: 5, seed: 2 });
  assert.equal(narrow.diagnostics.start.layers[1]!.dead, 1);
  judged(narrow, 'dead', /^dead from the start: layer 2 all dead, nothing learned$/);
});

test('… a signal that vanished or exploded at initialization, measured, with what the theory said', () => {
  judged(train('small', { iterations: 20 }), 'vanishing-signal', /^signal vanished at initialization, as predicted: nothing learned$/);
  // One unit of the second layer barely alive: the measured signal vanishes where the wide-layer theory says it propagates.
  const narrow = train('he', { layers: [2, 10, 1, 1], iterations: 5 });
  judged(narrow, 'vanishing-signal', /^signal vanished at initialization \(theory: propagates\): nothing learned$/);
  judged(train('random', { iterations: 200 }), 'exploding-signal', /^signal exploded at initialization, as predicted: nothing learned$/);
});

test('… a gradient that vanished or exploded on its way back', () => {
  // Sigmoid layers: the signal carries (it is centred on 0.5), the gradient shrinks by φ′ ≤ 1/4 a layer.
  judged(
    train('xavier', { activation: 'sigmoid', layers: DEEP, iterations: 30 }),
    'vanishing-gradient',
    /^gradient vanished at initialization, as predicted: nothing learned$/,
  );
  // tanh ×3: the chaotic phase, the gradient grows a layer after layer; a step too small to learn.
  judged(
    train('scale:3', { activation: 'tanh', layers: DEEP, iterations: 3, learningRate: 1e-6 }),
    'exploding-gradient',
    /^gradient exploded at initialization, as predicted: nothing learned$/,
  );
});

test('… and otherwise what the cost did: stayed, rose, fell no lower than ln 2 (or to about it, at chance), or an output the same everywhere', () => {
  judged(train('he', { iterations: 2 }), 'nothing', /^learned nothing: the cost stayed at 0\.883$/);
  judged(
    train('orthogonal', { learningRate: 2, iterations: 50, seed: 1 }),
    'nothing',
    /^learned nothing: the cost rose from 0\.694 to 0\.996$/,
  );
  judged(train('he', { iterations: 100 }), 'nothing', /^learned nothing: cost fell from 0\.883 to 0\.735, not below ln 2 = 0\.693$/);
  const thousand = train('he', { iterations: 1000 });
  assert.ok(thousand.finalCost < Math.LN2 && thousand.trainAccuracy < 0.55);
  judged(thousand, 'nothing', /^learned nothing: cost fell from 0\.883 to 0\.688, at chance, about ln 2 = 0\.693$/);
  const flat = train('xavier', { learningRate: 3, iterations: 200, seed: 4 });
  assert.ok(flat.diagnostics.end.layers[2]!.activationSd < 1e-3);
  judged(flat, 'nothing', /^learned nothing: the output is the same for every point$/);
});

test('a flat cost with a rising accuracy is not "nothing learned": the sign of a tiny output can still be right', () => {
  const gaussian = makeData('gaussian');
  // 0.01: the output stays within a hair of 0.5 (cost ln 2), yet its sign sorts the two blobs.
  const small = runScheme({ ...DEFAULT_CONFIG, dataset: 'gaussian', iterations: 3000 }, 'small', gaussian);
  assert.ok(small.finalCost > 0.69 && small.trainAccuracy === 1);
  judged(small, 'vanishing-signal', /^signal vanished at initialization, as predicted: cost stuck at 0\.693, yet 50\.0% → 100\.0% train$/);
  // 20 steps of an orthogonal start on moons: the cost moves under 1%, the accuracy 17 points.
  const moons = runScheme({ ...DEFAULT_CONFIG, dataset: 'moons', iterations: 20, seed: 1 }, 'orthogonal', makeData('moons'));
  judged(moons, 'barely', /^barely learned: cost stuck at 0\.684, yet 48\.7% → 66\.0% train$/);
  // He at lr 3: its cost ends above where it began, its accuracy does not.
  judged(
    train('he', { learningRate: 3, iterations: 200, seed: 1 }),
    'barely',
    /^barely learned: the cost rose to 0\.801, yet 49\.7% → 64\.0% train$/,
  );
  // Without the rise it is nothing: He's two steps on the blobs leave it where it started.
  judged(
    runScheme({ ...DEFAULT_CONFIG, dataset: 'gaussian', iterations: 2 }, 'xavier', gaussian),
    'nothing',
    /^learned nothing: the cost stayed at 0\.671$/,
  );
});

test("over seeds the verdict counts what each seed did, the most first, with a failure's message and the seeds to come", () => {
  const dead = train('he', { learningRate: 3, iterations: 5, seed: 3 });
  const barely = train('he', { learningRate: 3, iterations: 5, seed: 1 });
  assert.equal(judge(dead).kind, 'dead');
  assert.equal(judge(barely).kind, 'barely');
  const failed: FinishedRun = { status: 'failed', scheme: 'he', seed: 9, error: 'out of memory' };
  assert.equal(seedsVerdict([barely, dead, dead], 3), 'units died in 2 of 3 seeds; barely learned in 1');
  assert.equal(seedsVerdict([dead, dead], 2), 'units died in both seeds');
  assert.equal(
    seedsVerdict([barely, failed, dead], 5),
    'failed in 1 of 5 seeds (out of memory); units died in 1; barely learned in 1; 2 still training',
  );
  assert.equal(seedsVerdict([dead, dead, dead], 3), 'units died in all 3 seeds');
  assert.equal(seedsVerdict([], 4), 'training…');
});
