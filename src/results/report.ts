/**
 * The `--json` document of SPEC §5, built from finished runs: what `--json`
 * prints, what `--out` and the dashboard's export write.
 */
import { configJson, type ConfigJson, type ExperimentConfig } from '../core/config.js';
import type { Diagnostics } from '../core/diagnostics.js';
import { allCosts, type DoneRun, type FinishedRun } from '../core/experiment.js';
import { depthValues, gainValues } from '../core/sweep.js';
import type { NetworkTheory } from '../core/theory.js';
import { bySeed, summarise, type Stats, type SweepSummary } from './summary.js';
import { cellResults } from './sweep.js';

type JsonStats = { mean: number | null; sd: number | null; min: number | null; max: number | null };
/** [iteration, cost]; a non-finite cost is written as null (the run's own points are used as they are, not copied). */
type JsonCosts = readonly (readonly [number, number | null])[];

/** One layer of `diagnostics` (core/diagnostics.ts defines each figure); non-finite numbers are null. */
export interface JsonLayer {
  units: number;
  distinct: number;
  dead: number | null;
  activationSd: number | null;
  weightNorm: number | null;
  gradNorm: number | null;
  signal: number | null;
  gradSignal: number | null;
  signalTheory: number | null;
  gradSignalTheory: number | null;
  relativeUpdate: number | null;
}

/** The network in numbers at one iteration: 0 (start) or the last (end). */
export interface JsonDiagnostics {
  iteration: number;
  layers: JsonLayer[];
  saturated: number | null;
  trainAccuracy: number | null;
  testAccuracy: number | null;
  /** At iteration 0 only: SPEC §6.5's prediction. */
  theory?: { signalRatio: number | null; gradientRatio: number | null; prediction: string };
}

/** A run's diagnostics at iteration 0 and at the end; null for a run that failed. */
export type JsonRunDiagnostics = { start: JsonDiagnostics; end: JsonDiagnostics } | null;

/** One run as the document writes it (the JSON shape, not a result type of its own). */
export interface JsonRun {
  scheme: string;
  costs: JsonCosts;
  trainAccuracy: number | null;
  testAccuracy: number | null;
  seconds: number | null;
  diagnostics: JsonRunDiagnostics;
  /** Only on a run whose worker failed. */
  error?: string;
  /** Only with --seeds N > 1: every seed's run, and the statistics over them. */
  seeds?: {
    seed: number;
    costs: JsonCosts;
    trainAccuracy: number | null;
    testAccuracy: number | null;
    diagnostics: JsonRunDiagnostics;
    error?: string;
  }[];
  summary?: { trainAccuracy: JsonStats; testAccuracy: JsonStats; finalCost: JsonStats };
}

/** The document's `config` (core/config.ts builds it from the option rows). */
export type JsonConfig = ConfigJson;

export interface Report {
  readonly config: JsonConfig;
  readonly runs: readonly JsonRun[];
}

type JsonSummary = { trainAccuracy: JsonStats; testAccuracy: JsonStats; finalCost: JsonStats };

/** One cell of a sweep as the document writes it. */
export interface JsonSweepCell {
  gain: number;
  /** Hidden layers of the cell's network (without a depth axis: those of --layers). */
  depth: number;
  layers: number[];
  /** Every seed; a null finalCost (and no error) means that seed diverged. */
  seeds: { seed: number; trainAccuracy: number | null; testAccuracy: number | null; finalCost: number | null; error?: string }[];
  /** Over the seeds that trained without diverging; all null when there are none. */
  summary: JsonSummary;
  /** Whether a seed's training diverged (its final cost is not finite). */
  diverged: boolean;
  /** The theory's prediction at initialization (SPEC §6.5), from the cell's first trained seed; null before one has. */
  theory: { signalRatio: number | null; gradientRatio: number | null; prediction: string } | null;
}

/** The document of a sweep: the config, and the grid cell by cell, row-major (depth, then gain). */
export interface SweepReport {
  readonly config: JsonConfig;
  readonly sweep: {
    readonly axes: readonly { name: 'gain' | 'depth'; values: number[] }[];
    readonly cells: readonly JsonSweepCell[];
  };
}

/** What `--json` prints: a race's document, or a sweep's. */
export type JsonDocument = Report | SweepReport;

/** JSON has no ∞ or NaN: a non-finite cost is written as null (SPEC §5). */
export function jsonCost(c: number): number | null {
  return Number.isFinite(c) ? c : null;
}

function jsonStats(s: Stats): JsonStats {
  return { mean: jsonCost(s.mean), sd: jsonCost(s.sd), min: jsonCost(s.min), max: jsonCost(s.max) };
}

function jsonSummary(s: SweepSummary): JsonSummary {
  return { trainAccuracy: jsonStats(s.trainAccuracy), testAccuracy: jsonStats(s.testAccuracy), finalCost: jsonStats(s.finalCost) };
}

/** Diagnostics as the document writes them, at `iteration`. */
export function jsonDiagnostics(d: Diagnostics, iteration: number): JsonDiagnostics {
  return {
    iteration,
    layers: d.layers.map((l) => ({
      units: l.units,
      distinct: l.distinct,
      dead: jsonCost(l.dead),
      activationSd: jsonCost(l.activationSd),
      weightNorm: jsonCost(l.weightNorm),
      gradNorm: jsonCost(l.gradNorm),
      signal: jsonCost(l.signal),
      gradSignal: jsonCost(l.gradSignal),
      signalTheory: jsonCost(l.signalTheory),
      gradSignalTheory: jsonCost(l.gradSignalTheory),
      relativeUpdate: jsonCost(l.relativeUpdate),
    })),
    saturated: jsonCost(d.saturated),
    trainAccuracy: jsonCost(d.trainAccuracy),
    testAccuracy: jsonCost(d.testAccuracy),
    ...(d.theory ? { theory: jsonTheory(d.theory) } : {}),
  };
}

/** A sweep cell's theory: its first trained seed's at iteration 0 (every seed's is the same: it depends on no draw). */
function startTheory(runs: readonly (FinishedRun | undefined)[]): JsonSweepCell['theory'] {
  const t = runs.find((r): r is DoneRun => r?.status === 'done')?.diagnostics.start.theory;
  return t ? jsonTheory(t) : null;
}

/** The theory's prediction as the document writes it (non-finite ratios as null). */
function jsonTheory(t: NetworkTheory): { signalRatio: number | null; gradientRatio: number | null; prediction: string } {
  return { signalRatio: jsonCost(t.signalRatio), gradientRatio: jsonCost(t.gradientRatio), prediction: t.prediction };
}

function oneRun(r: FinishedRun, iterations: number, every: number): JsonRun {
  return r.status === 'done'
    ? {
        scheme: r.scheme,
        // The run's own points, not a copy (a million of them is 70 MB): the text writes ∞ and NaN as null.
        // A dashboard's long record is kept compact (DoneRun.recorded): its points are made here, when written.
        costs: allCosts(r, every),
        trainAccuracy: r.trainAccuracy,
        testAccuracy: r.testAccuracy,
        seconds: Math.round(r.seconds * 1000) / 1000,
        diagnostics: { start: jsonDiagnostics(r.diagnostics.start, 0), end: jsonDiagnostics(r.diagnostics.end, iterations) },
      }
    : { scheme: r.scheme, costs: [], trainAccuracy: null, testAccuracy: null, seconds: null, diagnostics: null, error: r.error };
}

/**
 * The document, runs in the order given. A failed run keeps its place, with
 * null results and an `error` message.
 *
 * With `config.seeds` > 1, `runs` holds every scheme's seeds in a row
 * (scheme-major); each scheme becomes one entry: its first seed as usual, plus
 * `seeds` (every seed's run) and `summary` (mean, sample sd, min, max over the
 * seeds that finished).
 */
export function toReport(config: ExperimentConfig, runs: readonly FinishedRun[]): Report {
  const one = (r: FinishedRun) => oneRun(r, config.iterations, config.every);
  if (config.seeds <= 1) return { config: configJson(config), runs: runs.map(one) };
  const grouped: JsonRun[] = [];
  for (const group of bySeed(runs, config.seeds)) {
    const first = group[0];
    if (!first) continue;
    const entry = one(first);
    entry.seeds = group.map((r) => {
      const o = one(r);
      return {
        seed: r.seed,
        costs: o.costs,
        trainAccuracy: o.trainAccuracy,
        testAccuracy: o.testAccuracy,
        diagnostics: o.diagnostics,
        ...(o.error !== undefined ? { error: o.error } : {}),
      };
    });
    entry.summary = jsonSummary(summarise(group.filter((r): r is DoneRun => r.status === 'done')));
    grouped.push(entry);
  }
  return { config: configJson(config), runs: grouped };
}

/**
 * A sweep's document from its runs in race order (cell · seeds + s); a run not
 * finished yet (undefined, or a failure) keeps its seed's place with nulls.
 */
export function toSweepReport(config: ExperimentConfig, runs: readonly (FinishedRun | undefined)[]): SweepReport {
  const sweep = config.sweep;
  if (!sweep) throw new RangeError('toSweepReport needs a config with a sweep');
  const axes: SweepReport['sweep']['axes'] = [
    { name: 'gain', values: gainValues(sweep.gain) },
    ...(sweep.depth ? [{ name: 'depth' as const, values: depthValues(sweep, config.layers) }] : []),
  ];
  const cells = cellResults(config, runs).map((c): JsonSweepCell => ({
    gain: c.cell.gain,
    depth: c.cell.depth,
    layers: [...c.cell.layers],
    seeds: c.runs.map((r, s) => {
      const seed = config.seed + s;
      if (r === undefined) return { seed, trainAccuracy: null, testAccuracy: null, finalCost: null, error: 'not finished' };
      if (r.status === 'failed') return { seed, trainAccuracy: null, testAccuracy: null, finalCost: null, error: r.error };
      return { seed, trainAccuracy: r.trainAccuracy, testAccuracy: r.testAccuracy, finalCost: jsonCost(r.finalCost) };
    }),
    summary: jsonSummary(c.summary),
    diverged: c.diverged > 0,
    theory: startTheory(c.runs),
  }));
  return { config: configJson(config), sweep: { axes, cells } };
}

/** The document for `config`: a sweep's when it has one, else the race's. */
export function toDocument(config: ExperimentConfig, runs: readonly FinishedRun[]): JsonDocument {
  return config.sweep ? toSweepReport(config, runs) : toReport(config, runs);
}

/** Pieces of about this many characters: a document of millions of costs is never one string. */
const CHUNK = 1 << 16;

function isNumberList(value: readonly unknown[]): boolean {
  return value.every((v) => v === null || typeof v === 'number');
}

/**
 * JSON.stringify(value, null, 2)'s text, except that a list of numbers stays on one line
 * (`[1000, 0.68798…]`), and so does an object of plain values only.
 */
function* pieces(value: unknown, indent: string): Generator<string> {
  if (Array.isArray(value)) {
    const list = value as readonly unknown[];
    if (list.length === 0) yield '[]';
    // A non-finite number is written as null, as JSON.stringify does.
    else if (isNumberList(list)) yield `[${list.map((v) => JSON.stringify(v)).join(', ')}]`;
    else {
      const inner = `${indent}  `;
      yield '[\n';
      for (let k = 0; k < list.length; k++) {
        yield inner;
        yield* pieces(list[k], inner);
        yield k < list.length - 1 ? ',\n' : '\n';
      }
      yield `${indent}]`;
    }
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
    if (entries.length === 0) {
      yield '{}';
      return;
    }
    // An object of plain values only (a layer's diagnostics, a statistic, a sweep's seed) reads best on one line too.
    if (entries.every(([, v]) => v === null || typeof v !== 'object')) {
      yield `{ ${entries.map(([key, v]) => `${JSON.stringify(key)}: ${JSON.stringify(v)}`).join(', ')} }`;
      return;
    }
    const inner = `${indent}  `;
    yield '{\n';
    for (let k = 0; k < entries.length; k++) {
      const [key, v] = entries[k]!;
      yield `${inner}${JSON.stringify(key)}: `;
      yield* pieces(v, inner);
      yield k < entries.length - 1 ? ',\n' : '\n';
    }
    yield `${indent}}`;
  } else yield JSON.stringify(value) ?? 'null';
}

/**
 * The document as text, in pieces of about 64 K characters: indented, but each innermost array of numbers on one line
 * (`[1000, 0.6879825919728063]`), and each object of plain values only
 * (`{ "mean": 0.96, "sd": 0.01, "min": 0.95, "max": 0.97 }`), so a person can read the costs, the figures and a sweep's cells.
 */
export function* reportChunks(report: JsonDocument): Generator<string> {
  let buffer = '';
  for (const piece of pieces(report, '')) {
    buffer += piece;
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = '';
    }
  }
  yield buffer;
}

/** The whole document as one string (the dashboard's export; small). */
export function formatReport(report: JsonDocument): string {
  let text = '';
  for (const chunk of reportChunks(report)) text += chunk;
  return text;
}
