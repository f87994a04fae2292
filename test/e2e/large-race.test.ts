import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '../support/pty.ts';
import { withTimeout } from '../support/wait.ts';
import { start } from './pty-harness.ts';

test('at the 10,000,000-cost maximum the dashboard keeps drawing as the runs end, and q exits at once', { timeout: 300_000 }, async () => {
  // Three runs of 3,333,333 iterations, a cost recorded at each: 9,999,999 costs, the most a race may
  // record. Four points and a 2-1-1 network keep the training to seconds; the records are what
  // matters. As [iteration, cost] pairs built on the drawing thread when the runs ended, they froze
  // the screen for 6–12 s (a 100 s with a larger network), took ~950 MB, and q took 9 s.
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-large-'));
  const csv = join(dir, 'four.csv');
  const stats = join(dir, 'stats.json');
  writeFileSync(csv, 'x1,x2,label\n0,0,0\n1,1,1\n0,1,0\n1,0,1\n');
  const s = start(['-n', '3333333', '--every', '1', '--layers', '2,1,1', '--data', csv], { env: { INIT_TUI_STATS: stats } });
  try {
    // Within 1 % of the end of a run: the records arrive over the next moments, and q goes in among them.
    await s.waitFor(/3,3[0-9]{2},[0-9]{3}\/3,333,333/, 240_000);
    const pressed = performance.now();
    s.press('q');
    const { exitCode } = await withTimeout(s.exited, 60_000, 'the exit after q');
    const quitMs = performance.now() - pressed;
    assert.equal(exitCode, 0);
    assert.ok(s.cursorVisible() && s.normalScreen(), 'the terminal is given back');
    const st = JSON.parse(readFileSync(stats, 'utf8')) as { eventLoopDelayMs: { p99: number; max: number }; maxRssMB: number };
    // Generous bounds (2 shared cores, other tests beside): measured 0.06–0.7 s, p99 90–190 ms,
    // longest stall 0.2–0.6 s, 280 MB on a loaded machine.
    assert.ok(quitMs < 4000, `q took ${quitMs.toFixed(0)} ms`);
    assert.ok(st.eventLoopDelayMs.max < 3000, `the longest event-loop stall was ${st.eventLoopDelayMs.max.toFixed(0)} ms`);
    assert.ok(st.eventLoopDelayMs.p99 < 500, `event-loop p99 ${st.eventLoopDelayMs.p99.toFixed(0)} ms`);
    assert.ok(st.maxRssMB < 600, `peak RSS ${st.maxRssMB.toFixed(0)} MB`);
  } finally {
    s.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
