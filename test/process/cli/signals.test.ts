/**
 * Signals in the headless modes, at every phase of a run: each terminating signal
 * is honoured within half a second with 128 + its number, prints nothing more and
 * writes no --out; SIGUSR1 opens no debugger.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseCommandLine } from '../../../src/cli/argv.ts';
import { loadData } from '../../../src/cli/data-files.ts';
import { runJson, runPlain } from '../../../src/cli/headless.ts';
import { CLI, startBinary } from '../../support/binary.ts';
import { sleep, withTimeout } from '../../support/wait.ts';

/** The case: one deep, wide model whose start and end diagnostics once blocked the main thread for seconds. */
const DEEP = ['--json', '--schemes', 'he', '-n', '5', '--layers', '2,256,256,256,256,256,256,256,256,1'];
/** Half a second, as the README promises. */
const PROMPT_MS = 500;

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'init-tui-signals-'));
}

/** Whether something accepts connections on 127.0.0.1:`port`. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

test('SIGTERM at any moment of a long single-model run (8×256) with --out, in --json and plain text, exits 143 within 0.5 s, prints no result, writes no --out', async (t) => {
  const dir = scratch();
  try {
    for (const json of [true, false]) {
      const mode = json ? '--json' : 'plain';
      const args = json ? DEEP : DEEP.slice(1);
      // The whole run, unsignalled, from the ready line to the exit: the moments below are fractions of it.
      const file = join(dir, 'whole.json');
      const whole = startBinary([...args, '--out', file]);
      await whole.ready();
      const from = performance.now();
      const done = await withTimeout(whole.exited, 60_000, `${mode}: the unsignalled run`);
      assert.equal(done.status, 0, whole.stderr());
      assert.ok(existsSync(file), `${mode}: the unsignalled run writes --out`);
      rmSync(file);
      // The shortest run seen so far: a run that ends before its signal (the machine got less busy) shortens it,
      // and that moment is tried again, so the phase is reached however the load changes between runs.
      let span = done.at - from;
      // At once (the model being built, its start diagnostics), half-way, and late (the end diagnostics, the
      // document): sleeps that pick the phase, readiness being the ready line.
      for (const fraction of [0, 0.5, 0.8]) {
        for (let attempt = 1; ; attempt++) {
          const out = join(dir, `at-${fraction}.json`);
          const p = startBinary([...args, '--out', out]);
          await p.ready();
          const readyAt = performance.now();
          await sleep(span * fraction);
          const sent = performance.now();
          p.child.kill('SIGTERM');
          const e = await withTimeout(p.exited, 20_000, `${mode}: the exit after SIGTERM`);
          const ms = e.at - sent;
          t.diagnostic(
            `${mode}, SIGTERM at ${Math.round(span * fraction)} of ${Math.round(span)} ms: exit ${e.status} in ${ms.toFixed(0)} ms`,
          );
          if (e.status === 0 && ms <= 0 && attempt < 5) {
            // It finished before the signal was sent: nothing was tested; try this moment again, earlier.
            span = Math.min(span, e.at - readyAt);
            rmSync(out, { force: true });
            continue;
          }
          assert.equal(e.status, 143, `${mode} at ${fraction}: ${p.stderr()}`);
          if (json) assert.equal(p.stdout(), '', `${mode} at ${fraction}: nothing on stdout`);
          else assert.doesNotMatch(p.stdout(), /scheme\s+train\s+test/, `${mode} at ${fraction}: no table`);
          assert.equal(p.stderr(), '', `${mode} at ${fraction}: nothing on stderr`);
          assert.ok(!existsSync(out), `${mode} at ${fraction}: no --out`);
          assert.ok(ms < PROMPT_MS, `${mode} at ${fraction}: exited ${ms.toFixed(0)} ms after SIGTERM`);
          break;
        }
      }
    }
    assert.deepEqual(readdirSync(dir), [], 'no temporary file is left');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A document of ~10 MB (240,000 costs): printing it and writing it to --out take a while. */
const LARGE = ['--seeds', '4', '-n', '20000', '--every', '1'];

test('SIGTERM while --json prints a large document stops within 0.5 s with 143: the rest is not printed and --out is not written', async () => {
  const dir = scratch();
  try {
    const out = join(dir, 'doc.json');
    const p = startBinary(['--json', ...LARGE, '--out', out]);
    await p.printed(/"runs"/, 120_000);
    const sent = performance.now();
    p.child.kill('SIGTERM');
    const e = await withTimeout(p.exited, 20_000, 'the exit after SIGTERM');
    assert.equal(e.status, 143, p.stderr());
    assert.ok(e.at - sent < PROMPT_MS, `exited ${(e.at - sent).toFixed(0)} ms after SIGTERM`);
    assert.doesNotMatch(p.stdout(), /\}\n$/, 'the document is not printed whole');
    assert.equal(p.stderr(), '');
    assert.deepEqual(readdirSync(dir), [], 'no --out, no temporary file');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('SIGTERM while plain text writes a large --out stops within 0.5 s with 143 and leaves no file', async () => {
  const dir = scratch();
  try {
    const out = join(dir, 'doc.json');
    const p = startBinary([...LARGE, '--out', out]);
    // The table is the last thing printed before --out is written.
    await p.printed(/^he\s+.*$/m, 120_000);
    const sent = performance.now();
    p.child.kill('SIGTERM');
    const e = await withTimeout(p.exited, 20_000, 'the exit after SIGTERM');
    assert.equal(e.status, 143, p.stderr());
    assert.ok(e.at - sent < PROMPT_MS, `exited ${(e.at - sent).toFixed(0)} ms after SIGTERM`);
    assert.equal(p.stderr(), '');
    assert.deepEqual(readdirSync(dir), [], 'no --out, no temporary file');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a stop that comes while --out is being written, up to the moment before the file is put in place, leaves no file (--json and plain)', async () => {
  for (const [mode, run] of [
    ['--json', runJson],
    ['plain', runPlain],
  ] as const) {
    const dir = scratch();
    try {
      const out = join(dir, 'doc.json');
      const parsed = parseCommandLine([...(mode === '--json' ? ['--json'] : []), '-n', '200', '--out', out]);
      assert.equal(parsed.kind, 'run');
      if (parsed.kind !== 'run') return;
      const data = loadData(parsed.invocation.config);
      assert.ok(typeof data !== 'string', String(data));
      // The stop comes once the results are printed and the writer has started: the second time
      // it is asked after the last byte on stdout (the first is before --out is begun).
      let printed = false;
      let asked = 0;
      const stopped = (): boolean => printed && ++asked >= 2;
      const status = await run(parsed.invocation, data, {
        out: (text) => {
          if (/\n$/.test(text) && (mode === '--json' ? text === '\n' : /scheme\s+train/.test(text))) printed = true;
        },
        err: (line) => assert.fail(line),
        onRace: () => undefined,
        stopped,
      });
      assert.equal(status, 0, mode);
      assert.ok(asked >= 2, `${mode}: the writer asked for a stop before putting the file in place`);
      assert.deepEqual(readdirSync(dir), [], `${mode}: no --out, no temporary file`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('every other terminating signal (SIGQUIT, SIGUSR2, SIGALRM, SIGXCPU, SIGVTALRM, SIGPWR, SIGSYS) stops a run with 128 + its number, printing nothing', async () => {
  const dir = scratch();
  try {
    for (const signal of ['SIGQUIT', 'SIGUSR2', 'SIGALRM', 'SIGXCPU', 'SIGVTALRM', 'SIGPWR', 'SIGSYS'] as const) {
      const n = (constants.signals as Record<string, number | undefined>)[signal];
      if (n === undefined) continue;
      for (const json of [true, false]) {
        const out = join(dir, 'never.json');
        const p = startBinary([...(json ? ['--json'] : []), '-n', '400000', '--out', out]);
        if (json) await p.ready();
        else await p.printed(/Cost after iteration 1000:/);
        p.child.kill(signal);
        const e = await withTimeout(p.exited, 20_000, `the exit after ${signal}`);
        const mode = json ? '--json' : 'plain';
        assert.equal(e.status, 128 + n, `${mode} ${signal}: ${p.stderr()}`);
        assert.equal(e.signal, null, `${mode} ${signal}: an exit of its own, not the default action (no core dump)`);
        assert.equal(p.stderr(), '', `${mode} ${signal}: nothing on stderr`);
        if (json) assert.equal(p.stdout(), '', `${mode} ${signal}: nothing on stdout`);
        else assert.doesNotMatch(p.stdout(), /scheme\s+train\s+test/, `${mode} ${signal}: no table`);
        assert.deepEqual(readdirSync(dir), [], `${mode} ${signal}: no --out`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('SIGUSR1 opens no debugger: no "Debugger listening" line, port 9229 stays closed, the run goes on to its result', async (t) => {
  const before = await listening(9229);
  if (before) t.diagnostic('something else listens on 9229: only the stderr line and the run are checked');
  const p = startBinary(['-n', '20000', '--every', '100']);
  await p.printed(/Cost after iteration 100:/);
  p.child.kill('SIGUSR1');
  // Node's inspector prints its line as it opens, within milliseconds of the signal: a thousand more
  // iterations printed after it are time enough for it to have shown.
  const seen = p.stdout().length;
  await p.printed(new RegExp(`[^]{${seen}}[^]*Cost after iteration \\d+000:`));
  if (!before) assert.equal(await listening(9229), false, 'port 9229 is closed');
  assert.doesNotMatch(p.stderr(), /Debugger|inspector/i);
  const e = await withTimeout(p.exited, 60_000, 'the end of the run');
  assert.equal(e.status, 0, p.stderr());
  assert.match(p.stdout(), /scheme\s+train\s+test/, 'the table');
  assert.equal(p.stderr(), '');
});

test('--help and --version into a full disk (>/dev/full): one line on stderr, exit 1, no stack trace', () => {
  for (const flag of ['--help', '--version']) {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [CLI, flag], { encoding: 'utf8', stdio: ['ignore', full, 'pipe'], timeout: 30_000 });
      assert.equal(r.status, 1, `${flag}: ${r.stderr}`);
      assert.equal(r.stderr, 'init-tui: cannot write to standard output: no space left on the device\n', flag);
    } finally {
      closeSync(full);
    }
  }
});

test('a working folder deleted under the shell is one line naming it and exit 2, before anything trains, in every mode', () => {
  for (const args of [
    ['--json', '-n', '50'],
    ['-n', '50', '--out', 'x.json'],
  ]) {
    const dir = scratch();
    // The shell enters the folder, removes it, and starts init-tui there.
    const r = spawnSync('sh', ['-c', `cd "$1" && rmdir "$1" && shift && exec "$@"`, 'sh', dir, process.execPath, CLI, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30_000,
    });
    rmSync(dir, { recursive: true, force: true });
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /^init-tui: the current folder no longer exists \(ENOENT\); cd to a folder that exists and run init-tui again\n$/,
    );
  }
});
