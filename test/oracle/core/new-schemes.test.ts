import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { initParams } from '../../../src/core/network.ts';
import { RandomState } from '../../../src/core/rng.ts';
import { orthonormalColumns, resolveScheme, SCHEMES, schemeNames } from '../../../src/core/schemes.ts';

/** SPEC §6.2: the new schemes' draws against numpy's (oracle/oracle.py's "draws"), and their variances. */

interface Draw {
  scheme: string;
  layers: number[];
  seed: number;
  W: number[][];
  b: number[][];
}
const golden = JSON.parse(readFileSync(new URL('../../golden/oracle.json', import.meta.url), 'utf8')) as { draws: Draw[] };

test("RandomState.uniform is numpy's lo + (hi - lo) · random_sample()", () => {
  const a = new RandomState(3);
  const b = new RandomState(3);
  for (let i = 0; i < 5; i++) assert.equal(a.uniform(-0.5, 2), -0.5 + 2.5 * b.randomSample());
});

test('the golden file holds the draws of every new scheme on tall, wide, square and one-row layers', () => {
  assert.deepEqual(
    golden.draws.map((d) => d.scheme),
    ['glorot', 'glorot-uniform', 'he-uniform', 'torch-default', 'orthogonal', 'orthogonal:0.5'],
  );
  assert.deepEqual(golden.draws[0]!.layers, [2, 10, 5, 5, 1]);
});

for (const want of golden.draws) {
  // Uniform draws are bit for bit; a gaussian goes through log and sqrt, where V8's log may differ
  // from glibc's in the last bit (2e-15 relative); the QR rounds differently from LAPACK's (1e-14).
  const uniform = /uniform|torch/.test(want.scheme);
  const orthogonal = want.scheme.startsWith('orthogonal');
  test(`${want.scheme} draws numpy's initial parameters ${uniform ? 'bit for bit' : orthogonal ? 'to 1e-14 (QR)' : 'to 2e-15 relative'}`, () => {
    const p = initParams(want.layers, resolveScheme(want.scheme)!, new RandomState(want.seed));
    want.W.forEach((w, l) => {
      if (uniform) assert.deepEqual([...p.W[l]!], w, `W${l + 1}`);
      else {
        assert.equal(p.W[l]!.length, w.length);
        w.forEach((x, i) => {
          const err = Math.abs(p.W[l]![i]! - x);
          assert.ok(orthogonal ? err <= 1e-14 : err <= 2e-15 * Math.abs(x), `W${l + 1}[${i}]: ${p.W[l]![i]} vs ${x}`);
        });
      }
    });
    want.b.forEach((b, l) => assert.deepEqual([...p.b[l]!], b, `b${l + 1}`));
  });
}

test('torch-default draws b_l right after W_l, from the same generator', () => {
  const rng = new RandomState(3);
  const p = initParams([2, 3, 1], SCHEMES['torch-default']!, new RandomState(3));
  const k1 = 1 / Math.sqrt(2);
  const k2 = 1 / Math.sqrt(3);
  const seq = [...Array.from({ length: 6 }, () => rng.uniform(-k1, k1)), ...Array.from({ length: 3 }, () => rng.uniform(-k1, k1))];
  assert.deepEqual([...p.W[0]!, ...p.b[0]!], seq);
  assert.deepEqual(
    [...p.W[1]!, ...p.b[1]!],
    Array.from({ length: 4 }, () => rng.uniform(-k2, k2)),
  );
});

test('orthogonal:G gives orthonormal columns (tall) or rows (wide), times G', () => {
  const G = 1.7;
  const p = initParams([2, 6, 3, 1], resolveScheme(`orthogonal:${G}`)!, new RandomState(5));
  const gram = (W: Float64Array, rows: number, cols: number, byRows: boolean): number[][] => {
    const k = byRows ? rows : cols;
    return Array.from({ length: k }, (_, i) =>
      Array.from({ length: k }, (_, j) => {
        let s = 0;
        for (let t = 0; t < (byRows ? cols : rows); t++)
          s += byRows ? W[i * cols + t]! * W[j * cols + t]! : W[t * cols + i]! * W[t * cols + j]!;
        return s;
      }),
    );
  };
  for (const [l, rows, cols] of [
    [0, 6, 2],
    [1, 3, 6],
    [2, 1, 3],
  ] as const) {
    const g = gram(p.W[l]!, rows, cols, rows < cols);
    g.forEach((row, i) =>
      row.forEach((x, j) => assert.ok(Math.abs(x - (i === j ? G * G : 0)) < 1e-12, `layer ${l + 1} (${i}, ${j}): ${x}`)),
    );
  }
});

test("the QR keeps R's diagonal positive: Q of an upper-triangular matrix with a positive diagonal is the identity", () => {
  const A = Float64Array.of(2, 1, 0, 3, 0, 0); // 3 × 2, R = A
  const Q = new Float64Array(6);
  orthonormalColumns(A, 3, 2, Q);
  [1, 0, 0, 1, 0, 0].forEach((x, i) => assert.ok(Math.abs(Q[i]! - x) < 1e-15, `Q[${i}] = ${Q[i]}`));
});

test('each scheme reports the variances of its draws (SPEC §6.4)', () => {
  const v = (name: string, rows: number, cols: number) => resolveScheme(name)!.variances(rows, cols);
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-15 * Math.abs(b);
  assert.deepEqual(v('zeros', 5, 10), { weight: 0, bias: 0 });
  assert.ok(close(v('random', 5, 10).weight, 100));
  assert.ok(close(v('he', 5, 10).weight, 2 / 10));
  assert.ok(close(v('he-uniform', 5, 10).weight, 2 / 10));
  assert.ok(close(v('glorot', 5, 10).weight, 2 / 15));
  assert.ok(close(v('glorot-uniform', 5, 10).weight, 2 / 15));
  assert.ok(close(v('torch-default', 5, 10).weight, 1 / 30));
  assert.ok(close(v('torch-default', 5, 10).bias, 1 / 30));
  assert.ok(close(v('orthogonal', 5, 10).weight, 1 / 10));
  assert.ok(close(v('orthogonal:3', 20, 10).weight, 9 / 20));
  assert.ok(close(v('gain:2', 5, 10).weight, 4 / 10));
  assert.ok(close(v('scale:0.5', 5, 10).weight, 0.25));
  // The sample variance of a large draw agrees (uniform: L²/3; orthogonal: G² / max(n, p)).
  for (const name of ['glorot-uniform', 'he-uniform', 'torch-default', 'orthogonal:2', 'glorot']) {
    const p = initParams([2, 200, 150, 1], resolveScheme(name)!, new RandomState(1));
    const W = p.W[1]!;
    let s = 0;
    for (const x of W) s += x * x;
    const want = v(name, 150, 200).weight;
    assert.ok(Math.abs(s / W.length - want) < 0.03 * want, `${name}: ${s / W.length} vs ${want}`);
  }
});

test('the scheme names accept orthogonal:G for finite G > 0 only, and zeros draws nothing', () => {
  assert.ok(schemeNames().includes('orthogonal:G'));
  for (const bad of ['orthogonal:0', 'orthogonal:-1', 'orthogonal:', 'orthogonal:inf', 'glorot:2'])
    assert.equal(resolveScheme(bad), undefined, bad);
  const rng = new RandomState(3);
  initParams([2, 10, 5, 1], SCHEMES['zeros']!, rng);
  assert.equal(rng.gauss(), new RandomState(3).gauss(), 'no draws');
});
