import { pathToFileURL } from 'node:url';
const root = process.argv[2]!;
const acts = (process.argv[3] ?? 'relu').split(',');
const src = (p: string) => import(pathToFileURL(`${root}/src/${p}`).href);
const { makeData, initialParams, lookupScheme } = await src('core/experiment.ts');
const { KERNELS } = await src('core/kernel-table.ts');
const { initParams } = await src('core/network.ts');
const { RandomState } = await src('core/rng.ts');
const { resolveScheme } = await src('core/schemes.ts');
const data = makeData('circles');
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[(s.length - 1) >> 1]!; };
for (const [layers, iters] of [[[2, 10, 5, 1], 15000], [[2, 64, 64, 1], 2000]] as const) {
  const times: Record<string, number[]> = {};
  const names: Record<string, string> = {};
  for (let r = 0; r < 5; r++) {
    for (const a of acts) {
      const p = a === 'relu' && root.includes('main') ? initialParams([...layers], lookupScheme('he'), 3) : initParams([...layers], resolveScheme('he')!, new RandomState(3), a === 'relu' ? undefined : a);
      const k = KERNELS.auto.make(p, data.train, 0.01);
      names[a] = k.name;
      const t0 = process.cpuUsage().user;
      for (let i = 0; i < iters; i++) k.step(i % 1000 === 0);
      (times[a] ??= []).push((process.cpuUsage().user - t0) / 1e6);
    }
  }
  const base = median(times[acts[0]!]!);
  console.log(layers.join(','), iters, acts.map((a) => `${a}(${names[a]}) ${median(times[a]!).toFixed(3)}s ×${(median(times[a]!) / base).toFixed(2)}`).join('  '));
}
