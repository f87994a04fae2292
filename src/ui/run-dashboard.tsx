/**
 * The live dashboard's entry: draws on the alternate screen (like less, htop
 * or lazygit), so quitting returns to a clean prompt; then prints the results
 * table on the normal screen so the numbers stay in the scrollback. However
 * it ends (q, Ctrl-C, SIGTERM, SIGHUP, a crash), the cursor is shown, raw
 * mode is off, the normal screen is back and every worker is stopped.
 */
import { writeFileSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { render } from 'ink';
import type { ExperimentConfig } from '../core/config.js';
import type { TrainTest } from '../core/experiment.js';
import type { Fault } from '../engine/protocol.js';
import type { Race } from '../engine/race.js';
import { formatReport } from '../results/report.js';
import { cellResults, sweepTable } from '../results/sweep.js';
import { HEADER, tableRow } from '../results/table.js';
import { defaultExportName, reportOf } from './export.js';
import { App } from './App.js';
import { groupCells, isFinished, raceFinished, schemeGroups, type DashboardState } from './state.js';
import { colorEnabled } from './theme.js';

const ENTER_ALT = '\u001B[?1049h';
const LEAVE_ALT = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';
const CLEAR_SCREEN = '\u001B[2J\u001B[H';

/** Restores the terminal synchronously: safe inside 'exit' handlers, where nothing async runs. */
function restoreTerminal(): void {
  try {
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
  } catch {
    // stdin may already be closed; nothing more to restore there.
  }
  try {
    writeSync(1, `${LEAVE_ALT}${SHOW_CURSOR}`);
  } catch {
    // stdout gone (terminal closed): nothing to restore.
  }
}

/** What the dashboard is started with: the experiment and its data, and where results go. */
export interface DashboardOptions {
  readonly config: ExperimentConfig;
  readonly data: TrainTest;
  readonly fault: Fault | undefined;
  /** --out: written each time a race ends, and by `e`. */
  readonly out: string | undefined;
  /** Writes a file whole or not at all (the CLI's writer; the screen does no file I/O of its own). */
  readonly writeFile: (path: string, text: string) => void;
}

export async function runDashboard(options: DashboardOptions): Promise<number> {
  const { writeFile } = options;
  let status = 0;
  let race: Race | undefined;
  let last: DashboardState | undefined;

  // INIT_TUI_STATS=FILE: record frames, event-loop delay and peak memory for the bench.
  const statsFile = process.env['INIT_TUI_STATS'];
  const loopDelay = statsFile ? monitorEventLoopDelay({ resolution: 5 }) : undefined;
  loopDelay?.enable();
  let frames = 0;
  const renderMs: number[] = [];
  const startedAt = performance.now();
  let finishedAt: number | undefined;
  let racingSince: number | undefined;

  let savedRace = -1;
  let exportError: string | undefined;
  /** Writes the results atomically; says where, or why not. */
  const exportNow = (s: DashboardState, path: string): string => {
    const report = reportOf(s);
    // A sweep's document has every cell from the start; what counts is how many models finished.
    const count = 'runs' in report ? report.runs.length : s.runs.filter(isFinished).length;
    const what = 'runs' in report ? 'run' : 'model';
    if (count === 0) return `nothing to export yet: no ${what} has finished`;
    try {
      writeFile(path, `${formatReport(report)}\n`);
      exportError = undefined;
      const unfinished = s.runs.filter((r) => !isFinished(r)).length;
      return `exported ${count} ${what}${count === 1 ? '' : 's'} to ${resolve(path)}${unfinished > 0 ? ` (${unfinished} still training)` : ''}`;
    } catch (err) {
      exportError = `could not write ${path}: ${(err as Error).message}`;
      return exportError;
    }
  };

  // Signals are caught before the first frame is drawn, so none can slip past.
  // Filled in once Ink renders; a signal before that finds nothing to unmount yet.
  const ink: { app?: ReturnType<typeof render> } = {};
  const onSignal = (signal: NodeJS.Signals, code: number) => () => {
    status = code;
    ink.app?.unmount();
  };
  const handlers = [
    ['SIGTERM', onSignal('SIGTERM', 143)],
    ['SIGHUP', onSignal('SIGHUP', 129)],
    ['SIGINT', onSignal('SIGINT', 130)],
  ] as const;
  for (const [sig, h] of handlers) process.on(sig, h);
  process.on('exit', restoreTerminal);
  process.stdout.write(ENTER_ALT);
  // When the terminal narrows it re-wraps the old frame into more lines than Ink
  // erases, leaving debris above the new one. On the alternate screen a full clear
  // is harmless; registered before Ink's own resize handler, it runs first.
  const clearOnResize = (): void => void process.stdout.write(CLEAR_SCREEN);
  process.stdout.on('resize', clearOnResize);
  const app = render(
    <App
      config={options.config}
      data={options.data}
      fault={options.fault}
      color={colorEnabled(process.env)}
      onQuit={(s) => (status = s)}
      onRace={(r) => (race = r)}
      onExport={(s) => exportNow(s, options.out ?? defaultExportName(new Date()))}
      onState={(s) => {
        last = s;
        // --out: write the document each time a race ends (a restart writes it again).
        if (options.out !== undefined && raceFinished(s) && s.raceId !== savedRace) {
          savedRace = s.raceId;
          exportNow(s, options.out);
        }
        // The bench measures the loop "during a race": from the first cost to the end.
        if (racingSince === undefined && s.runs.some((r) => r.costAt >= 0)) {
          racingSince = performance.now();
          loopDelay?.reset();
        }
        if (finishedAt === undefined && raceFinished(s)) finishedAt = performance.now();
      }}
    />,
    {
      exitOnCtrlC: false,
      patchConsole: true,
      onRender: ({ renderTime }) => {
        frames++;
        renderMs.push(renderTime);
      },
    },
  );


  ink.app = app;
  let failure: unknown;
  try {
    await app.waitUntilExit();
  } catch (err) {
    failure = err;
  }
  for (const [sig, h] of handlers) process.off(sig, h);
  process.stdout.off('resize', clearOnResize);
  await race?.cancel();
  restoreTerminal();
  process.off('exit', restoreTerminal);
  if (statsFile && loopDelay) {
    loopDelay.disable();
    const seconds = ((finishedAt ?? performance.now()) - startedAt) / 1000;
    const stats = {
      raceSeconds: seconds,
      frames,
      framesPerSecond: frames / ((performance.now() - startedAt) / 1000),
      eventLoopDelayMs: { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
      maxRssMB: process.resourceUsage().maxRSS / 1024,
      renderMs: { mean: renderMs.reduce((a, b) => a + b, 0) / Math.max(1, renderMs.length), max: Math.max(0, ...renderMs) },
    };
    writeFileSync(statsFile, `${JSON.stringify(stats)}\n`);
  }

  if (failure !== undefined) {
    process.stderr.write(`init-tui: the dashboard stopped on an error: ${failure instanceof Error ? failure.message : String(failure)}\n`);
    return 1;
  }
  if (exportError) process.stderr.write(`init-tui: --out: ${exportError}\n`);
  if (last && raceFinished(last) && status === 0) {
    const final = last;
    const lines = final.config.sweep
      ? sweepTable(final.config, cellResults(final.config, final.runs.map((r) => r.result)))
      : [tableRow(HEADER), ...schemeGroups(final).map((g) => tableRow(groupCells(g)))];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return status;
}
