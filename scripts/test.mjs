// Runs the tests of the given kinds (unit, oracle, process, e2e; none = all four)
// in ONE `node --test` run, so the TAP output ends with node's own summary.
// Node 20's --test takes no globs, hence this walk: every *.test.ts / *.test.tsx
// under test/<kind>/, sorted, handed over by name. The exit status is node's.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const KINDS = ['unit', 'oracle', 'process', 'e2e'];
const root = fileURLToPath(new URL('..', import.meta.url));

const kinds = process.argv.slice(2);
const unknown = kinds.filter((k) => !KINDS.includes(k));
if (unknown.length > 0) {
  process.stderr.write(`scripts/test.mjs: unknown kind ${unknown.join(', ')}; the kinds are ${KINDS.join(', ')}\n`);
  process.exit(2);
}

/** The test files under dir, at any depth. */
function testsUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return testsUnder(p);
    return /\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const files = (kinds.length > 0 ? kinds : KINDS)
  .flatMap((k) => testsUnder(join(root, 'test', k)))
  .map((f) => relative(root, f))
  .sort();
if (files.length === 0) {
  process.stderr.write(`scripts/test.mjs: no test files for ${kinds.join(', ') || 'any kind'}\n`);
  process.exit(1);
}

// Every binary a test starts finds its remembered settings here, never in the developer's
// ~/.config (the launchers in test/support and test/e2e give each one a folder of its own too).
const configHome = mkdtempSync(join(tmpdir(), 'init-tui-tests-config-'));
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.test.json', XDG_CONFIG_HOME: configHome },
});
rmSync(configHome, { recursive: true, force: true });
if (r.error) throw r.error;
// Killed by a signal: report it the way a shell would (128 + its number).
process.exit(r.status ?? 128 + (r.signal ? constants.signals[r.signal] : 1));
