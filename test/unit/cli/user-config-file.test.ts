import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readUserConfig, userConfigWriter } from '../../../src/cli/user-config-file.ts';
import { configFrom, DEFAULT_CONFIG } from '../../../src/core/config.ts';
import { paceOf } from '../../../src/ui/state/reducer.ts';

function scratch<T>(body: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-user-config-'));
  try {
    return body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const state = { config: DEFAULT_CONFIG, pace: paceOf(DEFAULT_CONFIG), chart: 'overlay' as const, logScale: false };

test('no file, or no folder that could hold one, is nothing remembered and nothing to say', () => {
  scratch((dir) => {
    assert.deepEqual(readUserConfig(join(dir, 'init-tui', 'config.json')), { remembered: {} });
    writeFileSync(join(dir, 'file'), '');
    assert.deepEqual(readUserConfig(join(dir, 'file', 'init-tui', 'config.json')), { remembered: {} });
  });
});

test('a damaged file, or one that cannot be read, is ignored with one short reason', () => {
  scratch((dir) => {
    const file = join(dir, 'config.json');
    writeFileSync(file, '{"logScale": 1}');
    assert.deepEqual(readUserConfig(file), { remembered: {}, problem: '"logScale" is not true or false' });
    assert.match(readUserConfig(dir).problem ?? '', /^cannot read it \(.*EISDIR/, 'a folder where the file should be');
  });
});

test('the writer writes nothing until something changes, then the whole file, making the folders it needs', () => {
  scratch((dir) => {
    const file = join(dir, '.config', 'init-tui', 'config.json');
    const w = userConfigWriter(file, {});
    w.update(state);
    w.update({ ...state, runs: [] } as typeof state);
    assert.equal(existsSync(file), false, 'nothing changed: nothing written');
    w.update({ ...state, chart: 'multiples' });
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { version: 1, chart: 'multiples' });
    w.update({ ...state, chart: 'multiples', pace: 0 });
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { version: 1, pace: 'max', chart: 'multiples' });
    w.update({ ...state, config: configFrom({ seed: '8' }), pace: paceOf(DEFAULT_CONFIG) });
    assert.equal((JSON.parse(readFileSync(file, 'utf8')) as { settings: { seed: string } }).settings.seed, '8');
    assert.deepEqual(readdirSync(join(dir, '.config', 'init-tui')), ['config.json'], 'no temporary file left beside it');
    assert.equal(w.error, undefined);
  });
});

test('a write that fails is kept as one line, and the next change tries again', () => {
  scratch((dir) => {
    writeFileSync(join(dir, 'blocker'), '');
    const w = userConfigWriter(join(dir, 'blocker', 'init-tui', 'config.json'), {});
    w.update(state);
    w.update({ ...state, logScale: true });
    assert.match(w.error ?? '', /^could not write .*blocker\/init-tui\/config\.json: ENOTDIR: not a directory$/);
  });
});
