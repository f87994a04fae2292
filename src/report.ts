import type { CostPoint, ExperimentConfig } from './core/experiment.js';

/** What a run contributes to the JSON document: finished, or failed with a message. */
export type RunSummary =
  | {
      readonly type: 'done';
      readonly scheme: string;
      readonly costs: readonly CostPoint[];
      readonly trainAccuracy: number;
      readonly testAccuracy: number;
      /** Training time of this run alone, in seconds. */
      readonly seconds: number;
    }
  | { readonly type: 'failed'; readonly scheme: string; readonly message: string };

export interface ReportRun {
  scheme: string;
  costs: [number, number | null][];
  trainAccuracy: number | null;
  testAccuracy: number | null;
  seconds: number | null;
  /** Only on a run whose worker failed. */
  error?: string;
}

export interface Report {
  readonly config: ExperimentConfig;
  readonly runs: readonly ReportRun[];
}

/** JSON has no ∞ or NaN: a non-finite cost is written as null (SPEC §5). */
export function jsonCost(c: number): number | null {
  return Number.isFinite(c) ? c : null;
}

/**
 * The `--json` document of SPEC §5, runs in the order given. A failed run
 * keeps its place, with null results and an `error` message.
 */
export function toReport(config: ExperimentConfig, runs: readonly RunSummary[]): Report {
  return {
    config: {
      dataset: config.dataset,
      layers: [...config.layers],
      learningRate: config.learningRate,
      iterations: config.iterations,
      seed: config.seed,
      every: config.every,
    },
    runs: runs.map((r): ReportRun =>
      r.type === 'done'
        ? {
            scheme: r.scheme,
            costs: r.costs.map(([i, c]) => [i, jsonCost(c)]),
            trainAccuracy: r.trainAccuracy,
            testAccuracy: r.testAccuracy,
            seconds: Math.round(r.seconds * 1000) / 1000,
          }
        : { scheme: r.scheme, costs: [], trainAccuracy: null, testAccuracy: null, seconds: null, error: r.message },
    ),
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
