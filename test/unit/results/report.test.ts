import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../../src/core/config.ts';
import { diagnoseAt } from '../../../src/core/diagnostics.ts';
import { makeData } from '../../../src/core/experiment.ts';
import { zeroParams } from '../../../src/core/network.ts';
import { formatReport, reportChunks, toReport } from '../../../src/results/report.ts';

const DATA = makeData('circles');
const d = diagnoseAt(zeroParams([2, 1]), 0.1, DATA.train, DATA.test);

test('a sweep report with a failed seed keeps its place and summarises the rest', () => {
  const report = toReport(
    { ...DEFAULT_CONFIG, layers: [2, 1], learningRate: 0.1, iterations: 1, seed: 10, every: 1, schemes: ['he'], seeds: 2 },
    [
      {
        status: 'done',
        scheme: 'he',
        seed: 10,
        costs: [[0, 0.5]],
        trainAccuracy: 0.9,
        testAccuracy: 0.8,
        finalCost: 0.5,
        seconds: 1,
        params: zeroParams([2, 1]),
        diagnostics: { start: d, end: d },
      },
      { status: 'failed', scheme: 'he', seed: 11, error: 'boom' },
    ],
  );
  const he = report.runs[0]!;
  assert.deepEqual(
    he.seeds!.map((s) => [s.seed, s.error]),
    [
      [10, undefined],
      [11, 'boom'],
    ],
  );
  assert.equal(he.seeds![1]!.diagnostics, null, 'a failed seed has no diagnostics');
  assert.equal(he.seeds![0]!.diagnostics!.end.iteration, 1);
  assert.deepEqual(he.summary!.trainAccuracy, { mean: 0.9, sd: 0, min: 0.9, max: 0.9 });
});

const NUMBER = String.raw`(?:-?[\d.eE+-]+|null)`;
const PLAIN = String.raw`(?:${NUMBER}|"(?:[^"\\]|\\.)*"|true|false)`;
const FIELD = String.raw`"\w+": ${PLAIN}`;

/** The formatting of the one-string version: JSON.stringify, then each innermost number list, and each object of plain values, on one line. */
function formattedTheOldWay(report: unknown): string {
  return JSON.stringify(report, null, 2)
    .replace(
      new RegExp(String.raw`\[\s*(${NUMBER}(?:,\s*${NUMBER})*)\s*\]`, 'g'),
      (_, inner: string) => `[${inner.split(/,\s*/).join(', ')}]`,
    )
    .replace(
      new RegExp(String.raw`\{\s*(${FIELD}(?:,\s*${FIELD})*)\s*\}`, 'g'),
      (_, inner: string) => `{ ${inner.split(/,\s*/).join(', ')} }`,
    );
}

test('the document text, made in pieces, is the same text as before, non-finite costs written null', () => {
  const done = (seed: number, costs: [number, number][]) =>
    ({
      status: 'done',
      scheme: 'random',
      seed,
      costs,
      trainAccuracy: 0.83,
      testAccuracy: 0.86,
      finalCost: 0.38,
      seconds: 1.5,
      params: zeroParams([2, 1]),
      diagnostics: { start: d, end: d },
    }) as const;
  const costs: [number, number][] = [
    [0, Infinity],
    [1000, 0.62],
    [2000, NaN],
    [3000, -0],
    [4000, 1e-300],
    [5000, 1e21],
  ];
  for (const report of [
    toReport({ ...DEFAULT_CONFIG, schemes: ['random'] }, [done(3, costs)]),
    toReport({ ...DEFAULT_CONFIG, schemes: ['random', 'he'], seeds: 2, noise: 0.1 }, [
      done(3, costs),
      done(4, costs),
      { status: 'failed', scheme: 'he', seed: 3, error: 'boom' },
      done(4, []),
    ]),
    toReport({ ...DEFAULT_CONFIG, dataset: 'csv', data: { train: 'a.csv', test: null } }, []),
  ]) {
    const text = formatReport(report);
    assert.equal(text, formattedTheOldWay(report));
    assert.equal([...reportChunks(report)].join(''), text);
    assert.deepEqual(
      (JSON.parse(text) as { runs: { costs: unknown[] }[] }).runs[0]?.costs.slice(0, 3) ?? [],
      report.runs.length
        ? [
            [0, null],
            [1000, 0.62],
            [2000, null],
          ]
        : [],
    );
  }
});

test('a document of a million costs comes in pieces of about 64 K characters', () => {
  const costs = Array.from({ length: 1_000_000 }, (_, i) => [i, 1 / (i + 1)] as [number, number]);
  const report = toReport({ ...DEFAULT_CONFIG, iterations: 1_000_000, every: 1, schemes: ['he'] }, [
    {
      status: 'done',
      scheme: 'he',
      seed: 3,
      costs,
      trainAccuracy: 1,
      testAccuracy: 1,
      finalCost: 1e-6,
      seconds: 1,
      params: zeroParams([2, 1]),
      diagnostics: { start: d, end: d },
    },
  ]);
  let pieces = 0;
  let longest = 0;
  let length = 0;
  for (const chunk of reportChunks(report)) {
    pieces++;
    longest = Math.max(longest, chunk.length);
    length += chunk.length;
  }
  assert.ok(pieces > 400, `${pieces} pieces`);
  assert.ok(longest < 70_000, `the longest piece has ${longest} characters`);
  assert.ok(length > 30_000_000);
});
