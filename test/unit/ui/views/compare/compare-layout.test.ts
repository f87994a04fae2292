import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../../../../src/core/config.ts';
import { populationSd } from '../../../../../src/core/diagnostics.ts';
import { makeData, runScheme } from '../../../../../src/core/experiment.ts';
import {
  compareColumn,
  compareColumns,
  compareTable,
  lineText,
  pack,
  planLines,
  planRows,
  verdictLines,
  wrap,
  type CompareColumn,
} from '../../../../../src/ui/views/compare/compare-layout.ts';
import { figure, share } from '../../../../../src/results/format.ts';
import { beyond, inputSignal, signalRatio, verdict } from '../../../../../src/results/verdict.ts';
import type { Key } from '../../../../../src/ui/input/input.ts';
import { footerHints, helpRows, keyIntent } from '../../../../../src/ui/input/keys.ts';
import { schemeGroups } from '../../../../../src/ui/state/selectors.ts';
import { initialState, reduce, type DashboardState } from '../../../../../src/ui/state/reducer.ts';

const DATA = makeData('circles');
const INPUT_SD = populationSd(DATA.train.x, DATA.train.x.length);
const CONFIG = { ...DEFAULT_CONFIG, iterations: 3000 };
const RESULTS = ['zeros', 'random', 'he'].map((s) => runScheme(CONFIG, s, DATA));

/** The dashboard's state after the three runs of CONFIG finished. */
function finishedState(): DashboardState {
  const s = initialState(CONFIG, DATA);
  return reduce(s, {
    type: 'events',
    raceId: 0,
    events: RESULTS.map((r, run) => ({ type: 'finished' as const, run, result: r })),
  });
}

const columnsOf = (s: DashboardState): CompareColumn[] => schemeGroups(s).map((g) => compareColumn(g, s.config.iterations, s.paused));
const table = (cols: readonly CompareColumn[], width: number, height: number, selected = 0, layers = CONFIG.layers) =>
  compareTable(cols, { width, height, selected, layers, inputSd: INPUT_SD, marks: true });
const text = (t: ReturnType<typeof table>) => t.lines.map(lineText).join('\n');

test('figures read with 3 significant digits, exactly 0 as "0", shares as whole percentages that never round to 0', () => {
  assert.equal(figure(0), '0');
  assert.equal(figure(146.55624255402378), '147');
  assert.equal(figure(0.008489), '0.00849');
  assert.equal(figure(2.952e-5), '2.95e-5');
  assert.equal(figure(12345), '1.23e+4');
  assert.equal(figure(Infinity), '∞');
  assert.equal(figure(NaN), 'NaN');
  assert.equal(share(0.27666), '28%');
  assert.equal(share(1), '100%');
  assert.equal(share(0), '0%');
  assert.equal(share(0.001), '<1%');
  assert.equal(share(0.999), '>99%');
});

test('columns share the width; past what fits they scroll with the highlighted one', () => {
  assert.deepEqual(compareColumns(120, 3, 0), { labelWidth: 20, columnWidth: 33, first: 0, visible: 3 });
  assert.deepEqual(compareColumns(80, 3, 2), { labelWidth: 17, columnWidth: 21, first: 0, visible: 3 });
  // Six schemes in 80 columns: three at a time, the window follows the highlight.
  assert.deepEqual(
    [0, 2, 3, 5].map((sel) => compareColumns(80, 6, sel).first),
    [0, 0, 1, 3],
  );
  assert.equal(compareColumns(80, 6, 0).visible, 3);
  // Five schemes in 120 columns: all five, narrower.
  assert.deepEqual(compareColumns(120, 5, 4), { labelWidth: 20, columnWidth: 20, first: 0, visible: 5 });
});

// The App gives the view the terminal's rows less header, footer and one spare row: 37 of 40, 21 of 24.
test('more schemes than fit: the heads and the title say which are out of view', () => {
  const cols = columnsOf(finishedState());
  const five = [...cols, { ...cols[2]!, scheme: 'xavier' }, { ...cols[2]!, scheme: 'small' }];
  const left = table(five, 80, 21, 0);
  assert.deepEqual(
    left.heads.map((h) => h.name),
    ['zeros', 'random', 'he'],
  );
  assert.equal(left.scroll, '2 more ▸');
  const right = table(five, 80, 21, 4);
  assert.deepEqual(
    right.heads.map((h) => [h.index, h.name]),
    [
      [2, 'he'],
      [3, 'xavier'],
      [4, 'small'],
    ],
  );
  assert.equal(right.scroll, '◂ 2 more');
  assert.equal(table(five, 80, 21, 3).scroll, '◂ 1 more · 1 more ▸');
  assert.equal(table(five, 120, 37, 3).scroll, undefined, 'five fit in 120 columns');
  for (const l of right.lines.map(lineText)) assert.ok(l.length <= 80, l);
});

test('the legend packs whole items per line and splits only an item longer than a line', () => {
  assert.deepEqual(pack(['aa bb', 'cc', 'dd ee ff'], 10), ['aa bb · cc', 'dd ee ff']);
  assert.deepEqual(pack(['aaaa bbbb cccc', 'd'], 10), ['aaaa bbbb', 'cccc · d']);
});

test('the plan keeps the richest layout that fits: legend and spacing at 120×40, the bare lesson at 80×24', () => {
  const rich = planRows(37, 2, 3, 4);
  assert.deepEqual(rich, { headings: true, spacing: true, formula: true, layers: 2, outputNorms: true, verdictLines: 3, legend: true });
  assert.equal(planLines(rich, 2, 4), 34);
  // 80×24: 19 rows under a two-line header and over a two-line footer; short labels keep the verdict whole.
  const small = planRows(19, 2, 3, 7);
  assert.deepEqual(small, {
    headings: false,
    spacing: false,
    formula: false,
    layers: 2,
    outputNorms: false,
    verdictLines: 3,
    legend: false,
  });
  assert.equal(planLines(small, 2, 7), 19);
  // Eight hidden layers in 21 rows: the first two, and a note for the rest.
  const deep = planRows(21, 8, 3, 7);
  assert.deepEqual(deep, {
    headings: false,
    spacing: false,
    formula: false,
    layers: 2,
    outputNorms: false,
    verdictLines: 1,
    legend: false,
  });
  assert.equal(planLines(deep, 8, 7), 18);
});

test('a verdict too long for its lines gives its headline, else is cut with an ellipsis', () => {
  const zeros = verdict(RESULTS[0]);
  assert.equal(zeros, 'symmetry never broken: all 10 units of layer 1 are the same');
  assert.deepEqual(verdictLines(zeros, 31, 3), ['symmetry never broken: all 10', 'units of layer 1 are the same']);
  assert.deepEqual(verdictLines(zeros, 19, 3), ['symmetry never', 'broken']);
  assert.deepEqual(verdictLines(zeros, 12, 1), ['symmetry ne…']);
  assert.deepEqual(wrap('a bb ccc', 4), ['a bb', 'ccc']);
});

test('the finished notebook race at 120×40: zeros stays symmetric with no signal, ×10 blows up, He keeps the scale', () => {
  const t = table(columnsOf(finishedState()), 120, 37);
  const out = text(t);
  assert.deepEqual(
    t.heads.map((h) => [h.name, h.rest.trim()]),
    [
      ['zeros', '· done'],
      ['random', '· done'],
      ['he', '· done'],
    ],
  );
  assert.match(out, /^ {20}W = 0 +W = randn · 10 +W = randn · sqrt\(2 \/ n_prev\)$/m);
  assert.match(out, /^ {2}iteration +0 → 3,000 +0 → 3,000 +0 → 3,000$/m);
  assert.match(out, /^hidden layer 1 · 10 ReLU units$/m);
  assert.match(out, /^hidden layer 2 · 5 ReLU units$/m);
  const rows = (label: string) => out.split('\n').filter((l) => l.startsWith(`  ${label} `));
  assert.deepEqual(
    rows('distinct units').map((l) => l.split(/\s{2,}/).slice(2)),
    [
      ['1 → 1', '10 → 10', '10 → 10'],
      ['1 → 1', '5 → 5', '5 → 5'],
    ],
  );
  const sd = rows('activation sd').map((l) => l.split(/\s{2,}/).slice(2));
  assert.deepEqual(
    sd.map((r) => r[0]),
    ['0 → 0', '0 → 0'],
  );
  assert.deepEqual(
    sd.map((r) => r[1]!.split(' → ')[0]),
    ['5.17', '147'],
    '×10: 0.644 → 5.17 → 147 at iteration 0',
  );
  assert.deepEqual(
    sd.map((r) => r[2]!.split(' → ')[0]),
    ['0.517', '0.655'],
    'He: the same order as the input',
  );
  assert.match(out, /^ {2}saturated +0% → 0% +100% → \d+% +0% → \d+%$/m);
  assert.match(out, /^ {2}train accuracy +50\.0% → 50\.0% +50\.0% → [\d.]+% +50\.0% → [\d.]+%$/m);
  // At 3,000 iterations He (62.7% train) is behind ×10 (67.3%): the verdicts say what each run did, not the notebook's lesson.
  assert.deepEqual(
    columnsOf(finishedState()).map((c) => c.verdict),
    RESULTS.map((r) => verdict(r)),
  );
  assert.match(out, /^verdict +symmetry never broken: all 10 +partly learned: cost fell from +barely learned: cost fell only$/m);
  assert.match(out, /^ {20}units of layer 1 are the same +∞ \(saturated start\) to 0\.564, +26%, from 0\.883 to 0\.653, 62\.7%$/m);
  assert.equal(t.legend.length > 0, true);
  for (const l of [...t.lines.map(lineText), ...t.legend]) assert.ok(l.length <= 120, l);
  assert.ok(2 + t.lines.length + (t.legend.length ? t.legend.length + 1 : 0) <= 37, 'fits the height');
});

test('the marks come from the measurements the verdict reads: red where nothing gets through, yellow where it is too large', () => {
  const t = table(columnsOf(finishedState()), 120, 37);
  const marked = (label: string, mark: string) =>
    t.lines.filter((l) => lineText(l).startsWith(`  ${label} `)).map((l) => l.parts.filter((p) => p.mark === mark).map((p) => p.text));
  assert.deepEqual(
    marked('distinct units', 'broken'),
    [
      ['1', '1'],
      ['1', '1'],
    ],
    "zeros' symmetry",
  );
  assert.deepEqual(
    marked('dead ReLUs', 'broken'),
    [
      ['100%', '100%'],
      ['100%', '100%'],
    ],
    "zeros' layers: slope 0 everywhere",
  );
  assert.deepEqual(
    marked('activation sd', 'broken'),
    [
      ['0', '0'],
      ['0', '0'],
    ],
    "zeros' missing signal",
  );
  assert.deepEqual(
    marked('|∇W|', 'broken'),
    [
      ['0', '0'],
      ['0', '0'],
      ['0', '0'],
    ],
    "zeros' hidden layers and output: no gradient",
  );
  // ×10: layer 1's signal (mean z²) is ~190× the input's, within the limit; layer 2's is over 1000×, at 0 and still at 3,000.
  const random = RESULTS[1]!.diagnostics;
  const q0 = inputSignal(random.start);
  assert.deepEqual(
    [random.start, random.end].map((d) => [0, 1].map((l) => beyond(signalRatio(d, l, q0)))),
    [
      [undefined, 'exploded'],
      [undefined, 'exploded'],
    ],
  );
  assert.deepEqual(marked('activation sd', 'large'), [[], ['147', '9.85']]);
  assert.deepEqual(marked('saturated', 'large'), [['100%']]);
  // He: no mark anywhere.
  const he = t.lines.flatMap((l) => l.parts).filter((p) => p.mark && /^0\.517|^0\.655/.test(p.text));
  assert.deepEqual(he, []);
});

test('the marks read the measurements whatever the scheme: 0.01 on six layers is red where its signal vanishes', () => {
  const config = { ...CONFIG, iterations: 20, layers: [2, 10, 10, 10, 10, 10, 10, 1], schemes: ['small'] };
  const run = runScheme(config, 'small', DATA);
  const s = reduce(initialState(config, DATA), { type: 'events', raceId: 0, events: [{ type: 'finished', run: 0, result: run }] });
  const t = table(columnsOf(s), 120, 80, 0, config.layers);
  const marked = t.lines
    .filter((l) => lineText(l).startsWith('  activation sd '))
    .map((l) => l.parts.filter((p) => p.mark === 'broken').length);
  const q0 = inputSignal(run.diagnostics.start);
  // Layer 1's signal is ~2e-4 of the input's already: every hidden layer is under 1/1000, at 0 and now.
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5].map((l) => signalRatio(run.diagnostics.start, l, q0) < 1e-3),
    [true, true, true, true, true, true],
  );
  assert.deepEqual(marked, [2, 2, 2, 2, 2, 2]);
  assert.match(columnsOf(s)[0]!.verdict, /^signal vanished at initialization/);
});

test('at 80×24 the lesson still fits: every hidden layer (short labels), saturation, accuracies, verdicts never cut', () => {
  // 19 rows: the terminal's 24 less a two-line header, a two-line footer and the view's title.
  const t = table(columnsOf(finishedState()), 80, 19);
  const out = text(t);
  for (const l of t.lines.map(lineText)) assert.ok(l.length <= 80, l);
  assert.ok(t.lines.length + 2 <= 19, `${t.lines.length + 2} rows`);
  assert.match(out, /^train acc\. +50\.0% → 50\.0% +50\.0% → /m);
  assert.match(out, /^L1 distinct +1 → 1 +10 → 10 +10 → 10/m);
  assert.match(out, /^L2 act\. sd +0 → 0 +[\d.]+ → [\d.]+ +[\d.]+ → [\d.]+/m);
  assert.ok(!/…/.test(out.split('verdict')[1] ?? '…'), out);
  // Each verdict in three lines of 21 columns at most: whole, or its headline — never cut with "…".
  assert.match(out, /^verdict +symmetry never +partly learned +barely learned$/m);
  assert.match(out, /^ +broken$/m);
  assert.deepEqual(t.legend, []);
});

test('a deep network in a small terminal shows its first layers and says which are left out', () => {
  const layers = [2, 8, 8, 8, 8, 8, 1];
  const cols = columnsOf(finishedState()).map((c): CompareColumn => ({ ...c, start: undefined, now: undefined }));
  const t = table(cols, 80, 21, 0, layers);
  const out = text(t);
  assert.match(out, /^L1 distinct +– +– +–$/m);
  assert.match(out, /^L2 act\. sd +– +– +–$/m);
  assert.match(out, /hidden layers 3–5 not shown: enlarge the terminal/);
  assert.ok(t.lines.length + 2 <= 21);
  assert.match(out, /^iteration +– +– +–$/m, 'no diagnostics yet: dashes');
});

const char = (text: string, ctrl = false): Key => ({ name: 'char', text, ctrl });
const named = (name: Key['name']): Key => ({ name, text: '', ctrl: false });

test('live: the start comes from the first diagnostics (iteration 0), now from the latest', () => {
  let s = initialState(CONFIG, DATA);
  const d0 = RESULTS[2]!.diagnostics.start;
  const dNow = RESULTS[2]!.diagnostics.end;
  const progress = (iteration: number, diagAt: number, d: typeof d0) => ({
    type: 'progress' as const,
    run: 2,
    iteration,
    cost: 0.5,
    costAt: iteration - 1,
    samples: [],
    itersPerSec: 1000,
    elapsedMs: iteration,
    diag: d,
    diagAt,
  });
  s = reduce(s, { type: 'events', raceId: 0, events: [progress(0, 0, d0), progress(1200, 1199, dNow)] });
  const he = columnsOf(s)[2]!;
  assert.equal(he.start, d0);
  assert.deepEqual(he.now, { at: 1199, d: dNow });
  assert.equal(he.status, 'running');
  assert.equal(he.verdict, 'training…');
  // A run whose first diagnostics are not iteration 0's has no start to show.
  let late = initialState(CONFIG, DATA);
  late = reduce(late, { type: 'events', raceId: 0, events: [progress(1200, 1199, dNow)] });
  assert.equal(columnsOf(late)[2]!.start, undefined);
  assert.match(text(table(columnsOf(late), 120, 37)), /^ {2}iteration +– +– +– → 1,199$/m);
});

test("with --seeds each column is its scheme's first seed", () => {
  const config = { ...CONFIG, seeds: 2 };
  const s = initialState(config, DATA);
  const cols = columnsOf(s);
  assert.deepEqual(
    cols.map((c) => c.status),
    ['seed 3 · waiting', 'seed 3 · waiting', 'seed 3 · waiting'],
  );
});

test('c opens the compare view from the race, the detail and the why view; Esc, or c again, goes back', () => {
  const race = initialState(DEFAULT_CONFIG, DATA);
  for (const from of [race, reduce(race, { type: 'open', run: 1 }), reduce(race, { type: 'why', run: 1 })]) {
    assert.deepEqual(keyIntent(char('c'), from), { kind: 'action', action: { type: 'compare' } });
    assert.equal(reduce(from, { type: 'compare' }).view, 'compare');
  }
  const compare = reduce(race, { type: 'compare' });
  assert.deepEqual(keyIntent(named('escape'), compare), { kind: 'action', action: { type: 'back' } });
  assert.equal(reduce(compare, { type: 'back' }).view, 'race');
  assert.equal(reduce(compare, { type: 'compare' }).view, 'race');
  // ↑↓ move the highlighted column (the selection every view shares), wrapping.
  assert.deepEqual(keyIntent(named('down'), compare), { kind: 'action', action: { type: 'move', by: 1 } });
  assert.equal(reduce(compare, { type: 'move', by: -1 }).selected, 2);
  assert.equal(reduce(compare, { type: 'move', by: -1 }).view, 'compare');
  // Ctrl-C still quits; w opens the highlighted scheme's why view; space pauses.
  assert.deepEqual(keyIntent(char('c', true), compare), { kind: 'quit', status: 130 });
  assert.equal(reduce(compare, { type: 'why' }).view, 'why');
  assert.deepEqual(keyIntent(char(' '), compare), { kind: 'action', action: { type: 'togglePause' } });
  // Not in the settings form (c is a letter to type there) nor under the help.
  assert.deepEqual(keyIntent(char('c'), reduce(race, { type: 'settings' })), { kind: 'action', action: { type: 'formType', text: 'c' } });
  assert.equal(keyIntent(char('c'), reduce(race, { type: 'toggleHelp' })), undefined);
});

test('the help overlay and the footers know the compare key, from the one key table', () => {
  assert.ok(helpRows('race').some(([k, what]) => k === 'c' && /compare the schemes/.test(what)));
  assert.ok(helpRows('compare').some(([k, what]) => k === '↑ ↓  j k' && /highlight/.test(what)));
  for (const view of ['race', 'detail', 'why'] as const) assert.match(footerHints(view), /c compare/, view);
  assert.equal(footerHints('compare'), 'Esc back · ↑↓ highlight · w why · p signal · space pause · n step · ? help · q quit');
});
