import { toReport, type Report, type RunSummary } from '../report.js';
import type { DashboardState } from './state.js';

/** The SPEC §5 document from what the dashboard holds (finished and failed runs; others are left out). */
export function reportOf(state: DashboardState): Report {
  const sweep = state.seeds > 1;
  const runs: RunSummary[] = state.runs.flatMap((r): RunSummary[] => {
    if (r.failure !== undefined) return [{ type: 'failed', scheme: r.scheme, seed: r.seed, message: r.failure }];
    // A sweep's document groups seeds by position, so an unfinished seed keeps its place.
    if (!r.result) return sweep ? [{ type: 'failed', scheme: r.scheme, seed: r.seed, message: 'still training' }] : [];
    return [{
      type: 'done', scheme: r.scheme, seed: r.seed, costs: r.result.costs, trainAccuracy: r.result.trainAccuracy,
      testAccuracy: r.result.testAccuracy, finalCost: r.result.finalCost, seconds: r.result.seconds,
    }];
  });
  return toReport(state.config, runs, state.seeds);
}

/** The file `e` writes when no --out was given: init-tui-YYYYMMDD-HHMMSS.json in the current folder. */
export function defaultExportName(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `init-tui-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}.json`;
}
