import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../../src/core/config.ts';
import { makeData } from '../../../src/core/experiment.ts';
import { defaultThreads, startRace } from '../../../src/engine/race.ts';
import { sleep, waitFor } from '../../support/wait.ts';

const DATA = makeData('circles');
const LONG: ExperimentConfig = { ...DEFAULT_CONFIG, iterations: 10_000_000 };

const threadCount = (): number => readdirSync('/proc/self/task').length;
const rssMB = (): number => Math.round(process.memoryUsage().rss / 2 ** 20);
/**
 * The thread count once it is at most `want` (terminated threads take a moment to be
 * joined), or as it is after `ms` if it never gets there: the caller asserts on it.
 */
async function settleThreads(want: number, ms = 10_000): Promise<number> {
  try {
    return await waitFor(() => (threadCount() <= want ? threadCount() : undefined), {
      timeout: ms,
      interval: 50,
      what: `at most ${want} threads`,
    });
  } catch {
    return threadCount();
  }
}

/** CPU time this process's main thread has used, in ms (10 ms steps: /proc counts clock ticks). */
function mainThreadCpuMs(): number {
  const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * The longest time the main thread was busy without returning to its event loop
 * while `during` runs: between two ticks of a 5 ms timer, the main thread's own
 * CPU time. (A gap without CPU is another process taking the cores, not a block.)
 */
async function longestBlock(during: () => Promise<void>): Promise<number> {
  let cpu = mainThreadCpuMs();
  let worst = 0;
  const tick = setInterval(() => {
    const now = mainThreadCpuMs();
    worst = Math.max(worst, now - cpu);
    cpu = now;
  }, 5);
  try {
    await during();
  } finally {
    clearInterval(tick);
  }
  return Math.max(worst, mainThreadCpuMs() - cpu);
}

test('a cancelled race leaves no thread behind: 30 starts and cancels in a row return to the baseline', async (t) => {
  // Warm up once (lazy V8 and libuv helper threads), then take the baseline.
  await startRace({ ...DEFAULT_CONFIG, iterations: 200 }, { data: DATA }, () => {}).finished;
  // The baseline: the count once the warm-up's threads have gone. No event says so; give
  // them half a second. Taken too early it only comes out higher, which makes the final
  // check easier, never flaky.
  const baseline = await settleThreads(0, 500);
  const rss0 = rssMB();
  const counts: number[] = [];
  for (let k = 0; k < 30; k++) {
    // Cancel at every stage: before any thread is up, while they start, while they train.
    // These sleeps are the stages, the point of the test; none waits for readiness.
    const race = startRace(LONG, { data: DATA, yieldToMain: k % 2 === 0, diagnostics: k % 3 === 0 }, () => {});
    await sleep([0, 5, 30, 100, 300][k % 5]!);
    const t0 = performance.now();
    await race.cancel();
    const outcomes = await race.finished;
    assert.ok(performance.now() - t0 < 1500, `cancel ${k} took ${(performance.now() - t0).toFixed(0)} ms`);
    assert.deepEqual(
      outcomes.map((o) => o.status === 'failed' && o.error),
      ['cancelled', 'cancelled', 'cancelled'],
    );
    counts.push(threadCount());
  }
  const after = await settleThreads(baseline);
  t.diagnostic(`threads: baseline ${baseline}, after each cancel ${counts.join(' ')}, settled ${after}; RSS ${rss0} → ${rssMB()} MB`);
  assert.ok(after <= baseline, `threads back to the baseline: ${after} > ${baseline}`);
});

test('a paused race, and one whose workers saw the cancel themselves, settle every run promise', async () => {
  // With diagnostics on, each worker posts its starting line at once, paused or not: the
  // sign that its thread is up and waiting on the pause.
  const up = new Set<number>();
  const paused = startRace(LONG, { data: DATA, paused: true, diagnostics: true }, (e) => up.add(e.run));
  await waitFor(() => up.size === 3, { what: () => `the three paused workers up (${up.size})` });
  await paused.cancel();
  assert.equal((await paused.finished).length, 3);
  // A one-thread sweep: one run trains, the others wait; all settle at cancel.
  let trained = false;
  const sweep = startRace(
    { ...LONG, seeds: 50, threads: 1 },
    { data: DATA },
    (e) => (trained ||= e.type === 'progress' && e.iteration > 0),
  );
  await waitFor(() => trained, { what: "the sweep's first run training" });
  await sweep.cancel();
  const outcomes = await sweep.finished;
  assert.equal(outcomes.length, 150);
  assert.ok(outcomes.every((o) => o.status === 'failed' && o.error === 'cancelled'));
});

test('starting and cancelling a large race never blocks the main thread for long', async (t) => {
  for (const config of [
    { ...LONG, every: 100_000, seeds: 1000, threads: 64 },
    { ...LONG, schemes: Array.from({ length: 100 }, (_, i) => `scale:${(i + 1) / 10}`) },
  ]) {
    const baseline = threadCount();
    let race: ReturnType<typeof startRace> | undefined;
    // Starting is over once every thread of the pool trains: a progress event from as many
    // runs as the race has threads (64, or the default for 100 schemes).
    const threads = config.threads ?? defaultThreads(config.seeds * config.schemes.length, config.schemes.length);
    const training = new Set<number>();
    const starting = await longestBlock(async () => {
      race = startRace(config, { data: DATA, yieldToMain: true }, (e) => training.add(e.run));
      await waitFor(() => training.size >= threads, {
        timeout: 60_000,
        interval: 50,
        what: () => `${threads} threads training (${training.size})`,
      });
    });
    const cancelling = await longestBlock(async () => {
      await race!.cancel();
      await race!.finished;
    });
    t.diagnostic(
      `${config.seeds} seeds × ${config.schemes.length} schemes: main thread busy at most ${starting} ms at a time starting, ${cancelling} ms cancelling`,
    );
    // Creating 64 threads in one go once held the main thread for over 2 s.
    assert.ok(starting <= 100, `starting held the main thread ${starting} ms`);
    assert.ok(cancelling <= 100, `cancelling held the main thread ${cancelling} ms`);
    assert.ok((await settleThreads(baseline)) <= baseline, 'and every thread is gone');
  }
});
