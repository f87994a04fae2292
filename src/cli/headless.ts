/**
 * The two modes without a dashboard: `--json` (one JSON document) and plain
 * text (the notebook's "Cost after iteration i" lines, then a table), used
 * when stdout is not a terminal or stdin cannot be put in raw mode. Neither
 * imports Ink.
 */
import type { FinishedRun, TrainTest } from '../core/experiment.js';
import type { Fault, RunEvent } from '../engine/protocol.js';
import { startRace, type Race, type RaceOptions } from '../engine/race.js';
import { gridCells } from '../core/sweep.js';
import { cost, percent } from '../results/format.js';
import { reportChunks, toDocument } from '../results/report.js';
import { bySeed } from '../results/summary.js';
import { cellResults, gainLabel, sweepTable } from '../results/sweep.js';
import { COLUMNS, HEADER, resultCells, sweepCells, tableRow } from '../results/table.js';
import type { Invocation } from './argv.js';
import { clip } from '../core/quote.js';
import { paint, schemeColor } from '../ui/chrome/theme.js';
import { writeFileSliced } from './out-file.js';

export interface HeadlessResult {
  readonly outcomes: readonly FinishedRun[];
  /** 0 when every run finished, 1 when one failed. */
  readonly status: number;
}

/**
 * A network of up to this many weights trains on the main thread. Its start and end
 * diagnostics (forward passes over the data set, one synchronous piece each) take
 * milliseconds there; those of a larger network take seconds (8×256: 1–4 s), during
 * which a signal would go unheard, so it trains on a worker thread instead (~80 ms to
 * start one), and the main thread stays free to stop at once.
 */
const INLINE_WEIGHTS = 16_384;

function weights(layers: readonly number[]): number {
  let n = 0;
  for (let l = 1; l < layers.length; l++) n += (layers[l - 1] ?? 0) * (layers[l] ?? 0);
  return n;
}

/** One turn of the event loop: a signal that came meanwhile is handled before this resolves (poll runs before check). */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs the race; `onRace` receives the handle (so a signal handler can cancel it). */
async function race(
  options: Invocation,
  data: TrainTest,
  fault: Fault | undefined,
  io: HeadlessIO,
  onProgress?: (run: number, samples: readonly (readonly [number, number])[]) => void,
): Promise<HeadlessResult> {
  // Without progress lines to print (--json), the workers send no live samples: the
  // recorded costs come whole at the end (with --every 1, a million samples otherwise).
  const traceEvery = onProgress ? options.config.every : options.config.iterations;
  // One small model trains on this thread (no pool to start or stop); a race of several, or a large network, on worker threads.
  const inline = weights(options.config.layers) <= INLINE_WEIGHTS;
  const r = (io.start ?? startRace)(options.config, { data, traceEvery, inline, ...(fault ? { fault } : {}) }, (e) => {
    if (e.type === 'progress' && e.samples.length > 0) onProgress?.(e.run, e.samples);
  });
  io.onRace(r);
  const outcomes = await r.finished;
  // A signal that came with the last piece of work is heard before anything is printed.
  await turn();
  return { outcomes, status: outcomes.some((o) => o.status === 'failed') ? 1 : 0 };
}

/** The SPEC §5 document (or a sweep's) as printed and as written by --out, in pieces (it may hold millions of costs). */
function* documentOf(options: Invocation, outcomes: readonly FinishedRun[]): Generator<string> {
  yield* reportChunks(toDocument(options.config, outcomes));
  yield '\n';
}

/** Prints text: a checked write that resolves once the text is handed over (a test's collector may be synchronous). */
export type Out = (text: string) => unknown;

/**
 * Where a headless mode prints and how it learns that it must stop: stop.ts's
 * HeadlessSession in the program, a collector in the tests.
 */
export interface HeadlessIO {
  readonly out: Out;
  /** One line on stderr. */
  readonly err: (line: string) => void;
  /** Receives the race handle, so a signal handler can cancel it. */
  readonly onRace: (r: Race) => void;
  /** True once the run is stopping early (a signal, a hangup): print nothing more, write no file. */
  readonly stopped?: () => boolean;
  /** Plain text in colour (--color, wantsColor): each scheme's name in its dashboard colour. */
  readonly color?: boolean;
  /** Where the models train: this machine (startRace, the default) or a queue's workers (--queue). */
  readonly start?: (config: Invocation['config'], rc: RaceOptions, onEvent: (e: RunEvent) => void) => Race;
}

const running = (): boolean => false;

/**
 * The end of a headless race: one line per failed run, then `--out` (written
 * whole or not at all; the path was checked before training). Returns the exit
 * status. Nothing is written once the run is stopping (a signal, a hangup).
 */
async function finish(options: Invocation, outcomes: readonly FinishedRun[], status: number, io: HeadlessIO): Promise<number> {
  const { err, stopped = running } = io;
  await turn();
  if (stopped()) return status;
  for (const o of outcomes) if (o.status === 'failed') err(`init-tui: run "${o.scheme}" failed: ${o.error}`);
  if (options.out === undefined) return status;
  try {
    // In slices, asking for a stop between them and last right before the file appears.
    await writeFileSliced(options.out, documentOf(options, outcomes), { replace: options.force, stopped });
    return status;
  } catch (e) {
    err(`init-tui: --out: could not write ${clip(options.out)}: ${(e as Error).message}`);
    return Math.max(status, 1);
  }
}

/**
 * --json: race, then print the document and write --out. A run that is
 * stopped (a signal; `stopped()` turns true) prints nothing and writes nothing:
 * its runs are "cancelled", which is not a result.
 */
export async function runJson(options: Invocation, data: TrainTest, io: HeadlessIO, fault?: Fault): Promise<number> {
  const { out, stopped = running } = io;
  const { outcomes, status } = await race(options, data, fault, io);
  for (const chunk of documentOf(options, outcomes)) {
    if (stopped()) return status;
    // Each piece is handed over before the next is made: a slow reader holds back the writer.
    await out(chunk);
    // A write's callback comes without a turn of the event loop: a signal is heard between pieces.
    await turn();
  }
  return finish(options, outcomes, status, io);
}

/** A row of the table with its scheme's name (the first column) in the scheme's colour. */
function painted(row: string, scheme: string, index: number, color: boolean): string {
  return paint(row.slice(0, COLUMNS.scheme), color, schemeColor(scheme, index)) + row.slice(COLUMNS.scheme);
}

/** The final table as plain text lines; with seeds > 1, one row per scheme with mean ± sd. */
export function tableLines(outcomes: readonly FinishedRun[], seeds = 1, color = false): string[] {
  if (seeds > 1) {
    const rows = bySeed(outcomes, seeds).map((group, k) =>
      painted(tableRow(sweepCells(group[0]?.scheme ?? '', group, group.length)), group[0]?.scheme ?? '', k, color),
    );
    return [tableRow(HEADER), ...rows];
  }
  return [tableRow(HEADER), ...outcomes.map((o, k) => painted(tableRow(resultCells(o.scheme, o)), o.scheme, k, color))];
}

/** Numbers as the notebook prints them: full precision, `inf` and `nan` for the non-finite. */
function notebookNumber(c: number): string {
  if (Number.isNaN(c)) return 'nan';
  if (!Number.isFinite(c)) return c > 0 ? 'inf' : '-inf';
  return String(c);
}

/** Plain text: the notebook's progress lines, then the table; stopped, it prints no table and writes no --out. */
export async function runPlain(options: Invocation, data: TrainTest, io: HeadlessIO, fault?: Fault): Promise<number> {
  const { config } = options;
  if (config.sweep) return runSweepPlain(options, data, io, fault);
  const { out, stopped = running } = io;
  const { schemes, seeds } = config;
  const width = Math.max(...schemes.map((s) => s.length));
  void out(
    `init-tui: ${config.dataset}, layers ${config.layers.join('-')}, learning rate ${config.learningRate}, ` +
      `${config.iterations} iterations, seed ${config.seed}; racing ${schemes.join(', ')}\n`,
  );
  const { outcomes, status } = await race(options, data, fault, io, (run, samples) => {
    // With a sweep, the progress lines follow each scheme's first seed.
    if (run % seeds !== 0) return;
    const scheme = schemes[run / seeds] ?? '';
    const name = paint(scheme.padEnd(width), io.color === true, schemeColor(scheme, run / seeds));
    let lines = '';
    for (const [i, c] of samples) if (i % config.every === 0) lines += `${name}  Cost after iteration ${i}: ${notebookNumber(c)}\n`;
    if (lines !== '') void out(lines);
  });
  if (stopped()) return status;
  const table = [
    '',
    ...(seeds > 1 ? [`mean ± sd over seeds ${config.seed}…${config.seed + seeds - 1}`] : []),
    ...tableLines(outcomes, seeds, io.color === true),
  ];
  await out(`${table.join('\n')}\n`);
  return finish(options, outcomes, status, io);
}

/**
 * A sweep in plain text: one line per model as it finishes (the models are
 * many, so no cost lines), then the grid: rows depth, columns gain, mean test
 * accuracy in %, × where training diverged.
 */
async function runSweepPlain(options: Invocation, data: TrainTest, io: HeadlessIO, fault: Fault | undefined): Promise<number> {
  const { out, onRace, stopped = running, start = startRace } = io;
  const { config } = options;
  const cells = gridCells(config);
  const total = cells.length * config.seeds;
  const digits = String(total).length;
  void out(
    `init-tui: ${config.dataset}, learning rate ${config.learningRate}, ${config.iterations} iterations, ` +
      `seeds ${config.seed}${config.seeds > 1 ? `…${config.seed + config.seeds - 1}` : ''}; sweeping ${cells.length} cells, ${total} models\n`,
  );
  let ended = 0;
  const r = start(config, { data, inline: weights(config.layers) <= INLINE_WEIGHTS, ...(fault ? { fault } : {}) }, (e) => {
    if (e.type !== 'finished') return;
    ended++;
    const cell = cells[Math.floor(e.run / config.seeds)];
    const res = e.result;
    const what =
      res.status === 'failed'
        ? `failed: ${res.error}`
        : `train ${percent(res.trainAccuracy)} · test ${percent(res.testAccuracy)} · final cost ${cost(res.finalCost)}` +
          (Number.isFinite(res.finalCost) ? '' : ' · diverged');
    void out(
      `[${String(ended).padStart(digits)}/${total}] depth ${cell?.depth ?? '?'} · gain ${gainLabel(cell?.gain ?? NaN)} · seed ${res.seed}: ${what}\n`,
    );
  });
  onRace(r);
  const outcomes = await r.finished;
  const status = outcomes.some((o) => o.status === 'failed') ? 1 : 0;
  await turn();
  if (stopped()) return status;
  await out(`\n${sweepTable(config, cellResults(config, outcomes)).join('\n')}\n`);
  return finish(options, outcomes, status, io);
}
