/**
 * init-tui's entry: parse the command line (a pure function), then pick a
 * mode: `--json`, the live dashboard (stdout a terminal and stdin able to
 * go raw), or plain text. Exit status: 0 done, 1 a run failed or an internal
 * error, 2 bad input, 128+n on signal n (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP).
 */
import { readFileSync } from 'node:fs';
import type { TrainTest } from '../core/experiment.js';
import { quote } from '../core/quote.js';
import type { Fault } from '../engine/protocol.js';
import type { Race } from '../engine/race.js';
import { helpText, parseCommandLine, type Invocation } from './argv.js';
import { loadData } from './data-files.js';
import { runJson, runPlain } from './headless.js';
import { checkOutPath, outFileWriter } from './out-file.js';

const SIGNAL_STATUS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** `INIT_TUI_FAULT=throw:he@500` (or `exit:…`) makes that run's worker fail on purpose: a testing hook. */
export function parseFault(raw: string | undefined): Fault | undefined | string {
  if (raw === undefined || raw === '') return undefined;
  const m = /^(throw|exit):([a-z0-9:.]+)@(\d+)$/.exec(raw);
  if (!m) return `INIT_TUI_FAULT expects throw:SCHEME@ITERATION or exit:SCHEME@ITERATION, got ${quote(raw)}`;
  return { kind: m[1] as Fault['kind'], scheme: m[2]!, at: Number(m[3]) };
}

function usageError(message: string): never {
  process.stderr.write(`init-tui: ${message}\n`);
  process.exit(2);
}

/** Writes to stdout; a closed pipe (`| head`) ends the program quietly instead of throwing EPIPE. */
function stdoutWriter(onClosed: () => void): (text: string) => void {
  let closed = false;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') {
      closed = true;
      onClosed();
    } else throw err;
  });
  return (text) => {
    if (!closed) process.stdout.write(text);
  };
}

async function headless(options: Invocation, data: TrainTest, fault: Fault | undefined): Promise<void> {
  let race: Race | undefined;
  let stopping = false;
  const stop = async (status: number): Promise<never> => {
    stopping = true; // the cancelled runs are not failures worth a line
    await race?.cancel();
    process.exit(status);
  };
  for (const [sig, status] of Object.entries(SIGNAL_STATUS)) process.once(sig, () => void stop(status));
  const out = stdoutWriter(() => void stop(0));
  const err = (line: string): void => {
    if (!stopping) process.stderr.write(`${line}\n`);
  };
  const mode = options.json ? runJson : runPlain;
  const status = await mode(options, data, out, err, (r) => (race = r), fault);
  // Let stdout drain before exiting (a large document into a slow pipe).
  process.stdout.write('', () => process.exit(status));
}

async function main(): Promise<void> {
  const parsed = parseCommandLine(process.argv.slice(2));
  switch (parsed.kind) {
    case 'error':
      return usageError(parsed.message);
    case 'help':
      process.stdout.write(`${helpText(version())}\n`);
      return;
    case 'version':
      process.stdout.write(`${version()}\n`);
      return;
    case 'run': {
      const fault = parseFault(process.env['INIT_TUI_FAULT']);
      if (typeof fault === 'string') return usageError(fault);
      const { invocation } = parsed;
      if (invocation.out !== undefined) {
        const problem = checkOutPath(invocation.out, invocation.force);
        if (problem) return usageError(problem);
      }
      // Your own data is read, and refused, before anything trains.
      const data = loadData(invocation.config);
      if (typeof data === 'string') return usageError(data);
      const interactive = !invocation.json && process.stdout.isTTY === true && process.stdin.isTTY === true && process.env['TERM'] !== 'dumb';
      if (!interactive) return headless(invocation, data, fault);
      // Loaded only here: --json and plain text never import Ink or React.
      // React's development build checks a lot and is slower; users get the production one.
      process.env['NODE_ENV'] ??= 'production';
      const { runDashboard } = await import('../ui/run-dashboard.js');
      process.exit(await runDashboard({ config: invocation.config, data, fault, out: invocation.out, writeFile: outFileWriter(invocation.force) }));
    }
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`init-tui: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
