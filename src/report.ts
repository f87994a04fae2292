import type { CostPoint, ExperimentConfig } from './core/experiment.js';
import { bySeed, summarise, type SeedRun, type Stats } from './summary.js';

/** What a run contributes to the JSON document: finished, or failed with a message. */
export type RunSummary =
  | {
      readonly type: 'done';
      readonly scheme: string;
      readonly seed?: number;
      readonly finalCost?: number;
      readonly costs: readonly CostPoint[];
      readonly trainAccuracy: number;
      readonly testAccuracy: number;
      /** Training time of this run alone, in seconds. */
      readonly seconds: number;
    }
  | { readonly type: 'failed'; readonly scheme: string; readonly message: string; readonly seed?: number };

type JsonStats = { mean: number | null; sd: number | null; min: number | null; max: number | null };

export interface ReportRun {
  scheme: string;
  costs: [number, number | null][];
  trainAccuracy: number | null;
  testAccuracy: number | null;
  seconds: number | null;
  /** Only on a run whose worker failed. */
  error?: string;
  /** Only with --seeds N > 1: every seed's run, and the statistics over them. */
  seeds?: { seed: number; costs: [number, number | null][]; trainAccuracy: number | null; testAccuracy: number | null; error?: string }[];
  summary?: { trainAccuracy: JsonStats; testAccuracy: JsonStats; finalCost: JsonStats };
}

export interface Report {
  readonly config: ExperimentConfig;
  readonly runs: readonly ReportRun[];
}

/** JSON has no ∞ or NaN: a non-finite cost is written as null (SPEC §5). */
export function jsonCost(c: number): number | null {
  return Number.isFinite(c) ? c : null;
}

function jsonStats(s: Stats): JsonStats {
  return { mean: jsonCost(s.mean), sd: jsonCost(s.sd), min: jsonCost(s.min), max: jsonCost(s.max) };
}

function oneRun(r: RunSummary): ReportRun {
  return r.type === 'done'
    ? {
        scheme: r.scheme,
        costs: r.costs.map(([i, c]) => [i, jsonCost(c)]),
        trainAccuracy: r.trainAccuracy,
        testAccuracy: r.testAccuracy,
        seconds: Math.round(r.seconds * 1000) / 1000,
      }
    : { scheme: r.scheme, costs: [], trainAccuracy: null, testAccuracy: null, seconds: null, error: r.message };
}

/**
 * The `--json` document of SPEC §5, runs in the order given. A failed run
 * keeps its place, with null results and an `error` message.
 *
 * With `seeds` > 1, `runs` holds every scheme's seeds in a row (scheme-major);
 * each scheme becomes one entry: its first seed as usual, plus `seeds` (every
 * seed's run) and `summary` (mean, sample sd, min, max over the seeds that finished).
 */
export function toReport(config: ExperimentConfig, runs: readonly RunSummary[], seeds = 1): Report {
  if (seeds > 1) {
    const grouped: ReportRun[] = [];
    for (const group of bySeed(runs, seeds)) {
      const entry = oneRun(group[0]!);
      entry.seeds = group.map((r, s) => {
        const o = oneRun(r);
        return {
          seed: r.seed ?? config.seed + s,
          costs: o.costs,
          trainAccuracy: o.trainAccuracy,
          testAccuracy: o.testAccuracy,
          ...(o.error !== undefined ? { error: o.error } : {}),
        };
      });
      const finished: SeedRun[] = group.flatMap((r, s) =>
        r.type === 'done'
          ? [{ seed: r.seed ?? config.seed + s, costs: r.costs, trainAccuracy: r.trainAccuracy, testAccuracy: r.testAccuracy, finalCost: r.finalCost ?? NaN, seconds: r.seconds }]
          : [],
      );
      const sum = summarise(finished);
      entry.summary = { trainAccuracy: jsonStats(sum.trainAccuracy), testAccuracy: jsonStats(sum.testAccuracy), finalCost: jsonStats(sum.finalCost) };
      grouped.push(entry);
    }
    return { config: { ...reportConfig(config), seeds } as ExperimentConfig, runs: grouped };
  }
  return { config: reportConfig(config), runs: runs.map(oneRun) };
}

function reportConfig(config: ExperimentConfig): ExperimentConfig {
  return {
    dataset: config.dataset,
    layers: [...config.layers],
    learningRate: config.learningRate,
    iterations: config.iterations,
    seed: config.seed,
    every: config.every,
    ...(config.noise !== undefined ? { noise: config.noise } : {}),
    ...(config.data !== undefined ? { data: config.data } : {}),
  };
}

/**
 * The document as text: indented, but each innermost array of numbers on one
 * line (`[1000, 0.6879825919728063]`), so a person can read the costs too.
 */
export function formatReport(report: Report): string {
  return JSON.stringify(report, null, 2).replace(/\[\s*((?:-?[\d.eE+-]+|null)(?:,\s*(?:-?[\d.eE+-]+|null))*)\s*\]/g, (_, inner: string) =>
    `[${inner.split(/,\s*/).join(', ')}]`,
  );
}
