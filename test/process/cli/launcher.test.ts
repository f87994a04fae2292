/**
 * The bin in a checkout: `npm install` does not build (the build runs on prepack, so the
 * packed package installs without install scripts), so bin/init-tui.js builds dist/ first
 * when it is missing or older than src/ — `npm install` then `npx init-tui` is all a
 * newcomer types. The build talks on stderr only, and only to a person at a terminal about to
 * see the dashboard; stdout stays the program's.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { freshCheckout } from '../../support/checkout.ts';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BUILDING = /^init-tui: building the program \(dist\/\) from this checkout first…$/m;

function runBin(checkout: string, args: string[]) {
  const r = spawnSync(process.execPath, [join(checkout, 'bin/init-tui.js'), ...args], {
    cwd: checkout,
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, XDG_CONFIG_HOME: join(checkout, '.config') },
  });
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

test('in a checkout without dist/ the bin builds it first, then runs; a later run builds only after src/ changed', () => {
  const checkout = freshCheckout('init-tui-checkout-');
  try {
    const first = runBin(checkout, ['--json', '-n', '10', '--schemes', 'he']);
    assert.equal(first.status, 0, first.stderr);
    // Not a person at a terminal (--json, into a pipe): built in silence, so `2>&1` is one document.
    assert.doesNotMatch(first.stderr, BUILDING);
    assert.equal(first.stderr, '', 'the build says nothing into a pipe');
    assert.ok(existsSync(join(checkout, 'dist/cli.js')), 'dist/ is built');
    const builtAt = statSync(join(checkout, 'dist/cli.js')).mtimeMs;
    const doc = JSON.parse(first.stdout) as { runs: unknown[] };
    assert.equal(doc.runs.length, 1, 'stdout is the JSON document alone');

    const second = runBin(checkout, ['--version']);
    assert.equal(second.status, 0, second.stderr);
    assert.equal(second.stderr, '', 'a built checkout builds nothing');
    assert.match(second.stdout, /0\.1\.0/);

    // A source newer than the build (a `git pull` since): built again.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(checkout, 'src/core/rng.ts'), later, later);
    const third = runBin(checkout, ['--version']);
    assert.equal(third.status, 0, third.stderr);
    assert.ok(statSync(join(checkout, 'dist/cli.js')).mtimeMs > builtAt, 'dist/ is built again');
    assert.match(third.stdout, /0\.1\.0/);
  } finally {
    rmSync(checkout, { recursive: true, force: true });
  }
});

test('the packed bin has no build to run: without scripts/ it only loads dist/', () => {
  const checkout = mkdtempSync(join(tmpdir(), 'init-tui-packed-'));
  try {
    for (const part of ['bin', 'dist', 'package.json']) cpSync(join(ROOT, part), join(checkout, part), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(checkout, 'node_modules'));
    const r = runBin(checkout, ['--version']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
  } finally {
    rmSync(checkout, { recursive: true, force: true });
  }
});
