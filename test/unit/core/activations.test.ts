import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  ACTIVATIONS,
  activationNames,
  gaussianMean,
  resolveActivation,
  SELU_ALPHA,
  SELU_LAMBDA,
  type Activation,
} from '../../../src/core/activations.ts';

/**
 * The activation table (SPEC §6.1, §6.4): every derivative against a finite
 * difference of its own forward op, the gains, the closed-form moments against
 * the quadrature, and every moment against scipy's quad (oracle/oracle.py).
 */

const NAMES = ['relu', 'leaky-relu', 'leaky-relu:0.3', 'tanh', 'sigmoid', 'linear', 'selu'];
const act = (name: string): Activation => resolveActivation(name)!;

/** φ(z) and the backward's φ′ at points, through the row's array ops. */
function phi(a: Activation, zs: readonly number[]): Float64Array {
  const out = Float64Array.from(zs);
  a.forward(out, out.length);
  return out;
}
function slope(a: Activation, zs: readonly number[]): Float64Array {
  const z = Float64Array.from(zs);
  const d = new Float64Array(zs.length).fill(1);
  a.backward(d, z, phi(a, zs), zs.length);
  return d;
}

test('every activation in the help list resolves, and unknown or out-of-range names do not', () => {
  for (const n of NAMES) assert.equal(act(n).name, n);
  assert.deepEqual(activationNames(), [...Object.keys(ACTIVATIONS), 'leaky-relu:A']);
  for (const bad of [
    '',
    'ReLU',
    'leaky-relu:0',
    'leaky-relu:1',
    'leaky-relu:1.5',
    'leaky-relu:-0.1',
    'leaky-relu:',
    'leaky-relu:x',
    'tanh:2',
    'softplus',
  ]) {
    assert.equal(resolveActivation(bad), undefined, bad);
  }
  assert.equal(resolveActivation('leaky-relu:.2')!.name, 'leaky-relu:.2');
});

test("every activation's derivative in backprop matches a central finite difference of its forward op", () => {
  const zs = [-4.3, -1.7, -0.6, -0.05, 0.05, 0.3, 0.9, 2.2, 5.1];
  const h = 1e-6;
  for (const n of NAMES) {
    const a = act(n);
    const up = phi(
      a,
      zs.map((z) => z + h),
    );
    const down = phi(
      a,
      zs.map((z) => z - h),
    );
    const d = slope(a, zs);
    zs.forEach((z, i) => {
      const fd = (up[i]! - down[i]!) / (2 * h);
      assert.ok(Math.abs(fd - d[i]!) <= 1e-7 * Math.max(1, Math.abs(fd)), `${n} at ${z}: finite difference ${fd}, backprop ${d[i]}`);
    });
  }
});

test("the forward ops are numpy's: relu keeps NaN, leaky scales by A, selu uses expm1, tanh saturates", () => {
  assert.ok(Number.isNaN(phi(act('relu'), [NaN])[0]!));
  assert.deepEqual([...phi(act('relu'), [-2, 0, 3])], [0, 0, 3]);
  assert.deepEqual([...phi(act('leaky-relu:0.3'), [-2, 3])], [0.3 * -2, 3]);
  assert.equal(phi(act('selu'), [-1e-10])[0], SELU_LAMBDA * (SELU_ALPHA * Math.expm1(-1e-10)));
  assert.equal(phi(act('selu'), [2])[0], SELU_LAMBDA * 2);
  assert.deepEqual([...phi(act('tanh'), [50, -50])], [1, -1]);
  assert.deepEqual([...phi(act('linear'), [-7, 7])], [-7, 7]);
});

test("relu's slope is the notebook's mask a > 0: it keeps -0 and NaN, and ∞·0 stays NaN", () => {
  const a = act('relu');
  const d = Float64Array.of(-0, NaN, Infinity, 3, 3);
  a.backward(d, new Float64Array(5), Float64Array.of(1, 1, 0, 0, 2), 5);
  assert.ok(Object.is(d[0], -0));
  assert.ok(Number.isNaN(d[1]!));
  assert.ok(Number.isNaN(d[2]!), '∞ · 0');
  assert.ok(Object.is(d[3], 0));
  assert.equal(d[4], 3);
});

test('the gains are PyTorch calculate_gain', () => {
  assert.equal(act('linear').gain, 1);
  assert.equal(act('sigmoid').gain, 1);
  assert.equal(act('tanh').gain, 5 / 3);
  assert.equal(act('relu').gain, Math.SQRT2);
  assert.equal(act('leaky-relu').gain, Math.sqrt(2 / (1 + 0.01 ** 2)));
  assert.equal(act('leaky-relu:0.3').gain, Math.sqrt(2 / (1 + 0.3 ** 2)));
  assert.equal(act('selu').gain, 3 / 4);
});

test('the closed-form moments of relu, leaky-relu and linear equal the quadrature of their own ops', () => {
  for (const n of ['relu', 'leaky-relu', 'leaky-relu:0.3', 'linear']) {
    const a = act(n);
    for (const q of [1e-6, 0.01, 0.5, 1, 3, 40, 1e4]) {
      const e2 = gaussianMean((z) => phi(a, [z])[0]! ** 2, q);
      const d2 = gaussianMean((z) => slope(a, [z])[0]! ** 2, q);
      assert.ok(Math.abs(e2 - a.meanSquare(q)) <= 1e-12 * a.meanSquare(q), `${n} E[φ²] at q=${q}: ${e2} vs ${a.meanSquare(q)}`);
      assert.ok(Math.abs(d2 - a.meanSquareSlope(q)) <= 1e-12 * a.meanSquareSlope(q), `${n} E[φ′²] at q=${q}`);
    }
  }
  assert.equal(act('relu').meanSquare(2), 1);
  assert.equal(act('relu').meanSquareSlope(2), 0.5);
  assert.equal(act('linear').meanSquare(2), 2);
  assert.equal(act('leaky-relu:0.3').meanSquareSlope(7), (1 + 0.09) / 2);
});

interface GoldenMoment {
  activation: string;
  q: number;
  meanSquare: number;
  meanSquareSlope: number;
}
const golden = JSON.parse(readFileSync(new URL('../../golden/oracle.json', import.meta.url), 'utf8')) as { moments: GoldenMoment[] };

test('every moment is within 1e-6 relative of scipy quad, from q = 1e-8 to 1e8 (oracle golden)', () => {
  assert.ok(golden.moments.length >= 60);
  const names = new Set(golden.moments.map((m) => m.activation));
  for (const n of ['relu', 'leaky-relu', 'tanh', 'sigmoid', 'linear', 'selu']) assert.ok(names.has(n), n);
  for (const g of golden.moments) {
    const a = act(g.activation);
    for (const [got, want, what] of [
      [a.meanSquare(g.q), g.meanSquare, 'E[φ²]'],
      [a.meanSquareSlope(g.q), g.meanSquareSlope, 'E[φ′²]'],
    ] as const) {
      const err = Math.abs(got - want) / Math.abs(want);
      assert.ok(err <= 1e-6, `${g.activation} ${what} at q=${g.q}: ${got} vs ${want} (${err.toExponential(1)})`);
    }
  }
});

test('the moments at q = 0 and q = ∞ are the limits: the value at 0, the mean of the two tails', () => {
  assert.equal(act('sigmoid').meanSquare(0), 0.25);
  assert.equal(act('tanh').meanSquareSlope(0), 1);
  assert.equal(act('tanh').meanSquare(Infinity), 1);
  assert.equal(act('sigmoid').meanSquare(Infinity), 0.5);
  assert.equal(act('selu').meanSquareSlope(Infinity), (SELU_LAMBDA * SELU_LAMBDA) / 2);
  assert.ok(Number.isNaN(act('tanh').meanSquare(NaN)));
});
