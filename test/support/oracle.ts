/** What the tests that hold init-tui to the numpy oracle share: the --json path in-process, and a relative comparison. */
import assert from 'node:assert/strict';
import { parseCommandLine } from '../../src/cli/argv.ts';
import { loadData } from '../../src/cli/data-files.ts';
import { runJson } from '../../src/cli/headless.ts';
import type { Report } from '../../src/results/report.ts';

/** Runs the `--json` code path (parser → engine → report) in-process and parses its output. */
export async function json(argv: string[]): Promise<Report> {
  const parsed = parseCommandLine(['--json', ...argv]);
  assert.equal(parsed.kind, 'run');
  if (parsed.kind !== 'run') throw new Error('unreachable');
  let text = '';
  const data = loadData(parsed.invocation.config);
  if (typeof data === 'string') throw new Error(data);
  const status = await runJson(parsed.invocation, data, { out: (t) => (text += t), err: (line) => assert.fail(line), onRace: () => {} });
  assert.equal(status, 0);
  return JSON.parse(text) as Report;
}

/** `actual` within `tol` of `expected`, relatively (null, a non-finite cost, must match null). */
export function relClose(actual: number | null, expected: number | null, tol: number, what: string): void {
  if (expected === null || actual === null) {
    assert.equal(actual, expected, what);
    return;
  }
  const err = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
  assert.ok(err <= tol, `${what}: ${actual} vs ${expected} (relative error ${err.toExponential(2)} > ${tol})`);
}
