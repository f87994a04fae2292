import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before } from 'node:test';
import { CLI } from '../support/binary.ts';
import { test } from '../support/pty.ts';
import { HAVE_REDIS, startRedis, type TestRedis } from '../support/redis.ts';
import { withTimeout } from '../support/wait.ts';
import { start } from './pty-harness.ts';

const skip = HAVE_REDIS ? false : 'no redis-server on this machine (Debian: apt-get install -y redis-server; .ci/run installs it)';

let redis: TestRedis | undefined;
before(async () => {
  if (HAVE_REDIS) redis = await startRedis();
});
after(async () => {
  await redis?.dispose();
});

test("with --queue in a terminal the sweep's map fills in from the queue's workers, as from local threads", { skip }, async () => {
  const worker = spawn(process.execPath, [CLI, '--worker', redis!.url, '--threads', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
  const s = start(['--sweep', 'gain=0.5..2:3,depth=1..2', '-n', '300', '--queue', redis!.url], { cols: 100, rows: 30 });
  try {
    const screen = await s.waitFor(/6\/6 models · done in[\s\S]*q quit/, 60_000);
    assert.match(screen, /Mean test accuracy, depth × gain/);
    const row = screen.split('\n').find((l) => l.includes('depth 1 ')) ?? '';
    assert.equal(row.match(/\d+/g)?.length, 1 + 3, `every cell of the first row has its accuracy: ${row}`);
    assert.match(screen, /❯ depth 1 · gain 0\.5 · theory: \w[\w ]* · test \d+\.\d%/);
    s.press('q');
    const { exitCode } = await withTimeout(s.exited, 10_000, 'the exit after q');
    assert.equal(exitCode, 0);
    assert.ok(s.cursorVisible() && s.normalScreen(), 'the terminal is given back');
  } finally {
    s.dispose();
    worker.kill('SIGTERM');
    assert.equal(await withTimeout(exited, 10_000, "the worker's exit"), 143);
  }
});

test(
  'with --queue in a terminal and Redis unreachable, one line names --queue and the address, exit 1, before the screen is taken',
  { skip },
  async () => {
    const s = start(['--sweep', 'gain=0.5..2:3', '--queue', 'redis://127.0.0.1:1'], { cols: 100, rows: 30 });
    try {
      const { exitCode } = await withTimeout(s.exited, 15_000, 'the exit');
      assert.equal(exitCode, 1);
      assert.match(s.raw(), /init-tui: --queue redis:\/\/127\.0\.0\.1:1: cannot reach Redis/);
      assert.ok(s.normalScreen(), 'the alternate screen was never entered');
    } finally {
      s.dispose();
    }
  },
);
