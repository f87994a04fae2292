import type { FinishedRun } from '../../core/experiment.js';
import { toReport, toSweepReport, type JsonDocument } from '../../results/report.js';
import type { DashboardState } from './reducer.js';

/**
 * The SPEC §5 document from what the dashboard holds (finished and failed runs; others are left out),
 * or a sweep's, where a model still training keeps its seed's place with nulls.
 */
export function reportOf(state: DashboardState): JsonDocument {
  if (state.config.sweep)
    return toSweepReport(
      state.config,
      state.runs.map((r) => r.result),
    );
  const sweep = state.config.seeds > 1;
  const runs: FinishedRun[] = state.runs.flatMap((r): FinishedRun[] => {
    if (r.result) return [r.result];
    // A sweep's document groups seeds by position, so an unfinished seed keeps its place.
    return sweep ? [{ status: 'failed', scheme: r.scheme, seed: r.seed, error: 'still training' }] : [];
  });
  return toReport(state.config, runs);
}

/** The file `e` writes when no --out was given: init-tui-YYYYMMDD-HHMMSS.json in the current folder. */
export function defaultExportName(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `init-tui-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}.json`;
}
