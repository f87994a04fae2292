import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { CLI, startBinary } from '../../support/binary.ts';
import { sleep, withTimeout } from '../../support/wait.ts';

interface Document {
  runs: { scheme: string; seconds: number; [k: string]: unknown }[];
}

function json(args: string[]): Document {
  const r = spawnSync(process.execPath, [CLI, '--json', ...args], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Document;
}

test('one model in --json (trained on the main thread) prints the numbers it gets on a worker beside another', () => {
  for (const scheme of ['he', 'random']) {
    const args = ['-n', '3000', '--every', '100'];
    const [alone] = json([...args, '--schemes', scheme]).runs;
    // Two schemes make a race: a pool, each run on its own worker thread.
    const [pooled] = json([...args, '--schemes', `${scheme},zeros`]).runs;
    assert.ok(alone && pooled);
    assert.ok(alone.seconds > 0 && pooled.seconds > 0);
    assert.deepEqual({ ...alone, seconds: 0 }, { ...pooled, seconds: 0 }, scheme);
  }
});

test('a signal during a one-model --json or plain run exits with its status within a second and prints nothing', async (t) => {
  for (const [signal, status] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    for (const [mode, args] of [
      ['--json', ['--json']],
      ['plain', ['--every', '100000000']],
    ] as const) {
      // ~10 s of training: the signal comes in the middle of it. Ready is what the binary
      // shows: plain text its first line (iteration 0, before any step), --json the ready
      // line once its stop handlers are installed. The sleep then only places the signal
      // well inside the training, between two of its batches, not at its first step.
      const p = startBinary([...args, '--schemes', 'he', '-n', '600000']);
      if (mode === 'plain') await p.printed(/Cost after iteration 0:/);
      else await p.ready();
      await sleep(500);
      const sent = performance.now();
      p.child.kill(signal);
      const { status: code, at } = await withTimeout(p.exited, 20_000, `${mode}: the exit after ${signal}`);
      const ms = at - sent;
      const out = p.stdout();
      const err = p.stderr();
      const what = `${mode} ${signal}`;
      t.diagnostic(`${what}: exit ${code} in ${ms.toFixed(0)} ms`);
      assert.equal(code, status, `${what}: ${err}`);
      assert.equal(err, '', `${what}: nothing on stderr`);
      if (mode === '--json') assert.equal(out, '', `${what}: no document`);
      else assert.doesNotMatch(out, /scheme\s+train|Cost after iteration [1-9]/, `${what}: no table, no later progress`);
      assert.ok(ms < 1000, `${what}: exited ${ms.toFixed(0)} ms after the signal`);
    }
  }
});
