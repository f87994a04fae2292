import { pathToFileURL } from 'node:url';
const roots = ['/tmp/ka/base', '/work/wt-kernel-act'];
const mods = await Promise.all(roots.map(async (root) => {
  const src = (p: string) => import(pathToFileURL(`${root}/src/${p}`).href);
  return { ...(await src('core/experiment.ts')), ...(await src('core/kernel-table.ts')) };
}));
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[(s.length - 1) >> 1]!; };
for (const [layers, iters] of [[[2, 10, 5, 1], 15000], [[2, 64, 64, 1], 2000]] as const) {
  const t: number[][] = [[], []];
  for (let r = 0; r < 9; r++) {
    mods.forEach((m, i) => {
      const data = m.makeData('circles');
      const k = m.KERNELS.simd.make(m.initialParams([...layers], m.lookupScheme('he'), 3), data.train, 0.01);
      const t0 = process.cpuUsage().user;
      for (let it = 0; it < iters; it++) k.step(it % 1000 === 0);
      t[i]!.push((process.cpuUsage().user - t0) / 1e6);
    });
  }
  console.log(layers.join(','), 'base', median(t[0]!).toFixed(3), 'new', median(t[1]!).toFixed(3), 'new/base', (median(t[1]!) / median(t[0]!)).toFixed(3), JSON.stringify(t.map((x) => x.map((v) => +v.toFixed(3)))));
}
