/**
 * The live dashboard's entry: draws on the alternate screen (like less, htop
 * or lazygit), so quitting returns to a clean prompt; then prints the results
 * table on the normal screen so the numbers stay in the scrollback.
 *
 * One stop path, however it ends (q, Ctrl-C, SIGTERM, SIGHUP, the terminal
 * closing, the parent process dying, a crash): first the terminal is given
 * back, synchronously (cursor shown, raw mode off, the normal screen back),
 * then the workers are cancelled with a deadline, then the process exits with
 * its status. Ctrl-Z (or SIGTSTP) gives the terminal back the same way and
 * takes it again on `fg`.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { render } from 'ink';
import type { ExperimentConfig } from '../../core/config.js';
import type { TrainTest } from '../../core/experiment.js';
import type { Fault } from '../../engine/protocol.js';
import { CANCEL_DEADLINE_MS, type Race, type RaceStarter } from '../../engine/race.js';
import { formatReport } from '../../results/report.js';
import { cellResults, sweepTable } from '../../results/sweep.js';
import { HEADER, tableRow } from '../../results/table.js';
import { App } from '../../ui/App.js';
import { defaultExportName, reportOf } from '../../ui/state/export.js';
import { isFinished } from '../../ui/state/runs.js';
import { groupCells, raceFinished, schemeGroups } from '../../ui/state/selectors.js';
import { type DashboardState } from '../../ui/state/reducer.js';
import { fileErrorReason } from '../out-file.js';
import { SIGNAL_STATUS } from '../stop.js';
import { inBackground, toAscii, type Terminal } from './terminal.js';

/** What the dashboard is started with: the experiment and its data, and where results go. */
export interface DashboardOptions {
  readonly config: ExperimentConfig;
  /** How the race's chart starts: overlaid or small multiples, on a linear or a log scale (remembered ones, user-config.ts). */
  readonly chart?: DashboardState['chart'];
  readonly logScale?: boolean;
  /** Told every state (the remembered settings follow it). */
  readonly onState?: (state: DashboardState) => void;
  readonly data: TrainTest;
  readonly fault: Fault | undefined;
  /** --out: written each time a race ends, and by `e`. */
  readonly out: string | undefined;
  /** Writes a file whole or not at all (the CLI's writer; the screen does no file I/O of its own). */
  readonly writeFile: (path: string, text: string) => void;
  /** The terminal, already taken over by the CLI (raw mode and the alternate screen from the first moment). */
  readonly terminal: Terminal;
  /** Called once the dashboard's own signal handlers are in place: the CLI's start-up ones can go. */
  readonly takeSignals?: () => void;
  /** --queue: races train on the queue's workers instead of local threads. */
  readonly start?: RaceStarter;
  /** The options beside the experiment, as typed (`--out FILE`, `--force`): the settings screen's command line ends with them. */
  readonly commandTail?: readonly string[];
}

/** How long after an export another `e` is folded into one more (see exportFolded). */
const FOLD_MS = 300;

/** How often to check that the parent (a shell, npm exec) is still there. */
const PARENT_POLL_MS = 100;

export async function runDashboard(options: DashboardOptions): Promise<number> {
  const { writeFile, terminal } = options;
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
  let firstFrameAt: number | undefined;

  /** Why --out could not be written (its last attempt): the exit status is 1 then. An `e` to a file of its own only says so on the screen. */
  let exportError: string | undefined;
  /** Writes the results atomically; says where, or why not. */
  const exportNow = (s: DashboardState, path: string): string => {
    const report = reportOf(s);
    // A sweep's document has every cell from the start; what counts is how many models finished.
    const count = 'runs' in report ? report.runs.length : s.runs.filter(isFinished).length;
    const what = 'runs' in report ? 'run' : 'model';
    if (count === 0) return `nothing to export yet: no ${what} has finished`;
    const isOut = path === options.out;
    try {
      writeFile(path, `${formatReport(report)}\n`);
      if (isOut) exportError = undefined;
      const unfinished = s.runs.filter((r) => !isFinished(r)).length;
      return `exported ${count} ${what}${count === 1 ? '' : 's'} to ${resolve(path)}${unfinished > 0 ? ` (${unfinished} still training)` : ''}`;
    } catch (err) {
      // In a few words (a folder deleted under us fails in Node's uv_cwd with a paragraph).
      const why = `could not write ${path}: ${fileErrorReason(err)}`;
      if (isOut) exportError = why;
      return why;
    }
  };

  // One export at a time: `e` pressed again while one is being written, or within
  // FOLD_MS of it (a burst, a held key: 300 presses once froze the screen for seconds
  // and wrote a file for each second), is folded into one more export of the latest
  // state, to the same file, once that time has passed.
  let exporting: { readonly path: string; readonly message: string } | undefined;
  let again: DashboardState | undefined;
  let foldTimer: NodeJS.Timeout | undefined;
  const settleExports = (): void => {
    foldTimer = undefined;
    const s = again;
    again = undefined;
    if (s === undefined || !exporting) {
      exporting = undefined;
      return;
    }
    exportNow(s, exporting.path);
    foldTimer = setTimeout(settleExports, FOLD_MS);
  };
  const exportFolded = (s: DashboardState): string => {
    if (exporting) {
      again = s;
      return exporting.message;
    }
    const path = options.out ?? defaultExportName(new Date());
    exporting = { path, message: exportNow(s, path) };
    foldTimer = setTimeout(settleExports, FOLD_MS);
    return exporting.message;
  };
  /** At the end: a folded export still waiting is written now, so the last `e` is never lost. */
  const flushExports = (): void => {
    clearTimeout(foldTimer);
    if (again && exporting) exportNow(again, exporting.path);
    again = undefined;
    exporting = undefined;
  };

  // The one way out. The first caller decides the status.
  let status: number | undefined;
  let settle!: () => void;
  const stopped = new Promise<void>((r) => (settle = r));
  const ink: { app?: ReturnType<typeof render> } = {};
  let lostTerminal = false;
  // Suspended by Ctrl-Z or SIGTSTP: the terminal is the shell's until `fg`.
  let suspended = false;
  const stop = (code: number): void => {
    if (status !== undefined) return;
    status = code;
    const ours = code !== 0 && !suspended && !terminal.restored;
    const before = ours && inBackground();
    terminal.restore();
    // The shell may take the terminal back while it is being restored (between the check and
    // the write that leaves the alternate screen), its prompt then drawn where it is lost: asked
    // again afterwards, so such a prompt is never left unexplained.
    lostTerminal = before || (ours && inBackground());
    ink.app?.unmount();
    settle();
  };
  const onSignal = Object.entries(SIGNAL_STATUS).map(([sig, code]) => [sig, () => stop(code)] as const);
  for (const [sig, h] of onSignal) process.on(sig, h);
  options.takeSignals?.();
  terminal.onHangup(() => stop(SIGNAL_STATUS.SIGHUP));
  // The terminal is no longer ours when the process that started us has ended (SIGTERM
  // to npm alone), or when the shell has taken the terminal back (npm killed with
  // SIGKILL leaves `sh` alive, but bash puts itself in the foreground): a hangup.
  const parent = process.ppid;
  let orphaned = false;
  let backgroundSeen = 0;
  const watchParent = setInterval(() => {
    if (status !== undefined || suspended) return;
    // Twice in a row: a shell's job control may flip the foreground for a moment.
    backgroundSeen = inBackground() ? backgroundSeen + 1 : 0;
    if (process.ppid === parent && backgroundSeen < 2) return;
    orphaned = true;
    stop(SIGNAL_STATUS.SIGHUP);
  }, PARENT_POLL_MS);
  watchParent.unref();
  const exitGuard = (): void => terminal.restore();
  process.on('exit', exitGuard);

  // Ctrl-Z and SIGTSTP: give the terminal back, stop; on SIGCONT take it again and redraw everything.
  const suspend = (group: boolean): void => {
    if (suspended || status !== undefined) return;
    suspended = true;
    terminal.restore();
    // From the key (raw mode: no SIGTSTP from the terminal), stop the whole job so the shell sees it
    // (with npx, npm is the shell's child); our own SIGTSTP from that is ignored above.
    if (group) process.kill(0, 'SIGTSTP');
    process.kill(process.pid, 'SIGSTOP');
  };
  const onTstp = (): void => suspend(false);
  const onCont = (): void => {
    if (!suspended || status !== undefined) return;
    // Continued in the background (`bg`, or `kill %1`, which sends SIGCONT after its signal):
    // the terminal is the shell's; take it back only when continued in the foreground (`fg`).
    if (inBackground()) return;
    suspended = false;
    terminal.enter();
    // A resize makes Ink draw the whole frame again, on the screen enter() cleared.
    process.stdout.emit('resize');
  };
  process.on('SIGTSTP', onTstp);
  process.on('SIGCONT', onCont);

  // When the terminal narrows it re-wraps the old frame into more lines than Ink
  // erases, leaving debris above the new one. On a resize Ink draws the old tree
  // at once (its width is the view's state, set a render later), then the new one:
  // each write starts on a cleared screen (harmless on the alternate screen) until
  // a frame that fits is drawn.
  const clearOnResize = (): void => terminal.cleanUntilFits();
  process.stdout.on('resize', clearOnResize);
  const app = render(
    <App
      config={options.config}
      data={options.data}
      fault={options.fault}
      color={terminal.caps.color}
      chart={options.chart ?? 'overlay'}
      logScale={options.logScale ?? false}
      onQuit={(s) => stop(s)}
      onSuspend={() => suspend(true)}
      {...(options.start ? { startRace: options.start } : {})}
      onRace={(r) => (race = r)}
      onExport={exportFolded}
      autoExport={options.out !== undefined}
      commandTail={options.commandTail ?? []}
      onState={(s) => {
        last = s;
        options.onState?.(s);
        if (finishedAt === undefined && raceFinished(s)) finishedAt = performance.now();
      }}
    />,
    {
      stdout: terminal.output,
      exitOnCtrlC: false,
      patchConsole: true,
      onRender: ({ renderTime }) => {
        frames++;
        renderMs.push(renderTime);
        firstFrameAt ??= performance.now();
      },
    },
  );
  ink.app = app;

  let failure: unknown;
  await Promise.race([
    stopped,
    app.waitUntilExit().then(
      () => stop(status ?? 0),
      (err: unknown) => {
        failure = err;
        stop(1);
      },
    ),
  ]);
  clearInterval(watchParent);
  // After q only: a run stopped by a signal writes nothing more.
  if (status === 0) flushExports();
  else clearTimeout(foldTimer);
  // Nothing is left to write to on a closed terminal (and writes there fail with EIO).
  process.stderr.on('error', () => undefined);
  // The signal handlers stay: a second SIGHUP or SIGTERM while the workers stop
  // (closing a terminal sends more than one) must not kill the process mid-way.
  process.off('SIGTSTP', onTstp);
  process.off('SIGCONT', onCont);
  process.stdout.off('resize', clearOnResize);
  process.off('exit', exitGuard);
  // The workers get a deadline: a thread that does not stop in time does not hold the exit.
  let deadline: NodeJS.Timeout | undefined;
  await Promise.race([race?.cancel(), new Promise((r) => (deadline = setTimeout(r, CANCEL_DEADLINE_MS)))]);
  clearTimeout(deadline);

  if (statsFile && loopDelay) {
    loopDelay.disable();
    const seconds = ((finishedAt ?? performance.now()) - startedAt) / 1000;
    const stats = {
      raceSeconds: seconds,
      firstFrameMs: firstFrameAt === undefined ? null : firstFrameAt - startedAt,
      frames,
      framesPerSecond: frames / ((performance.now() - startedAt) / 1000),
      eventLoopDelayMs: { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
      maxRssMB: process.resourceUsage().maxRSS / 1024,
      renderMs: { mean: renderMs.reduce((a, b) => a + b, 0) / Math.max(1, renderMs.length), max: Math.max(0, ...renderMs) },
    };
    writeFileSync(statsFile, `${JSON.stringify(stats)}\n`);
  }

  const code = status ?? 0;
  if (failure !== undefined) {
    process.stderr.write(`init-tui: the dashboard stopped on an error: ${failure instanceof Error ? failure.message : String(failure)}\n`);
    return 1;
  }
  if ((orphaned || lostTerminal) && !terminal.gone) {
    // The shell has the terminal again and may have drawn its prompt on the screen we
    // just left, where it is gone: say what happened, so the line is not blank.
    const why = orphaned
      ? process.ppid === parent
        ? 'the shell has taken the terminal back'
        : 'the process that started it has ended'
      : code === SIGNAL_STATUS.SIGTERM
        ? 'terminated (SIGTERM)'
        : 'interrupted';
    try {
      process.stderr.write(`init-tui: stopped: ${why}\n`);
    } catch {
      // the terminal is gone too
    }
  }
  if (code === SIGNAL_STATUS.SIGHUP) return code; // nobody is there to read a table
  if (exportError) process.stderr.write(`init-tui: --out: ${exportError}\n`);
  // After q, the results on the normal screen — also of a race stopped half-way, when some runs had finished.
  if (last && code === 0 && last.runs.some(isFinished)) {
    const final = last;
    const width = process.stdout.columns || undefined;
    const lines = final.config.sweep
      ? sweepTable(
          final.config,
          cellResults(
            final.config,
            final.runs.map((r) => r.result),
          ),
        )
      : [tableRow(HEADER, width), ...schemeGroups(final).map((g) => tableRow(groupCells(g), width))];
    const unfinished = final.runs.filter((r) => !isFinished(r)).length;
    if (unfinished > 0) lines.push(`(quit before the end: ${unfinished} of ${final.runs.length} runs had not finished)`);
    const text = `${lines.join('\n')}\n`;
    process.stdout.write(terminal.caps.unicode ? text : toAscii(text));
  }
  // --out could not be written: the README's status 1, after the table.
  return exportError && code === 0 ? 1 : code;
}
