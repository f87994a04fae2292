/**
 * --queue and --worker against a real redis-server (test/support/redis.ts):
 * the built binary as a submitter and two or three worker processes, and the
 * faults a queue exists for — a worker killed mid-model, Redis restarted under
 * a sweep, no worker at all, a model that fails. Every document is compared
 * with a local run's, byte for byte but for `seconds`.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { command, HAVE_REDIS, startRedis, type TestRedis } from '../../support/redis.ts';

const CLI = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));
const skip = HAVE_REDIS ? false : 'redis-server is not installed (apt-get install -y redis-server)';

interface Proc {
  readonly child: ChildProcess;
  readonly out: () => string;
  readonly err: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: Proc[] = [];

function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Proc {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const p = { child, out: () => out, err: () => err, exited };
  started.push(p);
  return p;
}

/** Polls `get()` until it matches, with a deadline; fails showing what it last read. */
async function until(what: string, get: () => string | Promise<string>, pattern: RegExp, ms = 30_000): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const text = await get();
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what} to match ${pattern}; last:\n${text}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A worker process, once it says it takes jobs. */
async function worker(url: string, threads = 1, env: NodeJS.ProcessEnv = {}): Promise<Proc> {
  const w = cli(['--worker', url, '--threads', String(threads)], env);
  await until('the worker', w.err, /taking jobs from/);
  return w;
}

/** The document a local run prints (the reference), and its exit status. */
function local(args: readonly string[], env: NodeJS.ProcessEnv = {}): { doc: string; status: number | null } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { doc: r.stdout, status: r.status };
}

/** A race's document without its `seconds` (the one figure a queue may change). */
const noSeconds = (doc: string): string => doc.replace(/"seconds": [0-9.e+-]+/g, '"seconds": 0');

const llen = async (port: number, list: string): Promise<number> => Number((await command(port, `LLEN bull:init-tui:${list}`)).slice(1));

let redis: TestRedis;
before(async () => {
  if (HAVE_REDIS) redis = await startRedis();
});
after(async () => {
  await redis?.dispose();
});
beforeEach(async () => {
  if (HAVE_REDIS) await redis.flush();
});
afterEach(async () => {
  for (const p of started.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await p.exited;
  }
});

// A sweep of 2 × 3 cells × 2 seeds: 12 small models.
const SWEEP = ['--sweep', 'gain=0.5..2:3,depth=1..2', '--seeds', '2', '-n', '400'];

test(
  'a sweep trained by two worker processes prints the local document byte for byte, and a second submission reuses every result',
  { skip },
  async () => {
    const ref = local(['--json', ...SWEEP]);
    assert.equal(ref.status, 0);
    await worker(redis.url);
    await worker(redis.url);
    const sub = cli(['--json', '--queue', redis.url, ...SWEEP]);
    const { code } = await sub.exited;
    assert.equal(code, 0, sub.err());
    assert.equal(sub.out(), ref.doc);
    assert.match(sub.err(), /12 models: 0 already trained, 12 submitted/);
    assert.match(sub.err(), /12\/12 models done/);
    for (const line of sub.err().trimEnd().split('\n')) assert.match(line, /^init-tui: --queue redis:\/\/127\.0\.0\.1:\d+: /);

    // The workers gone, the same sweep (on another kernel: not part of a job's id) comes back whole from Redis.
    for (const p of started.splice(0).filter((p) => p !== sub)) {
      p.child.kill('SIGTERM');
      assert.equal((await p.exited).code, 143);
    }
    const again = cli(['--json', '--queue', redis.url, ...SWEEP, '--kernel', 'generic']);
    assert.equal((await again.exited).code, 0, again.err());
    assert.equal(again.out(), ref.doc);
    assert.match(again.err(), /12 models: 12 already trained, 0 submitted/);
  },
);

test('a seed race through the queue prints the local document but for seconds, in --json and in plain text', { skip }, async () => {
  const args = ['--schemes', 'he,random', '--seeds', '3', '-n', '2000', '--every', '500'];
  const ref = local(['--json', ...args]);
  await worker(redis.url, 2);
  const sub = cli(['--json', '--queue', redis.url, ...args]);
  assert.equal((await sub.exited).code, 0, sub.err());
  assert.equal(noSeconds(sub.out()), noSeconds(ref.doc));
  // Plain text: the progress lines of each scheme's first seed, then the table.
  const plainRef = local(args);
  const plain = cli(['--queue', redis.url, ...args]);
  assert.equal((await plain.exited).code, 0, plain.err());
  const sorted = (text: string) =>
    text
      .split('\n')
      .filter((l) => /Cost after iteration/.test(l))
      .sort();
  assert.deepEqual(sorted(plain.out()), sorted(plainRef.doc));
  const table = (text: string) => text.slice(text.indexOf('\nscheme')).replace(/\d+\.\d+ s/g, 'T s');
  assert.equal(table(plain.out()), table(plainRef.doc));
});

test(
  'a worker SIGKILLed mid-model: another worker takes its job after the stall check, and the document is the local one',
  { skip },
  async () => {
    // Two models of about a second and a half each.
    const args = ['--sweep', 'gain=1..2:2', '--layers', '2,32,32,1', '-n', '6000'];
    const ref = local(['--json', ...args]);
    const doomed = await worker(redis.url);
    const sub = cli(['--json', '--queue', redis.url, ...args]);
    // Killed as soon as its first model is in training (a model takes over a second).
    await until('a job in training', async () => String(await llen(redis.port, 'active')), /^1$/);
    doomed.child.kill('SIGKILL');
    assert.equal((await doomed.exited).signal, 'SIGKILL');
    const rescuer = await worker(redis.url);
    const { code } = await sub.exited;
    assert.equal(code, 0, sub.err());
    assert.equal(sub.out(), ref.doc);
    // The rescuer trained both models: the one left waiting, and the doomed worker's once its lock lapsed.
    assert.equal((rescuer.err().match(/^init-tui worker: job /gm) ?? []).length, 2, rescuer.err());
    assert.equal(doomed.err().match(/^init-tui worker: job /gm), null, 'the killed worker finished nothing');
  },
);

test(
  'Redis stopped and restarted under a sweep: submitter and workers reconnect, the lost jobs are submitted again, the document is the local one',
  { skip },
  async () => {
    // Six models of about half a second: most are still to train when Redis goes.
    const args = ['--sweep', 'gain=0.5..2:3,depth=1..2', '--layers', '2,32,1', '-n', '3000'];
    const ref = local(['--json', ...args]);
    const a = await worker(redis.url);
    const b = await worker(redis.url);
    const sub = cli(['--json', '--queue', redis.url, ...args]);
    await until('a first model', () => a.err() + b.err(), /init-tui worker: job /);
    await redis.stop();
    await until('the submitter', sub.err, /lost the connection to Redis/);
    await redis.start();
    const { code } = await sub.exited;
    assert.equal(code, 0, sub.err());
    assert.equal(sub.out(), ref.doc);
    assert.match(sub.err(), /reconnected to Redis/);
    assert.match(sub.err(), /missing from the queue \(Redis restarted without its data\?\): submitted again/);
    await until('a worker', () => a.err() + b.err(), /reconnected to Redis/);
  },
);

test('with no worker the submitter says so and waits; Ctrl-C exits 130 and removes its jobs from the queue', { skip }, async () => {
  const sub = cli(['--json', '--queue', redis.url, ...SWEEP]);
  await until('the submitter', sub.err, /no worker is taking jobs; waiting \(start one with: init-tui --worker redis:/);
  assert.equal(await llen(redis.port, 'wait'), 12);
  sub.child.kill('SIGINT');
  assert.equal((await sub.exited).code, 130);
  assert.equal(sub.out(), '', 'a stopped run prints no document');
  assert.equal(await llen(redis.port, 'wait'), 0);
  assert.equal(await command(redis.port, 'KEYS bull:init-tui:*-0'), '*0', 'the job hashes are gone too');
});

test('a worker stopped by SIGTERM releases its job to the queue at once and exits 143', { skip }, async () => {
  const w = await worker(redis.url);
  const sub = cli(['--json', '--queue', redis.url, '--sweep', 'gain=1..2:2', '--layers', '2,32,32,1', '-n', '40000']);
  await until('a job in training', async () => String(await llen(redis.port, 'active')), /^1$/);
  const t0 = Date.now();
  w.child.kill('SIGTERM');
  assert.equal((await w.exited).code, 143);
  assert.ok(Date.now() - t0 < 3000, `stopped in ${Date.now() - t0} ms`);
  assert.match(w.err(), /stopped by SIGTERM: 1 job released to the queue/);
  assert.equal(await llen(redis.port, 'active'), 0);
  assert.equal(await llen(redis.port, 'wait'), 2);
  sub.child.kill('SIGINT');
  assert.equal((await sub.exited).code, 130);
});

test('a model that fails on its worker: its cell carries the error as in a local run, and the status is 1', { skip }, async () => {
  const args = ['--json', '--sweep', 'gain=0.5..2:3', '-n', '300'];
  const env = { INIT_TUI_FAULT: 'throw:gain:1@100' };
  const ref = local(args, env);
  assert.equal(ref.status, 1);
  assert.match(ref.doc, /injected fault/);
  await worker(redis.url, 2, env);
  const sub = cli(['--queue', redis.url, ...args]);
  assert.equal((await sub.exited).code, 1, sub.err());
  assert.equal(sub.out(), ref.doc);
  assert.match(sub.err(), /^init-tui: run "gain:1" failed: injected fault: gain:1 failed on purpose at iteration 100$/m);
});

test(
  'an address where no Redis answers: one line naming the option and the address, exit 1, for the submitter and for a worker',
  { skip },
  async () => {
    await redis.stop();
    try {
      const sub = cli(['--json', '--queue', redis.url, ...SWEEP]);
      assert.equal((await sub.exited).code, 1);
      assert.equal(sub.out(), '');
      assert.match(sub.err(), new RegExp(`^init-tui: --queue ${redis.url}: cannot reach Redis: .*ECONNREFUSED.*\\n$`));
      const w = cli(['--worker', redis.url]);
      assert.equal((await w.exited).code, 1);
      assert.match(w.err(), new RegExp(`^init-tui: --worker ${redis.url}: cannot reach Redis: .*ECONNREFUSED.*\\n$`));
    } finally {
      await redis.start();
    }
  },
);
