// (f) The queue (issue 21), against a redis-server of its own (test/support/redis.ts):
//   - the 54-model sweep of the README at 2,000 iterations: models per second locally, through
//     the queue with one worker process (one thread per core), and with two worker processes
//     (one thread each); the queue's overhead against the local run           goal ≤ 5 %
//   - the round trip alone: 400 models of one iteration each, per job
//   - the SIGKILL test, repeated: a worker killed at a random moment mid-sweep, another takes
//     its job; the document must be the local one every time           goal: 0 lost or duplicated
// `node bench/queue.mjs [--runs N] [--kills N]` alone, or part (f) of `npm run bench`.
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist/cli.js');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x, d = 3) => x.toFixed(d);
const list = (xs, d = 2) => `(${xs.map((x) => fmt(x, d)).join(', ')})`;
const load = () =>
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} on ${availableParallelism()} cores`;

function run(argv) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, ...argv], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  return { seconds: (performance.now() - t0) / 1000, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A worker process, resolved once it says it takes jobs. */
function worker(url, threads) {
  const child = spawn(process.execPath, [cli, '--worker', url, '--threads', String(threads)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise((resolve) => child.on('close', resolve));
  const ready = new Promise((resolve, reject) => {
    const t = setInterval(() => {
      if (/taking jobs from/.test(err)) {
        clearInterval(t);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(t);
        reject(new Error(`the worker exited: ${err}`));
      }
    }, 20);
  });
  return { child, exited, ready, err: () => err };
}

async function stopAll(workers) {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.exited));
}

/** The submitter, run to its end (async: the workers are this process's children and must keep being read). */
function submit(argv) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [cli, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ seconds: (performance.now() - t0) / 1000, status, stdout, stderr }));
  });
}

/** Standalone, a figure against its goal; within bench.mjs, its judge (which also adds the row to the summary). */
const verdict = (_figure, _text, value, goal) => (value <= goal ? 'goal met' : 'goal NOT met');

export async function queueBench({ runs = 3, kills = 20, judge = verdict } = {}) {
  const { HAVE_REDIS, startRedis, command } = await tsImport('../test/support/redis.ts', import.meta.url);
  console.log('\n## (f) the queue: --queue with --worker processes on this machine (BullMQ on a local redis-server)');
  if (!HAVE_REDIS) {
    console.log('skipped: redis-server is not installed (Debian: apt-get install -y redis-server)');
    return;
  }
  const redis = await startRedis();
  const cores = availableParallelism();
  try {
    const sweep = ['--json', '--sweep', 'gain=0.1..10:9,depth=1..6', '-n', '2000'];
    const models = 54;
    console.log(load());
    const local = [];
    const one = [];
    const two = [];
    let reference;
    // Interleaved, so that a change of load weighs on all three alike. Redis is emptied before
    // each queued run: nothing is reused.
    const w1 = [];
    for (let r = 0; r < runs; r++) {
      const l = run(sweep);
      if (l.status !== 0) throw new Error(`local sweep: ${l.stderr}`);
      reference ??= l.stdout;
      local.push(l.seconds);
      for (const [times, layout] of [
        [one, [cores]],
        [two, [1, 1]],
      ]) {
        await command(redis.port, 'FLUSHALL');
        const ws = layout.map((t) => worker(redis.url, t));
        await Promise.all(ws.map((w) => w.ready));
        const q = await submit([...sweep, '--queue', redis.url]);
        await stopAll(ws);
        if (q.status !== 0 || q.stdout !== reference)
          throw new Error(`queued sweep (${layout.length} workers) differs from the local one: ${q.stderr}`);
        times.push(q.seconds);
        w1.push(ws);
      }
    }
    const [ml, m1, m2] = [median(local), median(one), median(two)];
    console.log(`local (${cores} threads):              ${fmt(ml, 2)} s  ${fmt(models / ml, 1)} models/s   ${list(local)}`);
    console.log(`queue, 1 worker × ${cores} threads:      ${fmt(m1, 2)} s  ${fmt(models / m1, 1)} models/s   ${list(one)}`);
    console.log(`queue, 2 workers × 1 thread:        ${fmt(m2, 2)} s  ${fmt(models / m2, 1)} models/s   ${list(two)}`);
    const overhead = m1 / ml - 1;
    console.log(
      `→ overhead, 1 worker per machine against local: ${fmt(overhead * 100, 1)} % ` +
        `(${fmt(((m1 - ml) / models) * 1000, 2)} ms per model): ${judge('(f) queue overhead, 54-model sweep', `${fmt(m1, 2)} s / ${fmt(ml, 2)} s`, overhead, 0.05)} (≤ 5 %)`,
    );
    // The round trip with nothing to train: 400 models of one iteration (many, so that the
    // difference per job stands out of the processes' start-up noise).
    const trivial = ['--json', '--sweep', 'gain=0.1..10:50,depth=1..8', '-n', '1'];
    const trivialModels = 400;
    const rt = [];
    for (let r = 0; r < runs; r++) {
      await command(redis.port, 'FLUSHALL');
      const w = worker(redis.url, cores);
      await w.ready;
      rt.push((await submit([...trivial, '--queue', redis.url])).seconds);
      await stopAll([w]);
    }
    const lt = median(Array.from({ length: runs }, () => run(trivial).seconds));
    console.log(
      `round trip: ${trivialModels} one-iteration models, queue ${fmt(median(rt), 3)} s ${list(rt, 3)} vs local ${fmt(lt, 3)} s → ` +
        `${fmt(((median(rt) - lt) / trivialModels) * 1000, 2)} ms per job`,
    );

    // The SIGKILL test, `kills` times: 3 models of ~1 s; worker A alone until it trains one, then
    // B, then A killed at a random moment of its model (B takes it again after the stall check).
    const killSweep = ['--json', '--sweep', 'gain=0.5..2:3', '--layers', '2,32,32,1', '-n', '4000'];
    const MODELS = 3;
    const ref = run(killSweep).stdout;
    let identical = 0;
    let lost = 0;
    let twice = 0;
    const seconds = [];
    for (let k = 0; k < kills; k++) {
      await command(redis.port, 'FLUSHALL');
      const a = worker(redis.url, 1);
      await a.ready;
      const t0 = performance.now();
      const sub = submit([...killSweep, '--queue', redis.url]);
      for (;;) {
        if ((await command(redis.port, 'LLEN bull:init-tui:active')) !== ':0') break;
        await new Promise((r) => setTimeout(r, 10));
      }
      const b = worker(redis.url, 1);
      await b.ready;
      await new Promise((r) => setTimeout(r, Math.random() * 500));
      a.child.kill('SIGKILL');
      const q = await sub;
      seconds.push((performance.now() - t0) / 1000);
      await stopAll([a, b]);
      const doc = JSON.parse(q.stdout || '{"sweep":{"cells":[]}}');
      const seeds = doc.sweep.cells.flatMap((c) => c.seeds);
      lost += seeds.filter((s) => s.error !== undefined).length + Math.max(0, MODELS - seeds.length);
      if (q.status === 0 && q.stdout === ref) identical++;
      const trainedByB = (b.err().match(/^init-tui worker: job /gm) ?? []).length;
      const trainedByA = (a.err().match(/^init-tui worker: job /gm) ?? []).length;
      twice += Math.max(0, trainedByA + trainedByB - MODELS);
    }
    console.log(
      `SIGKILL test × ${kills}: ${identical}/${kills} documents identical to the local run, ${lost} models lost, ` +
        `${twice} trained twice (a result in just before the kill, and its job taken again; the document takes it once); ` +
        `each run ${fmt(median(seconds), 1)} s (median, stall detection included)`,
    );
    judge(`(f) SIGKILL test × ${kills}`, `${kills - identical} runs differ, ${lost} lost`, kills - identical + lost, 0);
  } finally {
    await redis.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name, d) => Number(args[args.indexOf(name) + 1] ?? 0) || d;
  await queueBench({ runs: opt('--runs', 3), kills: opt('--kills', 20) });
}
