import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { firstSamples, sameBitsAsGeneric } from '../../support/kernels.ts';
import { LayerKernel } from '../../../src/core/layer-kernel.ts';
import { initParams, type Params } from '../../../src/core/network.ts';
import { RandomState } from '../../../src/core/rng.ts';
import { resolveScheme } from '../../../src/core/schemes.ts';
import type { Dataset } from '../../../src/core/datasets.ts';
import type { Kernel } from '../../../src/core/train.ts';
import { startLayerHelper, TWO_THREAD_MIN_WEIGHTS, TWO_THREAD_MIN_WIDTH, twoThreadsFor } from '../../../src/engine/layer-helper.ts';
import { startRace } from '../../../src/engine/race.ts';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../../src/core/config.ts';
import { makeData } from '../../../src/core/experiment.ts';
import { availableParallelism } from 'node:os';
import { waitFor } from '../../support/wait.ts';

/** Two threads for one model: the layer kernel with its helper thread gives the bits of generic and of itself alone, and leaves no thread. */

const threadCount = (): number => readdirSync('/proc/self/task').length;

/** Kernels made with a helper, closed after each check. */
const open: Kernel[] = [];
const twoThreads = (p: Params, train: Dataset, lr: number): Kernel => {
  const k = new LayerKernel(p, train, lr, undefined, startLayerHelper);
  open.push(k);
  return k;
};
const closeAll = (): void => {
  for (const k of open.splice(0)) k.close?.();
};
const bits = (layers: number[], activation: string, scheme: string, seed: number, lr: number, iterations: number, m: number): number[] => {
  try {
    return sameBitsAsGeneric(twoThreads)(layers, activation, scheme, seed, lr, iterations, m);
  } finally {
    closeAll();
  }
};

test('two threads give generic’s bits on odd and even widths, 7, 293 and 300 samples, deep and narrow networks', () => {
  const cases: [number[], number][] = [
    [[2, 10, 5, 1], 300],
    [[2, 7, 9, 1], 7],
    [[2, 65, 33, 1], 293],
    [[2, 1, 1], 7],
    [[2, 3, 130, 5, 1], 11],
    [[2, 49, 17, 1], 300],
    [[2, 131, 127, 1], 293],
    [[2, 64, 64, 64, 64, 64, 64, 64, 64, 1], 60],
  ];
  for (const [layers, m] of cases) bits(layers, 'relu', 'he', 1, 0.05, 25, m);
});

test('two threads give generic’s bits for every activation and scheme, at several rates, and on a run that diverges', () => {
  for (const act of ['relu', 'leaky-relu:0.3', 'tanh', 'sigmoid', 'linear', 'selu']) {
    for (const scheme of ['zeros', 'random', 'he']) bits([2, 19, 12, 1], act, scheme, 2, 0.1, 12, 29);
  }
  for (const lr of [1e-4, 0.0075, 1, 30]) bits([2, 24, 9, 1], 'relu', 'random', 5, lr, 15, 50);
  const costs = bits([2, 40, 40, 1], 'relu', 'random', 3, 1e3, 40, 50);
  assert.ok(
    costs.some((c) => c === Infinity || Number.isNaN(c)),
    `the run diverges: ${costs.slice(-4).join(', ')}`,
  );
});

test('two threads give the one-thread layer kernel’s bits at width 256, every cost and parameter', () => {
  const train = firstSamples(293);
  const p = initParams([2, 256, 256, 1], resolveScheme('he')!, new RandomState(7), 'relu');
  const one = new LayerKernel(p, train, 0.0075);
  const two = new LayerKernel(p, train, 0.0075, undefined, startLayerHelper);
  try {
    for (let i = 0; i < 20; i++) {
      const a = one.step(true);
      const b = two.step(true);
      assert.ok(Object.is(a, b), `cost @${i}: ${a} vs ${b}`);
    }
    const pa = one.params();
    const pb = two.params();
    for (const key of ['W', 'b'] as const) {
      pa[key].forEach((w, l) =>
        w.forEach((v, i) => {
          if (!Object.is(v, pb[key][l]![i])) assert.fail(`${key}${l + 1}[${i}] ${v} vs ${pb[key][l]![i]}`);
        }),
      );
    }
  } finally {
    two.close();
  }
});

test('a closed helper leaves no thread behind: 20 kernels made, stepped and closed return to the baseline', async () => {
  const train = firstSamples(50);
  const p = initParams([2, 64, 64, 1], resolveScheme('he')!, new RandomState(1), 'relu');
  // The baseline after one kernel alone has trained (V8's and libuv's own threads are up).
  new LayerKernel(p, train, 0.01).step(true);
  const baseline = threadCount();
  for (let i = 0; i < 20; i++) {
    const k = new LayerKernel(p, train, 0.01, undefined, startLayerHelper);
    k.step(true);
    k.step(false);
    k.close();
    // It trains on alone after close: the same kernel, one thread.
    k.step(true);
  }
  const left = await waitFor(() => (threadCount() <= baseline ? threadCount() : undefined), {
    timeout: 15_000,
    interval: 50,
    what: `at most ${baseline} threads`,
  });
  assert.ok(left <= baseline, `${left} threads, baseline ${baseline}`);
});

test('one model trains on two threads only alone, large enough, on the layer kernel, with two cores and --threads not 1', () => {
  const big: ExperimentConfig = { ...DEFAULT_CONFIG, layers: [2, 128, 128, 1], schemes: ['he'] };
  assert.equal(twoThreadsFor(big, 1, 2), true);
  assert.equal(twoThreadsFor({ ...big, kernel: 'layer' }, 1, 2), true);
  assert.equal(twoThreadsFor({ ...big, threads: 2 }, 1, 2), true);
  assert.equal(twoThreadsFor({ ...big, threads: 1 }, 1, 2), false, '--threads 1');
  assert.equal(twoThreadsFor(big, 1, 1), false, 'one core');
  assert.equal(twoThreadsFor(big, 3, 2), false, 'a race of three keeps one model per thread');
  assert.equal(twoThreadsFor({ ...big, kernel: 'simd' }, 1, 2), false, 'another kernel');
  assert.equal(twoThreadsFor({ ...big, layers: [2, 48, 48, 1] }, 1, 2), false, `fewer than ${TWO_THREAD_MIN_WEIGHTS} weights`);
  assert.equal(twoThreadsFor({ ...big, layers: [2, 64, 64, 1] }, 1, 2), true, '2,64,64,1 (4,288 weights)');
  assert.equal(twoThreadsFor({ ...big, layers: [2, 64, 64, 64, 64, 64, 64, 64, 64, 1] }, 1, 2), true, '8 × 64');
  const deep = (width: number, depth: number): number[] => [2, ...Array<number>(depth).fill(width), 1];
  assert.equal(
    twoThreadsFor({ ...big, layers: deep(32, 8) }, 1, 2),
    true,
    '8 × 32: auto gives simd on one thread, two threads take the layer kernel',
  );
  assert.equal(
    twoThreadsFor({ ...big, layers: deep(16, 20) }, 1, 2),
    false,
    `many layers narrower than ${TWO_THREAD_MIN_WIDTH} units stay on simd`,
  );
  assert.equal(twoThreadsFor({ ...big, layers: [2, 128, 128, 1], activation: 'tanh' }, 1, 2), false, 'tanh at 128: auto keeps simd');
  assert.equal(twoThreadsFor({ ...big, layers: [2, 256, 256, 1], activation: 'tanh' }, 1, 2), true, 'tanh at 256: auto takes layer');
});

test('a race of one large model gives the same bits on two threads as on one, and leaves no thread behind, finished or cancelled', async () => {
  const data = makeData('circles');
  const config: ExperimentConfig = { ...DEFAULT_CONFIG, layers: [2, 131, 128, 1], schemes: ['he'], iterations: 60, every: 7 };
  assert.equal(twoThreadsFor(config, 1), availableParallelism() >= 2);
  // The baseline after a race on one thread has come and gone.
  const [one] = await startRace({ ...config, threads: 1 }, { data }, () => {}).finished;
  const baseline = await settle(threadCount());
  let most = 0;
  const watch = setInterval(() => (most = Math.max(most, threadCount())), 2);
  const [two] = await startRace(config, { data }, () => {}).finished;
  clearInterval(watch);
  assert.ok(one?.status === 'done' && two?.status === 'done', 'both finished');
  assert.ok(Object.is(one.finalCost, two.finalCost), `final cost ${one.finalCost} vs ${two.finalCost}`);
  one.costs.forEach(([i, c], k) => assert.ok(Object.is(c, two.costs[k]![1]), `cost @${i}`));
  for (const key of ['W', 'b'] as const) {
    one.params[key].forEach((w, l) => w.forEach((v, i) => assert.ok(Object.is(v, two.params[key][l]![i]), `${key}${l + 1}[${i}]`)));
  }
  if (availableParallelism() >= 2)
    assert.ok(most >= baseline + 2, `a pool thread and its helper ran (${most} threads at most, baseline ${baseline})`);
  assert.ok((await settle(baseline)) <= baseline, 'finished: no thread left');
  const long = startRace({ ...config, iterations: 10_000_000 }, { data }, () => {});
  await waitFor(() => (threadCount() >= baseline + 2 ? true : undefined), { timeout: 20_000, interval: 20, what: 'the two threads up' });
  await long.cancel();
  assert.ok((await settle(baseline)) <= baseline, 'cancelled: no thread left');
});

/** The thread count once it is at most `want` (terminated threads take a moment to be joined), or as it is after 15 s. */
async function settle(want: number): Promise<number> {
  try {
    return await waitFor(() => (threadCount() <= want ? threadCount() : undefined), {
      timeout: 15_000,
      interval: 50,
      what: `at most ${want} threads`,
    });
  } catch {
    return threadCount();
  }
}
