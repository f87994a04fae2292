import { simdModule } from './src/core/simd-kernel.ts';
const mod = simdModule()!;
const memory = new WebAssembly.Memory({ initial: 2 });
const ex = new WebAssembly.Instance(mod, { env: { memory } }).exports as any;
const N = 4800;
const buf = new Float64Array(memory.buffer, 0, N);
const src = Float64Array.from({ length: N }, (_, i) => ((i * 0.618) % 1 - 0.5) * 6);
for (const [name, fn] of [['expArray', ex.expArray], ['expArray2', ex.expArray2], ['expArrayN', ex.expArrayN], ['tanhArrayN', ex.tanhArrayN], ['expm1ArrayN', ex.expm1ArrayN], ['expm1Array', ex.expm1Array]] as const) {
  let best = Infinity;
  for (let r = 0; r < 30; r++) {
    let t = 0;
    for (let k = 0; k < 50; k++) { buf.set(src); const t0 = performance.now(); fn(0, N); t += performance.now() - t0; }
    best = Math.min(best, t * 1e6 / (50 * N));
  }
  console.log(name.padEnd(12), best.toFixed(2), 'ns per value');
}
