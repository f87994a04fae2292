import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../../src/core/config.ts';
import { distinctRows } from '../../../src/core/diagnostics.ts';
import { makeData, runsOf } from '../../../src/core/experiment.ts';
import { CONTROL } from '../../../src/engine/protocol.ts';
import { TrainingLoop } from '../../../src/engine/training-loop.ts';

const WIDE = { ...DEFAULT_CONFIG, layers: [2, 256, 256, 256, 256, 256, 256, 256, 256, 1], iterations: 100_000, schemes: ['he'] };
const DATA = makeData('circles');

test('at 8 hidden layers of 256 the dashboard’s diagnostics take about a tenth of a run, not most of it', { timeout: 120_000 }, () => {
  // The loop times its own diagnosed steps; here they are timed from outside, over one stretch of
  // training. Measured 0.10 of the wall time (0.80 when they came every 100 ms whatever they cost).
  const proto = TrainingLoop.prototype as unknown as { diagnosedStep: (at?: number) => void };
  const original = proto.diagnosedStep;
  let inDiagnostics = 0;
  proto.diagnosedStep = function (this: unknown, at?: number) {
    const t = performance.now();
    original.call(this, at);
    inDiagnostics += performance.now() - t;
  };
  try {
    const ctrl = new Int32Array(new SharedArrayBuffer(CONTROL.LENGTH * 4));
    let diagnoses = 0;
    const loop = new TrainingLoop(
      { run: 0, spec: runsOf(WIDE)[0]!, config: WIDE, traceEvery: 10, data: DATA, diagnostics: true },
      ctrl,
      (m) => {
        if (m.type === 'progress' && m.diag) diagnoses++;
      },
    );
    const t0 = performance.now();
    // Long enough for a few diagnoses at any load: each takes ~0.3 s idle, several seconds beside other work.
    while (performance.now() - t0 < 8000 || diagnoses < 3) loop.next();
    const share = inDiagnostics / (performance.now() - t0);
    assert.ok(share < 0.3, `diagnostics took ${(share * 100).toFixed(0)} % of the run (${diagnoses} of them)`);
  } finally {
    proto.diagnosedStep = original;
  }
});

test('the symmetry meter’s hash of 256×256 weights counts what string keys of every row count', () => {
  const rows = 256;
  const cols = 256;
  const W = new Float64Array(rows * cols);
  let x = 1;
  for (let i = 0; i < W.length; i++) W[i] = ((x = (x * 48271) % 2147483647) / 2147483647) * 2 - 1;
  // Copies of row 0, a row that differs from it only as −0 against 0 (equal), NaN rows (equal to each other).
  for (const r of [10, 20, 30]) W.copyWithin(r * cols, 0, cols);
  W[0] = 0;
  for (const r of [10, 20]) W[r * cols] = 0;
  W[30 * cols] = -0;
  for (const r of [40, 41]) W.fill(NaN, r * cols, (r + 1) * cols);
  const b = new Float64Array(rows);
  const key = (r: number) =>
    Array.from(W.subarray(r * cols, (r + 1) * cols), (v) => (Object.is(v, -0) ? '0' : String(v))).join(',') + `|${b[r]}`;
  const reference = new Set(Array.from({ length: rows }, (_, r) => key(r))).size;
  assert.equal(reference, rows - 4);
  assert.equal(distinctRows(W, b, rows, cols), reference);
  b[20] = 1; // a bias apart makes the unit apart
  assert.equal(distinctRows(W, b, rows, cols), reference + 1);
});
