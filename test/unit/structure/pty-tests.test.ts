import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * The pseudo-terminal package loads through one module, test/support/pty.ts, so that where
 * it cannot load the tests that need it are skipped with the reason instead of failing
 * the run. These rules keep every test that needs a terminal on that path.
 */
const TEST = fileURLToPath(new URL('../../', import.meta.url));
const DOOR = 'support/pty.ts';

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourcesUnder(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** The module specifiers of a file's static and dynamic imports. */
const importsOf = (source: string): string[] => [...source.matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');

const files = sourcesUnder(TEST).map((f) => ({ name: relative(TEST, f), source: readFileSync(f, 'utf8') }));

/** Whether `source` takes `test` from node:test (alone or with hooks). */
const testFromNodeTest = (source: string): boolean =>
  [...source.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"]node:test['"]/g)].some((m) => /(^|[\s,])test([\s,]|$)/.test(m[1] ?? ''));

test('only test/support/pty.ts imports the pseudo-terminal package', () => {
  const offenders = files
    .filter((f) => f.name !== DOOR && importsOf(f.source).some((s) => s === 'node-pty' || s.startsWith('@lydell/node-pty')))
    .map((f) => f.name);
  assert.deepEqual(offenders, [], 'import it from test/support/pty.ts');
});

test('every test file that drives a pseudo-terminal takes test from test/support/pty.ts, or skips those tests with `skip: unavailable`', () => {
  const users = files.filter(
    (f) =>
      /\.test\.tsx?$/.test(f.name) && (importsOf(f.source).some((s) => s.endsWith('/pty-harness.ts')) || /\brequirePty\(/.test(f.source)),
  );
  assert.ok(users.length > 0, 'the e2e tests use the harness');
  const offenders = users.filter((f) => testFromNodeTest(f.source) && !/skip:[^,}]*\bunavailable\b/.test(f.source)).map((f) => f.name);
  assert.deepEqual(offenders, [], "replace `import { test } from 'node:test'` with `import { test } from '../support/pty.ts'`");
});
