import { toReport, type Report, type RunSummary } from '../report.js';
import type { DashboardState } from './state.js';

/** The SPEC §5 document from what the dashboard holds (finished and failed runs; others are left out). */
export function reportOf(state: DashboardState): Report {
  const runs: RunSummary[] = state.runs.flatMap((r): RunSummary[] => {
    if (r.failure !== undefined) return [{ type: 'failed', scheme: r.scheme, message: r.failure }];
    if (!r.result) return [];
    return [{ type: 'done', scheme: r.scheme, costs: r.result.costs, trainAccuracy: r.result.trainAccuracy, testAccuracy: r.result.testAccuracy, seconds: r.result.seconds }];
  });
  return toReport(state.config, runs);
}

/** The file `e` writes when no --out was given: init-tui-YYYYMMDD-HHMMSS.json in the current folder. */
export function defaultExportName(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `init-tui-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}.json`;
}
