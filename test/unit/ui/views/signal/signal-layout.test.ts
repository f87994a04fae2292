import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configFrom } from '../../../../../src/core/config.ts';
import { histogram } from '../../../../../src/core/diagnostics.ts';
import { makeData, runScheme } from '../../../../../src/core/experiment.ts';
import {
  histogramBar,
  histogramLines,
  layerAxis,
  logPlot,
  schemeBlock,
  signalScreen,
  type SignalRun,
} from '../../../../../src/ui/views/signal/signal-layout.ts';

/** A scheme's run, trained in-process, as the signal view sees it once finished. */
function finished(layers: string, scheme: string, iterations = 20): SignalRun {
  const config = configFrom({ layers, schemes: scheme, iterations: String(iterations) });
  const r = runScheme(config, scheme, makeData(config.dataset));
  return { scheme, index: 0, start: r.diagnostics.start, now: { at: iterations, d: r.diagnostics.end } };
}

/** The row (0 = top) of the first `mark` in column `col` of a plot's lines (after the 6-character label). */
function rowOf(lines: readonly string[], col: number, mark: string): number {
  return lines.findIndex((l) => [...l.slice(6)][col] === mark);
}

test('a log plot puts a value ten times larger a decade higher, and draws the theory as a line between positions', () => {
  const p = logPlot(
    [
      { values: [1, 10, 100], mark: '·' },
      { values: [1, 10, 100], mark: '●' },
    ],
    26,
    5,
  );
  assert.equal(p.lines.length, 5);
  const rows = [0, 10, 19].map((c) => rowOf(p.lines, c, '●'));
  assert.ok(rows[0]! > rows[1]! && rows[1]! > rows[2]!, `${rows}\n${p.lines.join('\n')}`);
  assert.ok(
    p.lines.some((l) => l.includes('·')),
    'the theory line between the marks',
  );
  assert.match(p.lines[0]!, /^ +100┤/);
  assert.match(p.lines.at(-1)!, /^ +1┤/);
});

test('a log plot shows an exact zero on its bottom edge and an infinity on its top edge, and counts them', () => {
  const p = logPlot([{ values: [1, 0, Infinity, 10], mark: '●' }], 30, 4);
  assert.equal(p.zeros, 1);
  assert.equal(p.infinite, 1);
  assert.ok(p.lines.at(-1)!.includes('_'));
  assert.ok(p.lines[0]!.includes('↑'));
});

test('the layer axis names the input, the hidden layers and the output, and never overlaps names', () => {
  assert.match(layerAxis(['in', '1', '2', 'out'], 40), /in\s+1\s+2\s+out/);
  const crowded = layerAxis(['in', ...Array.from({ length: 64 }, (_, k) => String(k + 1)), 'out'], 60);
  assert.ok(crowded.trimEnd().endsWith('out'));
  assert.ok(crowded.length <= 60 + 1);
});

test("xavier's predicted and measured signal halves layer after layer on a deep relu network, He's stays level", () => {
  const xavier = finished('2,128x8,1', 'xavier', 2);
  const he = finished('2,128x8,1', 'he', 2);
  // Over six layers (2 → 8) the theory says ×2^-6 for xavier and ×1 for He; finite layers scatter, so within ×2.
  const over = (r: SignalRun) => r.start!.layers[7]!.signal / r.start!.layers[1]!.signal;
  const theory = (r: SignalRun) => r.start!.layers[7]!.signalTheory / r.start!.layers[1]!.signalTheory;
  assert.ok(Math.abs(theory(xavier) - 2 ** -6) < 1e-12 && Math.abs(theory(he) - 1) < 1e-12);
  assert.ok(over(xavier) > 2 ** -7 && over(xavier) < 2 ** -5, `xavier: ×${over(xavier)}`);
  assert.ok(over(he) > 0.5 && over(he) < 2, `he: ×${over(he)}`);
  assert.equal(xavier.start!.theory!.prediction, 'propagates', '2^-8 is not yet a vanishing signal (S > 1e-3)');
  const block = schemeBlock(xavier, 120, 8);
  assert.match(block.title, /^xavier · theory: propagates \(signal ×/);
  assert.equal(block.lines.length, 1 + 8 + 1, 'the heading, the plot rows, the axis');
  assert.ok(block.lines.every((l) => [...l].length <= 120));
});

test("zeros' histograms put every output of a layer in one bin, and the block says its signal is exactly 0", () => {
  const zeros = finished('2,10,5,1', 'zeros');
  const h = zeros.start!.layers[0]!.histogram;
  assert.deepEqual([h.lo, h.hi, h.nonFinite], [0, 0, 0]);
  assert.equal(h.counts[0], 10 * 300);
  assert.equal(histogramBar(h, 12), '█' + ' '.repeat(11));
  assert.match(schemeBlock(zeros, 100, 5).title, /_ = 0/);
});

test('a histogram counts every finite value once, the range from the smallest to the largest, the rest as not finite', () => {
  const h = histogram(Float64Array.from([0, 1, 2, 3, NaN, Infinity, 3]), 7, 3);
  assert.deepEqual(h, { lo: 0, hi: 3, counts: [1, 1, 3], nonFinite: 2 });
  assert.equal(histogram(Float64Array.from([NaN]), 1, 3).nonFinite, 1);
});

test('with more layers than rows the histograms fold the middle with a line that says how many', () => {
  const deep = finished('2,16x40,1', 'he', 2);
  const lines = histogramLines(deep, 120, 10);
  assert.equal(lines.length, 1 + 10);
  assert.ok(
    lines.some((l) => /… 32 layers folded here/.test(l)),
    lines.join('\n'),
  );
  assert.match(lines.at(-1)!, /^out /);
  assert.ok(lines.every((l) => [...l].length <= 120));
});

test('the screen fits its rows at 80×24 and at 120×40, showing a window of schemes around the selected one', () => {
  const runs = ['xavier', 'he', 'gain:2'].map((s, index) => ({ ...finished('2,16x4,1', s, 2), index }));
  for (const [w, h] of [
    [80, 19],
    [120, 35],
  ] as const) {
    const s = signalScreen(runs, 2, w, h);
    const rows = 1 + s.blocks.reduce((n, b) => n + 1 + b.block.lines.length, 0) + 1 + s.histogram.length;
    assert.ok(rows <= h, `${w}×${h}: ${rows} rows`);
    assert.ok(
      s.blocks.some((b) => b.run.scheme === 'gain:2'),
      'the selected scheme is shown',
    );
    assert.equal(s.hidden, 3 - s.blocks.length);
  }
  assert.equal(signalScreen(runs, 0, 120, 35).blocks.length, 3, 'three schemes fit at 120×40');
});

test('at 80 columns every block title and plot heading fits whole, and a block alone takes the rows it has', () => {
  for (const scheme of ['zeros', 'xavier', 'gain:2']) {
    const block = schemeBlock(finished('2,16x4,1', scheme, 2), 80, 6);
    assert.ok(block.title.length <= 80, `${block.title.length} columns: ${block.title}`);
    assert.match(block.title, new RegExp(`^${scheme} · theory: [a-z-]+ \\(signal ×\\S+, gradient ×\\S+\\)`));
    assert.doesNotMatch(block.lines[0]!, /…/, block.lines[0]);
  }
  const runs = ['xavier', 'he', 'gain:2'].map((s, index) => ({ ...finished('2,16x4,1', s, 2), index }));
  const s = signalScreen(runs, 0, 80, 18);
  assert.equal(s.blocks.length, 1);
  const rows = 1 + s.blocks.reduce((n, b) => n + 1 + b.block.lines.length, 0) + 1 + s.histogram.length;
  assert.ok(rows >= 16 && rows <= 18, `one block uses the room: ${rows} of 18 rows`);
  assert.doesNotMatch(s.legend, /mean field/, 'the short legend at 80 columns');
});
