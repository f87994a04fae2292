import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL, fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

test('where the pseudo-terminal package cannot load, an e2e file reports its tests as skipped with the reason, and the run ends with its summary', () => {
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-nopty-'));
  try {
    // A module hook that answers "not found" for @lydell/node-pty, as a machine without its
    // prebuilt package would (npm install --omit=optional, another platform).
    const hooks = join(dir, 'hooks.mjs');
    writeFileSync(
      hooks,
      `export async function resolve(specifier, context, next) {
        if (specifier === '@lydell/node-pty') {
          throw Object.assign(new Error("Cannot find package '@lydell/node-pty'"), { code: 'ERR_MODULE_NOT_FOUND' });
        }
        return next(specifier, context);
      }\n`,
    );
    const register = join(dir, 'register.mjs');
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    // A test runner inside a test run reports to its parent unless NODE_TEST_CONTEXT is unset.
    const { NODE_TEST_CONTEXT: _inherited, ...rest } = process.env;
    const childEnv = { ...rest, TSX_TSCONFIG_PATH: 'tsconfig.test.json' };
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--import', pathToFileURL(register).href, '--test', '--test-reporter=tap', 'test/e2e/compare.test.ts'],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: childEnv },
    );
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^ok 1 - .* # SKIP no pseudo-terminal here: Cannot find package '@lydell\/node-pty'$/m);
    assert.match(r.stdout, /^# pass 0$/m);
    assert.match(r.stdout, /^# fail 0$/m);
    assert.match(r.stdout, /^# skipped 1$/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
