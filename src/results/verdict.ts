/**
 * What a run did, in one plain sentence, from its own measurements — never
 * from its scheme's name, so it is true for any activation, scheme, depth and
 * iteration count. The results table, the detail view and the compare view
 * all read it; the compare view's colour marks read the same signs (below).
 *
 * Rules, first match wins (`judge`):
 *  1. failed             the run's own message
 *  2. diverged           the final cost is NaN
 *  3. saturated          the final cost is +∞ (the sigmoid output is exactly 0 or 1)
 *  4. symmetric          a hidden layer's units were all the same at the start and still are
 *  5–10. the cost did not fall (the output is the same for every point, the cost
 *        moved under 1%, or it is not below ln 2 at chance accuracy), said with the
 *        first sign that explains it, then "nothing learned" — or, when the train
 *        accuracy still rose above chance and the start's, by how much:
 *     5. dead                a whole hidden layer has slope 0 on every point at the end
 *     6. vanishing-signal    at the start the output's signal is under 1/1000 of the input's
 *     7. exploding-signal    … over 1000 times the input's
 *     8. vanishing-gradient  at the start the first hidden layer's gradient is under
 *                            1/1000 of the last hidden layer's
 *     9. exploding-gradient  … over 1000 times
 *    10. nothing (or barely, when the accuracy rose) no sign: what the cost did
 * 11. learned            the final cost is at most half of ln 2
 * 12. partly             … at most 0.9 · ln 2
 * 13. barely             lower than at the start, but not by that much
 *
 * Chance is taken as two balanced classes (every generated data set's): on
 * your own unbalanced data, a run that predicts the larger class everywhere
 * can pass for one that learned a little.
 *
 * A run still training has no verdict yet ("training…"): the verdict judges a
 * whole run, from its start to its end, and a race's early numbers would
 * mislead (×10 starts saturated, then learns).
 */
import type { Diagnostics, LayerDiagnostics } from '../core/diagnostics.js';
import type { DoneRun, FinishedRun } from '../core/experiment.js';
import { RATIO_LIMIT } from '../core/theory.js';
import { figure, integer, percent, share } from './format.js';

/** Which rule judged a run. */
export type VerdictKind =
  | 'failed'
  | 'diverged'
  | 'saturated'
  | 'symmetric'
  | 'dead'
  | 'vanishing-signal'
  | 'exploding-signal'
  | 'vanishing-gradient'
  | 'exploding-gradient'
  | 'nothing'
  | 'learned'
  | 'partly'
  | 'barely';

export interface Judgement {
  readonly kind: VerdictKind;
  /** One sentence, "headline: detail" (a narrow column shows the headline alone). */
  readonly text: string;
}

/** The rules' order, and each rule's few words for a seed count. */
const LABELS: Readonly<Record<VerdictKind, string>> = {
  failed: 'failed',
  diverged: 'diverged',
  saturated: 'stuck saturated',
  symmetric: 'symmetry never broken',
  dead: 'units died',
  'vanishing-signal': 'signal vanished',
  'exploding-signal': 'signal exploded',
  'vanishing-gradient': 'gradient vanished',
  'exploding-gradient': 'gradient exploded',
  nothing: 'learned nothing',
  learned: 'learned',
  partly: 'partly learned',
  barely: 'barely learned',
};

/**
 * ln 2, the cost of the output 0.5 at every point: a network that knows
 * nothing. On two balanced classes no constant output does better.
 */
export const COIN_COST = Math.LN2;

/** Train accuracy at or below this is chance on two balanced classes. */
const CHANCE = 0.55;

/** A sigmoid output whose spread over the training points is under this is one value for every point. */
const CONSTANT_OUTPUT = 1e-3;

/** Train accuracy up this much from the start (and above chance) is learned, whatever the cost did. */
const GAINED = 0.05;

/** A relative change of the cost under this is none. */
const STALLED = 0.01;

// ---- Signs: one measurement, one predicate; the verdict and the compare view's marks read these. ----

/** A layer of several units that all have the same incoming weights and bias. */
export function symmetric(l: LayerDiagnostics): boolean {
  return l.units > 1 && l.distinct === 1;
}

/** A hidden layer whose every unit has slope 0 at every training point: nothing passes back through it. */
export function allDead(l: LayerDiagnostics): boolean {
  return l.dead === 1;
}

/** Whether a ratio of second moments is beyond the theory's limits (RATIO_LIMIT, SPEC §6.5). */
export function beyond(ratio: number): 'vanished' | 'exploded' | undefined {
  if (ratio < 1 / RATIO_LIMIT) return 'vanished';
  if (ratio > RATIO_LIMIT) return 'exploded';
  return undefined;
}

/**
 * Layer l's signal (the mean of z_l², index l - 1) over the input's q_0, the
 * measured counterpart of the theory's q_l / q_0: a signal of exactly 0 has
 * vanished whatever q_0 is.
 */
export function signalRatio(d: Diagnostics, index: number, q0: number): number {
  const s = d.layers[index]?.signal ?? NaN;
  return s === 0 ? 0 : s / q0;
}

/**
 * The gradient reaching hidden layer `index` (the mean of (m·dz)²) over the
 * last hidden layer's, the measured counterpart of the theory's r_l. NaN
 * when the last hidden layer has none either (nothing to compare).
 */
export function gradientRatio(d: Diagnostics, index: number): number {
  const last = d.layers[d.layers.length - 2]?.gradSignal ?? NaN;
  const g = d.layers[index]?.gradSignal ?? NaN;
  return g / last;
}

/** Most training points see the sigmoid output saturated (slope under 4% of its peak). */
export function saturatedOutput(d: Diagnostics): boolean {
  return d.saturated > 0.5;
}

/** The network's input signal q_0, when the diagnostics carry the theory (those at iteration 0 do). */
export function inputSignal(d: Diagnostics): number {
  return d.theory?.inputSignal ?? NaN;
}

// ---- The verdict. ----

/** "0.883", "∞". */
const num = (c: number): string => figure(c);

/** The first recorded cost, iteration 0's; NaN when none was recorded. */
function startCost(run: DoneRun): number {
  const first = run.costs[0];
  return first && first[0] === 0 ? first[1] : NaN;
}

/** "from 0.883 to 0.0736", "from ∞ (saturated start) to 0.0237", or "to 0.5" with no start recorded. */
function fromTo(run: DoneRun, a: number, b: number): string {
  if (Number.isNaN(a)) return `to ${num(b)}`;
  const sat = a === Infinity || saturatedOutput(run.diagnostics.start) ? ' (saturated start)' : '';
  return `from ${num(a)}${sat} to ${num(b)}`;
}

/** The hidden layers (every layer but the sigmoid output). */
const hidden = (d: Diagnostics): readonly LayerDiagnostics[] => d.layers.slice(0, -1);

/** The share of all hidden units that are dead. */
function deadShare(d: Diagnostics): number {
  let units = 0;
  let dead = 0;
  for (const l of hidden(d)) {
    units += l.units;
    dead += l.dead * l.units;
  }
  return units === 0 ? 0 : dead / units;
}

/** ", as predicted" when the start's theory predicted `kind`, else the theory's word in parentheses. */
function theorySays(d: Diagnostics, kind: VerdictKind): string {
  if (!d.theory) return '';
  return d.theory.prediction === kind ? ', as predicted' : ` (theory: ${d.theory.prediction})`;
}

/** Layer numbers as runs: [3, 4, 5, 6] → "layers 3–6", [2] → "layer 2", [1, 3] → "layers 1, 3". */
function layerList(ks: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < ks.length;) {
    let j = i;
    while (j + 1 < ks.length && ks[j + 1] === ks[j]! + 1) j++;
    runs.push(j > i ? `${ks[i]}–${ks[j]}` : `${ks[i]}`);
    i = j + 1;
  }
  return `${ks.length > 1 ? 'layers' : 'layer'} ${runs.join(', ')}`;
}

/** Why the cost did not fall, from the first sign that shows, then `outcome`; undefined when no sign shows. */
function cause(run: DoneRun, outcome: string): Judgement | undefined {
  const { start, end } = run.diagnostics;
  const L = start.layers.length;
  const signal = L > 0 ? beyond(signalRatio(start, L - 1, inputSignal(start))) : undefined;
  const dead = hidden(end)
    .map((l, k) => (allDead(l) ? k + 1 : 0))
    .filter((k) => k > 0);
  if (dead.length > 0) {
    const fromStart = dead.every((k) => start.layers[k - 1] !== undefined && allDead(start.layers[k - 1]!));
    const all = `${layerList(dead)} all dead`;
    if (fromStart) return { kind: 'dead', text: `dead from the start: ${all}, ${outcome}` };
    const then = signal === 'exploded' ? 'signal exploded, then ' : '';
    return { kind: 'dead', text: `${then}${share(deadShare(end))} of the units died: ${all}, ${outcome}` };
  }
  const nothing = (kind: VerdictKind, what: string): Judgement => ({
    kind,
    text: `${what} at initialization${theorySays(start, kind)}: ${outcome}`,
  });
  if (signal === 'vanished') return nothing('vanishing-signal', 'signal vanished');
  if (signal === 'exploded') return nothing('exploding-signal', 'signal exploded');
  const gradient = L > 2 ? beyond(gradientRatio(start, 0)) : undefined;
  if (gradient === 'vanished') return nothing('vanishing-gradient', 'gradient vanished');
  if (gradient === 'exploded') return nothing('exploding-gradient', 'gradient exploded');
  return undefined;
}

/** A trained run's verdict (rules 2–13). */
function judgeDone(run: DoneRun): Judgement {
  const { start, end } = run.diagnostics;
  const a = startCost(run);
  const b = run.finalCost;
  if (Number.isNaN(b)) {
    const at = run.costs.find(([, c]) => Number.isNaN(c))?.[0];
    const by = at === undefined ? '' : ` by iteration ${integer(at)}`;
    const overflowed = end.layers.some((l) => !Number.isFinite(l.weightNorm));
    return {
      kind: 'diverged',
      text: overflowed ? `diverged: the weights overflowed, the cost is NaN${by}` : `diverged: the cost became NaN${by}`,
    };
  }
  if (!Number.isFinite(b)) {
    return a === Infinity
      ? { kind: 'saturated', text: 'still saturated: cost ∞ from start to end (outputs exactly 0 or 1)' }
      : { kind: 'saturated', text: 'saturated: the cost became ∞ (outputs exactly 0 or 1)' };
  }
  const k = hidden(end).findIndex((l, i) => symmetric(l) && start.layers[i] !== undefined && symmetric(start.layers[i]!));
  if (k >= 0) return { kind: 'symmetric', text: `symmetry never broken: all ${end.layers[k]!.units} units of layer ${k + 1} are the same` };

  const out = end.layers[end.layers.length - 1];
  const constant = out !== undefined && out.activationSd < CONSTANT_OUTPUT;
  const stalled = Number.isFinite(a) && b > (1 - STALLED) * a;
  const coin = b >= (1 - STALLED) * COIN_COST && run.trainAccuracy <= CHANCE;
  if (constant || stalled || coin) {
    // A flat cost can hide a right sign: 0.01's output stays within 1e-6 of 0.5 and still sorts separated points.
    const gained = run.trainAccuracy > Math.max(CHANCE, start.trainAccuracy + GAINED);
    const rose = Number.isFinite(a) && b > (1 + STALLED) * a;
    const yet = `yet ${percent(start.trainAccuracy)} → ${percent(run.trainAccuracy)} train`;
    const outcome = gained ? `${rose ? `the cost rose to ${num(b)}` : `cost stuck at ${num(b)}`}, ${yet}` : 'nothing learned';
    const why = cause(run, outcome);
    if (why) return why;
    if (gained) return { kind: 'barely', text: `barely learned: ${outcome}` };
    if (constant) return { kind: 'nothing', text: 'learned nothing: the output is the same for every point' };
    if (stalled) {
      return rose
        ? { kind: 'nothing', text: `learned nothing: the cost rose from ${num(a)} to ${num(b)}` }
        : { kind: 'nothing', text: `learned nothing: the cost stayed at ${num(a)}` };
    }
    const coinSays = b >= COIN_COST ? 'not below' : 'at chance, about';
    return { kind: 'nothing', text: `learned nothing: cost fell ${fromTo(run, a, b)}, ${coinSays} ln 2 = ${num(COIN_COST)}` };
  }
  const acc = `${percent(run.trainAccuracy)} train`;
  if (b <= COIN_COST / 2) return { kind: 'learned', text: `learned: cost fell ${fromTo(run, a, b)}, ${acc}` };
  if (b <= 0.9 * COIN_COST) return { kind: 'partly', text: `partly learned: cost fell ${fromTo(run, a, b)}, ${acc}` };
  const fell = Number.isFinite(a) ? (a - b) / a : NaN;
  const only = fell < 0.5 ? ` only ${Math.round(fell * 100)}%,` : '';
  return { kind: 'barely', text: `barely learned: cost fell${only} ${fromTo(run, a, b)}, ${acc}` };
}

/** Which rule judges a finished run, and its sentence. */
export function judge(run: FinishedRun): Judgement {
  if (run.status === 'failed') return { kind: 'failed', text: `failed: ${run.error}` };
  return judgeDone(run);
}

/** A run's verdict; "training…" until it has finished. */
export function verdict(run: FinishedRun | undefined): string {
  return run ? judge(run).text : 'training…';
}

/**
 * The verdict over a scheme's seeds, judged from each seed's run: how many
 * seeds each rule judged, the most first (ties in the rules' order):
 * "learned in all 5 seeds", "learned in 3 of 5 seeds; diverged in 2", with
 * the first failure's message and how many seeds are still training.
 */
export function seedsVerdict(runs: readonly FinishedRun[], total: number): string {
  if (runs.length === 0) return 'training…';
  const counts = new Map<VerdictKind, number>();
  for (const r of runs) {
    const kind = judge(r).kind;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const order = Object.keys(LABELS) as VerdictKind[];
  const kinds = order.filter((k) => counts.has(k)).sort((x, y) => counts.get(y)! - counts.get(x)! || order.indexOf(x) - order.indexOf(y));
  const failure = runs.find((r): r is Extract<FinishedRun, { status: 'failed' }> => r.status === 'failed');
  const parts = kinds.map((kind, i) => {
    const n = counts.get(kind)!;
    const seeds = n === total ? (total === 2 ? 'both seeds' : `all ${total} seeds`) : i === 0 ? `${n} of ${total} seeds` : `${n}`;
    return `${LABELS[kind]} in ${seeds}${kind === 'failed' && failure ? ` (${failure.error})` : ''}`;
  });
  const pending = total - runs.length;
  return parts.join('; ') + (pending > 0 ? `; ${pending} still training` : '');
}
