import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCsv, splitTrainTest } from '../../../src/core/csv.ts';
import { RandomState } from '../../../src/core/rng.ts';

test('the CSV reader refuses each kind of bad file with the line that is wrong', () => {
  const cases: [string, number, RegExp][] = [
    ['', 1, /the file is empty/],
    ['\n\n', 1, /the file is empty/],
    ['a,b,c\n1,2,0\n', 1, /expected the header x1,x2,label, got "a,b,c"/],
    ['x1,x2,label\n', 2, /a header but no data rows/],
    ['x1,x2,label\n0.1,0.2,1\n0.3,abc,0\n', 3, /x2 is not a finite number: "abc"/],
    ['x1,x2,label\n0.1,0.2,2\n', 2, /label must be 0 or 1, got "2"/],
    ['x1,x2,label\n0.1,0.2\n', 2, /expected 3 columns \(x1,x2,label\), got 2/],
    ['x1,x2,label\n0.1,0.2,1,5\n', 2, /expected 3 columns/],
    ['x1,x2,label\n1e999,0,1\n', 2, /x1 is not a finite number/],
  ];
  for (const [text, line, pattern] of cases) {
    const r = parseCsv(text);
    assert.equal(r.ok, false, JSON.stringify(text));
    if (!r.ok) {
      assert.equal(r.line, line, JSON.stringify(text));
      assert.match(r.message, pattern);
    }
  }
  const good = parseCsv('\uFEFFx1, x2, label\r\n0.5,-1,1\r\n\r\n-0.25,2e-1,0\r\n');
  assert.ok(good.ok);
  if (good.ok) {
    assert.deepEqual(Array.from(good.data.x), [0.5, -0.25, -1, 0.2]);
    assert.deepEqual(Array.from(good.data.y), [1, 0]);
  }
});

test('without --test-data the file is split 75/25, seeded, nothing lost or repeated', () => {
  const n = 41;
  const x = Float64Array.from({ length: 2 * n }, (_, i) => i);
  const y = Float64Array.from({ length: n }, (_, i) => i % 2);
  const a = splitTrainTest({ m: n, x, y }, new RandomState(1));
  const b = splitTrainTest({ m: n, x, y }, new RandomState(1));
  assert.equal(a.train.m, 31);
  assert.equal(a.test.m, 10);
  assert.deepEqual(Array.from(a.train.x), Array.from(b.train.x));
  const firsts = [...Array.from(a.train.x.subarray(0, 31)), ...Array.from(a.test.x.subarray(0, 10))].sort((p, q) => p - q);
  assert.deepEqual(
    firsts,
    Array.from({ length: n }, (_, i) => i),
  );
});
