/**
 * The two modes without a dashboard: `--json` (one JSON document) and plain
 * text (the notebook's "Cost after iteration i" lines, then a table), used
 * when stdout is not a terminal or stdin cannot be put in raw mode. Neither
 * imports Ink.
 */
import type { Options } from './args.js';
import { startRace, type Race, type RunOutcome } from './engine/race.js';
import type { Fault } from './engine/protocol.js';
import { writeFileAtomic } from './out-file.js';
import { formatReport, toReport } from './report.js';
import { HEADER, resultCells, tableRow } from './table.js';

export interface HeadlessResult {
  readonly outcomes: readonly RunOutcome[];
  /** 0 when every run finished, 1 when one failed. */
  readonly status: number;
}

/** Runs the race; `onRace` receives the handle (so a signal handler can cancel it). */
async function race(
  options: Options,
  fault: Fault | undefined,
  onRace: (r: Race) => void,
  onProgress?: (run: number, samples: readonly (readonly [number, number])[]) => void,
): Promise<HeadlessResult> {
  const r = startRace(
    {
      config: options.config,
      schemes: options.schemes,
      kernel: options.kernel,
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
      ...(fault ? { fault } : {}),
    },
    (e) => {
      if (e.type === 'progress' && e.samples.length > 0) onProgress?.(e.run, e.samples);
    },
  );
  onRace(r);
  const outcomes = await r.finished;
  return { outcomes, status: outcomes.some((o) => o.type === 'failed') ? 1 : 0 };
}

/** `--out`: the document, written whole or not at all; 1 if that failed (the path was checked before training). */
function saveOut(options: Options, text: string, err: (line: string) => void): number {
  if (options.out === undefined) return 0;
  try {
    writeFileAtomic(options.out, text);
    return 0;
  } catch (e) {
    err(`init-tui: --out: could not write ${options.out}: ${(e as Error).message}`);
    return 1;
  }
}

export async function runJson(
  options: Options,
  out: (text: string) => void,
  err: (line: string) => void,
  onRace: (r: Race) => void,
  fault?: Fault,
): Promise<number> {
  const { outcomes, status } = await race(options, fault, onRace);
  const text = `${formatReport(toReport(options.config, outcomes))}\n`;
  out(text);
  for (const o of outcomes) if (o.type === 'failed') err(`init-tui: run "${o.scheme}" failed: ${o.message}`);
  return Math.max(status, saveOut(options, text, err));
}

/** The final table as plain text lines (also the dashboard's non-terminal fallback). */
export function tableLines(outcomes: readonly RunOutcome[]): string[] {
  return [
    tableRow(HEADER),
    ...outcomes.map((o) => tableRow(o.type === 'done' ? resultCells(o.scheme, o) : resultCells(o.scheme, undefined, o.message))),
  ];
}

/** Numbers as the notebook prints them: full precision, `inf` and `nan` for the non-finite. */
function notebookNumber(c: number): string {
  if (Number.isNaN(c)) return 'nan';
  if (!Number.isFinite(c)) return c > 0 ? 'inf' : '-inf';
  return String(c);
}

export async function runPlain(
  options: Options,
  out: (text: string) => void,
  err: (line: string) => void,
  onRace: (r: Race) => void,
  fault?: Fault,
): Promise<number> {
  const { config, schemes } = options;
  const width = Math.max(...schemes.map((s) => s.length));
  out(
    `init-tui: ${config.dataset}, layers ${config.layers.join('-')}, learning rate ${config.learningRate}, ` +
      `${config.iterations} iterations, seed ${config.seed}; racing ${schemes.join(', ')}\n`,
  );
  const { outcomes, status } = await race(options, fault, onRace, (run, samples) => {
    for (const [i, c] of samples) {
      if (i % config.every === 0) out(`${schemes[run]!.padEnd(width)}  Cost after iteration ${i}: ${notebookNumber(c)}\n`);
    }
  });
  out('\n');
  for (const line of tableLines(outcomes)) out(`${line}\n`);
  for (const o of outcomes) if (o.type === 'failed') err(`init-tui: run "${o.scheme}" failed: ${o.message}`);
  return Math.max(status, saveOut(options, `${formatReport(toReport(options.config, outcomes))}\n`, err));
}
