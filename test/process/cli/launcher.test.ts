/**
 * The bin in a checkout: `npm install` does not build (the build runs on prepack, so the
 * packed package installs without install scripts), so bin/init-tui.js builds dist/ first
 * when it is missing or older than src/ — `npm install` then `npx init-tui` is all a
 * newcomer types. The build talks on stderr only; stdout stays the program's.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
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
  // A checkout as git leaves it after `npm install`: the sources, no dist/.
  const checkout = mkdtempSync(join(tmpdir(), 'init-tui-checkout-'));
  try {
    for (const part of ['bin', 'scripts', 'src', 'package.json', 'tsconfig.json']) {
      if (existsSync(join(ROOT, part))) cpSync(join(ROOT, part), join(checkout, part), { recursive: true });
    }
    rmSync(join(checkout, 'src/core/wasm/kernel-wasm.generated.ts'), { force: true });
    rmSync(join(checkout, 'src/core/wasm/layer-wasm.generated.ts'), { force: true });
    symlinkSync(join(ROOT, 'node_modules'), join(checkout, 'node_modules'));

    const first = runBin(checkout, ['--json', '-n', '10', '--schemes', 'he']);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stderr, BUILDING);
    assert.ok(existsSync(join(checkout, 'dist/cli.js')), 'dist/ is built');
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
    assert.match(third.stderr, BUILDING);
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
