/**
 * The package as a user gets it: `npm pack`, the tarball installed into an empty folder,
 * then `npx init-tui` from there. Its runtime dependencies are only what dist/ loads
 * (piscina: the rest is bundled by scripts/build.mjs), and the install prints no warning.
 * The registry must be reachable (npm fetches piscina); no `npm`, no test.
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { start } from '../../e2e/pty-harness.ts';
import { unavailable } from '../../support/pty.ts';
import { withTimeout } from '../../support/wait.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
  files: string[];
};
const noNpm = spawnSync('npm', ['--version'], { stdio: 'ignore' }).status === 0 ? false : 'no npm on this machine';

/**
 * A user's environment: none of the npm_* variables that `npm test` hands its children
 * (they would steer the inner npm), and not this checkout's node_modules/.bin on the PATH.
 */
const userEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env)
    .filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE_TEST_CONTEXT' && k !== 'INIT_TUI_READY')
    .map(([k, v]) => [
      k,
      k === 'PATH'
        ? (v ?? '')
            .split(delimiter)
            .filter((p) => !p.startsWith(ROOT))
            .join(delimiter)
        : v,
    ]),
);

/** Generous: npm fetches piscina from the registry; a loaded 2-core machine is slow. */
const NPM_MS = 240_000;

function run(command: string, args: string[], cwd: string, opts: SpawnSyncOptions = {}) {
  const r = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: NPM_MS,
    env: { ...userEnv, npm_config_update_notifier: 'false' },
    ...opts,
  });
  const said = `${command} ${args.join(' ')} (in ${cwd}): status ${r.status}${r.signal ? ` ${r.signal}` : ''}\n${String(r.stdout)}\n${String(r.stderr)}`;
  if (r.error) throw new Error(`${said}\n${r.error.message}`);
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr), said };
}

let dir = '';
let app = '';
let install: ReturnType<typeof run> | undefined;

before(() => {
  if (noNpm) return;
  assert.ok(existsSync(join(ROOT, 'dist/cli.js')), 'dist/ is built (npm run build)');
  dir = mkdtempSync(join(tmpdir(), 'init-tui-package-'));
  // --ignore-scripts: dist/ is built already, and prepack's rebuild would delete it under
  // any other test running the binary meanwhile.
  const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT);
  assert.equal(pack.status, 0, pack.said);
  const [{ filename }] = JSON.parse(pack.stdout) as [{ filename: string }];
  app = join(dir, 'app');
  mkdirSync(app);
  install = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, filename)], app);
});

after(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

test('the package builds on prepack, not on prepare: installing it runs no script of ours', () => {
  assert.equal(PACKAGE.scripts['prepack'], 'npm run build');
  for (const hook of ['prepare', 'preinstall', 'install', 'postinstall']) assert.equal(PACKAGE.scripts[hook], undefined, hook);
});

test(
  'the packed tarball installs into an empty folder without a warning, with piscina as its one runtime dependency',
  { skip: noNpm },
  (t) => {
    assert.ok(install);
    assert.equal(install.status, 0, install.said);
    assert.doesNotMatch(install.stdout + install.stderr, /\bwarn/i, install.said);
    // What npm installed, from its own record of the folder.
    const installed = Object.keys(
      (JSON.parse(readFileSync(join(app, 'node_modules/.package-lock.json'), 'utf8')) as { packages: Record<string, unknown> }).packages,
    )
      .filter((p) => p !== '')
      .map((p) => p.replace(/^.*node_modules\//, ''));
    t.diagnostic(`installed: ${installed.join(', ')}`);
    assert.deepEqual(Object.keys(PACKAGE.dependencies), ['piscina']);
    assert.ok(installed.includes('init-tui') && installed.includes('piscina'), installed.join(', '));
    assert.ok(installed.length <= 6, `${installed.length} packages: ${installed.join(', ')}`);
    // Bundled into dist/, so never installed with it.
    for (const bundled of ['ink', 'react', 'ink-select-input', 'asciichart', 'bullmq', 'ioredis']) {
      assert.ok(bundled in PACKAGE.devDependencies, `${bundled} is a devDependency`);
      assert.ok(!installed.includes(bundled), `${bundled} was installed`);
    }
    // What ships is package.json's `files` and what npm always adds.
    const shipped = readdirSync(join(app, 'node_modules/init-tui'));
    assert.ok(shipped.includes('dist'), shipped.join(', '));
    const listed = new Set(PACKAGE.files.map((f) => f.split('/')[0]));
    assert.deepEqual(
      shipped.filter((f) => !listed.has(f) && !/^(package\.json|README.*|LICEN[CS]E.*)$/i.test(f)),
      [],
      'only the files package.json lists',
    );
  },
);

test('npx init-tui --version and --json run from the folder the tarball was installed in', { skip: noNpm }, () => {
  assert.equal(install?.status, 0, install?.said);
  const version = run('npx', ['init-tui', '--version'], app);
  assert.equal(version.status, 0, version.said);
  assert.match(version.stdout, new RegExp(`\\b${PACKAGE.version.replaceAll('.', '\\.')}\\b`), version.said);
  const json = run('npx', ['init-tui', '--json', '-n', '10', '--schemes', 'he'], app);
  assert.equal(json.status, 0, json.said);
  assert.equal(json.stderr, '', json.said);
  const doc = JSON.parse(json.stdout) as { config: { iterations: number }; runs: { scheme: string }[] };
  assert.equal(doc.config.iterations, 10);
  assert.deepEqual(
    doc.runs.map((r) => r.scheme),
    ['he'],
  );
});

test('the installed init-tui draws the dashboard in a terminal, and q quits with status 0', { skip: noNpm || unavailable }, async () => {
  assert.equal(install?.status, 0, install?.said);
  // The bin link npm made, as `init-tui` on a user's PATH runs it.
  const s = start([], { cols: 120, rows: 40, command: { file: join(app, 'node_modules/.bin/init-tui'), args: ['-n', '3000'] } });
  try {
    await s.waitFor(/init-tui[\s\S]*zeros[\s\S]*random[\s\S]*he/, 60_000);
    s.press('q');
    const e = await withTimeout(s.exited, 30_000, 'the exit after q');
    assert.equal(e.exitCode, 0, s.raw().slice(-400));
  } finally {
    s.dispose();
  }
});
