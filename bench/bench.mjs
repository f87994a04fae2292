#!/usr/bin/env node
// init-tui benchmark: `npm run bench` (builds first). Prints medians and ratios measured in this one run.
//   (a) seconds per 15000-iteration model, per kernel, single thread, in-process, and what the
//       diagnostics at iteration 0 and at the end (every run has them) cost against it
//   (b) wall time of the whole `init-tui --json` race (three schemes), and of one He model
//   (c) the dashboard during a race, in a pseudo-terminal: frames/s, event-loop delay p50/p99, peak RSS
//   (d) the numpy + scikit-learn oracle (oracle/oracle.py), same models, whole process, when installed
//   (e) a 54-model gain × depth sweep through the CLI: wall time, models per second per core, per kernel
// Options: --runs N (default 5), --skip-dashboard, --skip-numpy, --skip-sweep, --sweep-only.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist/cli.js');
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1] ?? 0) || 5;
const sweepOnly = args.includes('--sweep-only');


const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const fmt = (x, d = 3) => x.toFixed(d);

function wall(cmd, argv, env = {}) {
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { seconds: s, stdout: r.stdout };
}

console.log(`# init-tui bench — ${new Date().toISOString()}`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
console.log(`runs per figure: ${RUNS} (medians)\n`);
if (sweepOnly) {
  sweepBenchmark();
  process.exit(0);
}

// Imported only here (--sweep-only measures through the CLI alone). The core is timed
// from its sources (dist/ holds a bundle): tsx strips the types, nothing else.
const src = (path) => tsImport(pathToFileURL(join(root, 'src', path)).href, import.meta.url);
const { DEFAULT_CONFIG: NOTEBOOK_CONFIG } = await src('core/config.ts');
const { initialParams, lookupScheme, makeData } = await src('core/experiment.ts');
const { KERNELS } = await src('core/kernel-table.ts');
const { diagnoseAt } = await src('core/diagnostics.ts');


// (a) kernels, in-process, single thread.
console.log('## (a) one 15000-iteration He model, single thread, in-process');
const data = makeData('circles');
const init = initialParams(NOTEBOOK_CONFIG.layers, lookupScheme('he'), NOTEBOOK_CONFIG.seed);
const kernelSeconds = {};
for (const name of Object.keys(KERNELS)) {
  const times = [];
  for (let r = 0; r < RUNS; r++) {
    const k = KERNELS[name].make(init, data.train, NOTEBOOK_CONFIG.learningRate);
    const t0 = performance.now();
    for (let i = 0; i < NOTEBOOK_CONFIG.iterations; i++) k.step(i % NOTEBOOK_CONFIG.every === 0);
    times.push((performance.now() - t0) / 1000);
  }
  kernelSeconds[name] = median(times);
  console.log(`${name.padEnd(8)} ${fmt(kernelSeconds[name])} s   (${times.map((t) => fmt(t, 2)).join(', ')})`);
}
{
  // Every run takes diagnostics twice (iteration 0 and the end), each one extra step on a copy plus a forward pass.
  const times = [];
  for (let r = 0; r < Math.max(RUNS, 20); r++) {
    const t0 = performance.now();
    diagnoseAt(init, NOTEBOOK_CONFIG.learningRate, data.train, data.test);
    times.push((performance.now() - t0) / 1000);
  }
  const d = median(times);
  console.log(`diagnostics at 0 and at the end: 2 × ${fmt(d * 1000, 3)} ms per run = ${fmt((200 * d) / kernelSeconds.auto, 3)} % of the auto kernel's run`);
}
if (kernelSeconds.simd && kernelSeconds.fused) {
  console.log(`simd / fused: ${fmt(kernelSeconds.simd / kernelSeconds.fused, 2)}   (fused / simd: ${fmt(kernelSeconds.fused / kernelSeconds.simd, 2)}×)`);
}

// (b) whole-process wall times.
console.log('\n## (b) whole process, `node dist/cli.js --json …`');
const heWall = median(Array.from({ length: RUNS }, () => wall(process.execPath, [cli, '--json', '--schemes', 'he']).seconds));
const raceWall = median(Array.from({ length: RUNS }, () => wall(process.execPath, [cli, '--json']).seconds));
const aloneWalls = ['zeros', 'random', 'he'].map((s) =>
  median(Array.from({ length: RUNS }, () => wall(process.execPath, [cli, '--json', '--schemes', s]).seconds)),
);
console.log(`one He model (--schemes he):        ${fmt(heWall)} s`);
console.log(`three-scheme race (defaults):       ${fmt(raceWall)} s`);
console.log(`each scheme alone, summed:          ${fmt(aloneWalls.reduce((a, b) => a + b, 0))} s  (${aloneWalls.map((x) => fmt(x, 2)).join(' + ')})`);
console.log(`race / sum of alone:                ${fmt(raceWall / aloneWalls.reduce((a, b) => a + b, 0), 2)}`);

// (c) the dashboard in a pseudo-terminal.
if (!args.includes('--skip-dashboard')) {
  console.log('\n## (c) dashboard during a default race, 120×40 pseudo-terminal');
  let pty;
  try {
    pty = (await import('node-pty')).default;
  } catch {
    console.log('skipped: node-pty is not installed (a dev dependency)');
  }
  if (pty) {
    const dir = mkdtempSync(join(tmpdir(), 'init-tui-bench-'));
    const rows = [];
    for (let r = 0; r < Math.min(RUNS, 3); r++) {
      const file = join(dir, `stats-${r}.json`);
      await new Promise((resolve, reject) => {
        let screen = '';
        const p = pty.spawn(process.execPath, [cli], {
          cols: 120, rows: 40, env: { ...process.env, CI: 'false', INIT_TUI_STATS: file },
        });
        p.onData((d) => {
          screen += d;
          if (/finished/.test(screen.slice(-4000))) {
            screen = '';
            setTimeout(() => p.write('q'), 200);
          }
        });
        const timer = setTimeout(() => { p.kill(); reject(new Error('dashboard did not finish')); }, 60_000);
        p.onExit(() => { clearTimeout(timer); resolve(); });
      });
      rows.push(JSON.parse(readFileSync(file, 'utf8')));
    }
    rmSync(dir, { recursive: true, force: true });
    console.log(`race seconds:           ${fmt(median(rows.map((s) => s.raceSeconds)), 2)}`);
    console.log(`redraws per second:     ${fmt(median(rows.map((s) => s.framesPerSecond)), 1)}`);
    console.log(`event-loop delay p50:   ${fmt(median(rows.map((s) => s.eventLoopDelayMs.p50)), 1)} ms`);
    console.log(`event-loop delay p99:   ${fmt(median(rows.map((s) => s.eventLoopDelayMs.p99)), 1)} ms`);
    console.log(`peak RSS:               ${fmt(median(rows.map((s) => s.maxRssMB)), 0)} MB`);
  }
}

// (d) numpy.
if (!args.includes('--skip-numpy')) {
  console.log('\n## (d) numpy + scikit-learn oracle (oracle/oracle.py), whole process');
  const oracle = join(root, 'oracle/oracle.py');
  const python = ['/usr/bin/python3', 'python3'].find(
    (p) => spawnSync(p, ['-c', 'import numpy, sklearn'], { stdio: 'ignore' }).status === 0,
  );
  if (!python) {
    console.log('skipped: no python3 with numpy and scikit-learn (Debian: apt-get install -y python3-numpy python3-sklearn)');
  } else {
    const heNumpy = median(Array.from({ length: RUNS }, () => wall(python, [oracle, '--schemes', 'he']).seconds));
    const raceNumpy = median(Array.from({ length: RUNS }, () => wall(python, [oracle]).seconds));
    const heInner = median(
      Array.from({ length: RUNS }, () => JSON.parse(wall(python, [oracle, '--schemes', 'he']).stdout).runs[0].seconds),
    );
    console.log(`one He model:           ${fmt(heNumpy)} s  (training alone ${fmt(heInner)} s)`);
    console.log(`three schemes:          ${fmt(raceNumpy)} s`);
    console.log('\n## ratios (init-tui / numpy, this run)');
    console.log(`one He model, whole process:       ${fmt(heWall / heNumpy, 3)}   (goal ≤ 0.15)`);
    console.log(`three-scheme race, whole process:  ${fmt(raceWall / raceNumpy, 3)}   (goal ≤ 0.10)`);
    for (const name of Object.keys(KERNELS)) {
      console.log(`kernel ${name.padEnd(8)} training alone:   ${fmt(kernelSeconds[name] / heInner, 3)}   (numpy is ${fmt(heInner / kernelSeconds[name], 2)}× slower)`);
    }
  }
}

if (!args.includes('--skip-sweep')) sweepBenchmark();

// (e) A gain × depth sweep, measured through the CLI (what a user runs; no import from dist/ internals).
function sweepBenchmark() {
  const sweep = ['--json', '--sweep', 'gain=0.1..10:9,depth=1..6', '-n', '2000'];
  const models = 54;
  const cores = Math.min(models, availableParallelism());
  const runs = Math.min(RUNS, 3);
  console.log(`\n## (e) sweep: \`node dist/cli.js ${sweep.join(' ')}\` (${models} models, ${cores} threads = cores)`);
  console.log(`load average before: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
  // The command as a user types it (a sweep's default kernel is generic), then the fused kernel once
  // for comparison (what --kernel auto picks for these sizes; several times slower on deep cells).
  for (const [label, extra, n] of [['default (generic)', [], runs], ['--kernel fused', ['--kernel', 'fused'], 1]]) {
    const times = Array.from({ length: n }, () => wall(process.execPath, [cli, ...sweep, ...extra]).seconds);
    const s = median(times);
    console.log(
      `${label.padEnd(18)} ${fmt(s, 2)} s wall  ${fmt(models / s, 2)} models/s  ${fmt(models / s / cores, 2)} models/s/core   (${times.map((t) => fmt(t, 1)).join(', ')})`,
    );
  }
  console.log(`load average after:  ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
}
