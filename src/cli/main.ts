/**
 * init-tui's entry: parse the command line (a pure function), then pick a
 * mode: `--json`, the live dashboard (stdout a terminal and stdin able to
 * go raw), or plain text. Exit status: 0 done, 1 a run failed or an internal
 * error, 2 bad input, 128+n on signal n (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP).
 */
import { readFileSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import type { TrainTest } from '../core/experiment.js';
import { quote } from '../core/quote.js';
import { keepHeapSmall } from '../engine/heap.js';
import type { Fault } from '../engine/protocol.js';
import { helpText, parseCommandLine, type Invocation } from './argv.js';
import { completionScript } from './completions.js';
import { loadData } from './data-files.js';
import { runJson, runPlain } from './headless.js';
import { checkOutPath, fileErrorReason, outFileWriter } from './out-file.js';
import { headlessSession, refuseInspector, SIGNAL_STATUS } from './stop.js';
import type { Start } from './user-config.js';
import type { UserConfigWriter } from './user-config-file.js';

// Before anything else can take time: from here on SIGUSR1 opens no debugger port.
refuseInspector();

/** The package's version: package.json sits beside dist/ (the bundle) or two levels up from src/cli/. */
function version(): string {
  for (const up of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version: string };
      if (pkg.name === 'init-tui') return pkg.version;
    } catch {
      // not here: try one level further up
    }
  }
  return 'unknown';
}

/** `INIT_TUI_FAULT=throw:he@500` (or `exit:…`) makes that run's worker fail on purpose: a testing hook. */
export function parseFault(raw: string | undefined): Fault | undefined | string {
  if (raw === undefined || raw === '') return undefined;
  const m = /^(throw|exit):([a-z0-9:.]+)@(\d+)$/.exec(raw);
  if (!m) return `INIT_TUI_FAULT expects throw:SCHEME@ITERATION or exit:SCHEME@ITERATION, got ${quote(raw)}`;
  return { kind: m[1] as Fault['kind'], scheme: m[2]!, at: Number(m[3]) };
}

/**
 * --help and --version: printed at once, and a stdout that takes nothing (a full disk,
 * >/dev/full) is one line on stderr and status 1, as for the other modes, not a stack trace.
 */
function printAndExit(text: string): never {
  try {
    writeSync(1, text);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // A reader that went away (`| head -0`) is the reader's choice: quietly done.
    if (code === 'EPIPE') process.exit(0);
    try {
      writeSync(2, `init-tui: cannot write to standard output: ${fileErrorReason(err)}\n`);
    } catch {
      // stderr is gone too: the status says it
    }
    process.exit(1);
  }
  process.exit(0);
}

/**
 * The current folder, or a line saying why there is none: a folder deleted under
 * the shell makes every relative path (and a worker thread's start) fail deep inside Node.
 */
function cwdProblem(): string | undefined {
  try {
    process.cwd();
    return undefined;
  } catch (err) {
    return `the current folder no longer exists (${(err as NodeJS.ErrnoException).code ?? 'error'}); cd to a folder that exists and run init-tui again`;
  }
}

function usageError(message: string): never {
  process.stderr.write(`init-tui: ${message}\n`);
  process.exit(2);
}

/** --json and plain text: one checked writer for stdout, one stop path (stop.ts). */
async function headless(options: Invocation, data: TrainTest, fault: Fault | undefined): Promise<void> {
  const { wantsColor } = await import('./dashboard/terminal.js');
  // Plain text is in colour on a terminal (stdin not one, say) or with --color always (into `less -R`); JSON never.
  const color = !options.json && wantsColor(options.color, process.env, process.stdout.isTTY === true);
  const session = { ...headlessSession(), color };
  const mode = options.json ? runJson : runPlain;
  const status = options.queue
    ? await (await import('./queue.js')).runQueued(options, data, session)
    : await mode(options, data, session, fault);
  session.finish(status);
}

/**
 * The dashboard's start from the remembered settings (user-config.ts) and the command
 * line, what to tell the user about the file (one line each, shown after the dashboard),
 * and the writer that keeps it up to date.
 */
async function rememberedStart(invocation: Invocation): Promise<{ start: Start; notes: string[]; writer: UserConfigWriter }> {
  // Loaded only here, as the dashboard is: the headless modes never import the dashboard's state.
  const { configPath, startFrom } = await import('./user-config.js');
  const { readUserConfig, userConfigWriter } = await import('./user-config-file.js');
  const path = configPath(process.env, homedir());
  const read = readUserConfig(path);
  const notes = read.problem ? [`init-tui: ignored the remembered settings in ${path}: ${read.problem}`] : [];
  const { start, conflict } = startFrom(read.remembered, invocation.given, invocation.spelled);
  if (conflict) notes.push(`init-tui: the remembered settings in ${path} were not used with these options: ${conflict}`);
  return { start, notes, writer: userConfigWriter(path, read.remembered) };
}

async function main(): Promise<void> {
  const parsed = parseCommandLine(process.argv.slice(2));
  switch (parsed.kind) {
    case 'error':
      return usageError(parsed.message);
    case 'help':
      return printAndExit(`${helpText(version())}\n`);
    case 'version':
      return printAndExit(`init-tui ${version()} (node ${process.version})\n`);
    case 'completions':
      return printAndExit(completionScript(parsed.shell));
    case 'run': {
      const noCwd = cwdProblem();
      if (noCwd) return usageError(noCwd);
      const fault = parseFault(process.env['INIT_TUI_FAULT']);
      if (typeof fault === 'string') return usageError(fault);
      const { invocation } = parsed;
      // Loaded only here: no other mode imports BullMQ or ioredis.
      if (invocation.worker) return (await import('./queue-worker.js')).runWorker(invocation.worker, invocation.config.threads, fault);
      if (invocation.out !== undefined) {
        const problem = checkOutPath(invocation.out, invocation.force);
        if (problem) return usageError(problem);
      }
      const interactive =
        !invocation.json && process.stdout.isTTY === true && process.stdin.isTTY === true && process.env['TERM'] !== 'dumb';
      // The dashboard starts from what it remembers, under the command line; the headless modes never read it.
      const remembered = interactive && invocation.remember ? await rememberedStart(invocation) : undefined;
      const config = remembered?.start.config ?? invocation.config;
      // Your own data is read, and refused, before anything trains.
      const data = loadData(config);
      if (typeof data === 'string') return usageError(data);
      if (!interactive) return headless(invocation, data, fault);
      // --queue in a terminal: the dashboard, its races on the queue's workers (Redis is asked before the screen is taken).
      const start = invocation.queue ? await (await import('./queue.js')).queueRaceStarter(invocation.queue) : undefined;
      if (typeof start === 'string') {
        process.stderr.write(`${start}\n`);
        process.exit(1);
      }
      // Before Ink, React and the workers allocate anything (engine/heap.ts says why).
      keepHeapSmall();
      // The terminal is taken at once (raw mode, the alternate screen): a key typed while
      // the dashboard loads is read as a key later, never echoed over the screen.
      const { capabilities, openTerminal } = await import('./dashboard/terminal.js');
      const caps = capabilities(process.env, invocation.color);
      // Ink colours its own text through chalk, which reads FORCE_COLOR when it loads: --color always or never tells it too.
      if (invocation.color !== 'auto') process.env['FORCE_COLOR'] = caps.color ? '2' : '0';
      const terminal = openTerminal(process.stdout, process.stdin, caps, process.stderr);
      // Until the dashboard has its own handlers, a signal still gives the terminal back first.
      // Installed before the terminal is taken: a signal in between would otherwise end the
      // process by its default action, on the alternate screen (restore() is a no-op before).
      const early = Object.entries(SIGNAL_STATUS).map(
        ([sig, code]) =>
          [
            sig,
            () => {
              terminal.restore();
              process.exit(code);
            },
          ] as const,
      );
      for (const [sig, h] of early) process.once(sig, h);
      process.once('exit', () => terminal.restore());
      terminal.enter();
      // Held while the dashboard is up (terminal.ts), shown under it once it exits.
      for (const line of remembered?.notes ?? []) process.stderr.write(`${line}\n`);
      // A real terminal is not CI, whatever the environment says: with CI set, Ink would
      // draw nothing until the end (it only prints a last frame for CI logs).
      delete process.env['CI'];
      delete process.env['CONTINUOUS_INTEGRATION'];
      // Loaded only here: --json and plain text never import Ink or React. (The bundle
      // holds React's production build: scripts/build.mjs fixes NODE_ENV.)
      const { runDashboard } = await import('./dashboard/run.js');
      const status = await runDashboard({
        config,
        chart: remembered?.start.chart ?? 'overlay',
        logScale: remembered?.start.logScale ?? false,
        ...(remembered ? { onState: (s) => remembered.writer.update(s) } : {}),
        data,
        fault,
        out: invocation.out,
        commandTail: [...(invocation.out !== undefined ? ['--out', invocation.out] : []), ...(invocation.force ? ['--force'] : [])],
        writeFile: outFileWriter(invocation.force),
        terminal,
        takeSignals: () => early.forEach(([sig, h]) => process.off(sig, h)),
        ...(start ? { start } : {}),
      });
      if (remembered?.writer.error !== undefined) process.stderr.write(`init-tui: settings not remembered: ${remembered.writer.error}\n`);
      if (terminal.lost) {
        // The terminal is not ours any more: closed under us, or the shell has it back (we
        // are in the background). Node's exit puts the terminal back in its first mode, which
        // aborts on a dead terminal (EIO) and, from the background, stops the process
        // (SIGTTOU) instead of ending it. End the way a hangup ends a program instead, by
        // SIGHUP itself (Node resets nothing then) — which the shell reports as status 129.
        process.removeAllListeners('SIGHUP');
        process.kill(process.pid, 'SIGHUP');
      }
      process.exit(status);
    }
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`init-tui: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
