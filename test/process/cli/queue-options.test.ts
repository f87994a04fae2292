/**
 * --queue and --worker without a Redis: what the parser accepts and refuses,
 * and that no other mode loads BullMQ or ioredis (the dashboard's first frame
 * and a --json race stay as fast as before).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseCommandLine } from '../../../src/cli/argv.ts';
import { parseRedisUrl } from '../../../src/engine/queue/address.ts';

const CLI = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));
const DIST = fileURLToPath(new URL('../../../dist/', import.meta.url));
const run = (args: readonly string[], nodeArgs: readonly string[] = []) =>
  spawnSync(process.execPath, [...nodeArgs, CLI, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });

test('a Redis URL is read into host, port and database; the port defaults to 6379 and a password is never shown', () => {
  assert.deepEqual(parseRedisUrl('redis://127.0.0.1:6390/2'), { host: '127.0.0.1', port: 6390, db: 2, text: 'redis://127.0.0.1:6390/2' });
  assert.deepEqual(parseRedisUrl('redis://lab-box'), { host: 'lab-box', port: 6379, db: 0, text: 'redis://lab-box' });
  assert.deepEqual(parseRedisUrl('redis://[::1]:7000'), { host: '::1', port: 7000, db: 0, text: 'redis://[::1]:7000' });
  const secret = parseRedisUrl('redis://:s3cret@host:6379/1');
  assert.ok(typeof secret !== 'string');
  assert.equal(secret.password, 's3cret');
  assert.equal(secret.text, 'redis://:***@host:6379/1');
});

test('the parser takes --queue with a sweep or a seed race, and --worker with --threads', () => {
  const q = parseCommandLine(['--queue', 'redis://h:1/3', '--sweep', 'gain=1..2:2', '--json']);
  assert.ok(q.kind === 'run' && q.invocation.queue?.port === 1 && q.invocation.queue.db === 3 && q.invocation.json);
  const s = parseCommandLine(['--queue', 'redis://h:1', '--schemes', 'he', '--seeds', '4']);
  assert.ok(s.kind === 'run' && s.invocation.queue?.host === 'h');
  const w = parseCommandLine(['--worker', 'redis://h:1', '--threads', '3']);
  assert.ok(w.kind === 'run' && w.invocation.worker?.host === 'h' && w.invocation.config.threads === 3);
  const none = parseCommandLine(['--sweep', 'gain=1..2:2']);
  assert.ok(none.kind === 'run' && none.invocation.queue === undefined && none.invocation.worker === undefined);
});

test('each bad use of --queue or --worker is refused by the built binary: one line naming the option, nothing on stdout, exit 2', () => {
  const cases: [string[], RegExp][] = [
    [
      ['--queue', 'http://h:1', '--sweep', 'gain=1..2:2'],
      /^init-tui: --queue expects a Redis URL redis:\/\/HOST:PORT\[\/DB\].*it must start with redis:\/\//,
    ],
    [['--queue', 'redis://h:99999', '--sweep', 'gain=1..2:2'], /^init-tui: --queue expects .*(port|not a URL)/],
    [['--queue', 'redis://h:1/x', '--sweep', 'gain=1..2:2'], /^init-tui: --queue expects .*the database must be a number/],
    [['--queue', 'redis://', '--sweep', 'gain=1..2:2'], /^init-tui: --queue expects .*(no host|not a URL)/],
    [['--queue'], /^init-tui: --queue needs a value: a Redis URL/],
    [['--queue', 'redis://h:1'], /^init-tui: --queue needs --sweep or --seeds N/],
    [['--queue', 'redis://h:1', '--seeds', '1'], /^init-tui: --queue needs --sweep or --seeds N/],
    [
      ['--queue', 'redis://h:1', '--sweep', 'gain=1..2:2', '--threads', '2'],
      /^init-tui: --threads sets this machine's threads; with --queue/,
    ],
    [['--queue', 'redis://h:1', '--worker', 'redis://h:1'], /^init-tui: --queue and --worker exclude each other/],
    [['--worker', 'redis:/h'], /^init-tui: --worker expects a Redis URL/],
    [
      ['--worker', 'redis://h:1', '--sweep', 'gain=1..2:2'],
      /^init-tui: --worker takes only --threads \(each job carries its own settings\), not --sweep\n/,
    ],
    [['--worker', 'redis://h:1', '--json'], /^init-tui: --worker takes only --threads .*not --json\n/],
  ];
  for (const [args, message] of cases) {
    const r = run(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '', args.join(' '));
    assert.match(r.stderr, message, args.join(' '));
    assert.equal(r.stderr.split('\n').length, 2, `one line: ${r.stderr}`);
  }
  const data = mkdtempSync(join(tmpdir(), 'init-tui-q-'));
  try {
    writeFileSync(join(data, 'd.csv'), 'x1,x2,label\n0,0,0\n1,1,1\n0,1,1\n1,0,0\n');
    const r = run(['--queue', 'redis://h:1', '--seeds', '2', '--data', join(data, 'd.csv')]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'init-tui: --queue trains generated data sets only: the workers have no --data file\n');
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});

/** The files dist/cli.js loads before it runs anything: its static imports, and theirs (not import()). */
function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(DIST, file), 'utf8');
    for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*)["']\.\/([^"']+)["']/g)) visit(m[1]!);
  };
  visit(entry);
  return seen;
}

/** BullMQ and ioredis are bundled (scripts/build.mjs): a chunk holding them names them in its own strings. */
const loadsQueue = (file: string): boolean => /bullmq|ioredis/.test(readFileSync(join(DIST, file), 'utf8'));

test('neither the program nor the dashboard imports BullMQ or ioredis before a queue option asks for them', () => {
  const main = staticGraph('cli.js');
  assert.ok(main.size >= 1);
  for (const f of main) assert.equal(loadsQueue(f), false, `${f} is loaded at start and imports bullmq or ioredis`);
  const dashboard = readFileSync(join(DIST, 'cli.js'), 'utf8').match(/import\(["']\.\/(run-[^"']+)["']\)/)?.[1];
  assert.ok(dashboard, 'the dashboard (cli/dashboard/run.tsx) is a chunk of its own');
  for (const f of staticGraph(dashboard))
    assert.equal(loadsQueue(f), false, `${f} is loaded with the dashboard and imports bullmq or ioredis`);
  // And the queue's own chunk does import them: the check above can fail.
  const queue = readFileSync(join(DIST, 'cli.js'), 'utf8').match(/import\(["']\.\/(queue-[^"']+)["']\)/)?.[1];
  assert.ok(queue && [...staticGraph(queue)].some(loadsQueue), 'the --queue chunk holds bullmq');
});

test('a --json race never loads the chunk that holds bullmq and ioredis; --queue does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-hook-'));
  try {
    // A load hook that refuses any file of dist/ holding BullMQ or ioredis.
    writeFileSync(
      join(dir, 'hooks.mjs'),
      'export async function load(url, context, next) {\n' +
        '  const r = await next(url, context);\n' +
        "  if (url.includes('/dist/') && /bullmq|ioredis/.test(String(r.source))) throw new Error('loaded the queue chunk ' + url);\n" +
        '  return r;\n}\n',
    );
    writeFileSync(join(dir, 'register.mjs'), "import { register } from 'node:module'; register('./hooks.mjs', import.meta.url);\n");
    const hook = ['--import', join(dir, 'register.mjs')];
    const race = run(['--json', '--schemes', 'he,zeros', '--seeds', '2', '-n', '200'], hook);
    assert.equal(race.status, 0, race.stderr);
    assert.equal(JSON.parse(race.stdout).runs.length, 2);
    const plain = run(['--sweep', 'gain=1..2:2', '-n', '100'], hook);
    assert.equal(plain.status, 0, plain.stderr);
    // The hook is live: --queue loads that chunk, and fails under it.
    const queued = run(['--json', '--queue', 'redis://127.0.0.1:1', '--sweep', 'gain=1..2:2'], hook);
    assert.equal(queued.status, 1);
    assert.match(queued.stderr, /loaded the queue chunk/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
