import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCommandLine } from '../../../src/cli/argv.ts';

test('the parser takes good sweeps into the one config', () => {
  const p = parseCommandLine(['--sweep', 'gain=0.1..10:9,depth=1..6', '--seeds', '3', '--layers', '2,16,1', '--lr', '0.05']);
  assert.equal(p.kind, 'run');
  if (p.kind !== 'run') return;
  const c = p.invocation.config;
  assert.deepEqual(c.sweep, { gain: { from: 0.1, to: 10, count: 9 }, depth: { from: 1, to: 6 } });
  assert.equal(c.seeds, 3);
  assert.equal(c.learningRate, 0.05);
  assert.deepEqual(c.layers, [2, 16, 1]);
  const oneD = parseCommandLine(['--sweep', 'gain=0.5..4:3']);
  assert.ok(oneD.kind === 'run' && oneD.invocation.config.sweep?.depth === undefined);
  assert.equal(
    parseCommandLine([]).kind === 'run' &&
      (parseCommandLine([]) as { invocation: { config: { sweep?: unknown } } }).invocation.config.sweep,
    undefined,
  );
});

test('a bad --sweep value is quoted short, however long it is: one line of at most a few hundred characters', () => {
  const huge = `gain=${'x'.repeat(200_000)}`;
  for (const value of [huge, `${'z'.repeat(200_000)}=1`, `gain=1..2:3,${'d'.repeat(100_000)}`, `gain=1..2:1${'\n'.repeat(500)}`]) {
    const p = parseCommandLine(['--sweep', value]);
    assert.equal(p.kind, 'error');
    if (p.kind !== 'error') continue;
    assert.doesNotMatch(p.message, /\n/, 'one line');
    assert.ok(p.message.length < 600, `${p.message.length} characters: ${p.message.slice(0, 200)}`);
    assert.match(p.message, /^--sweep "[^"]{1,60}"… \([\d,]+ characters\): /, p.message.slice(0, 120));
    assert.match(p.message, /--sweep accepts gain=A\.\.B:N/, 'and still says what it accepts');
  }
  const short = parseCommandLine(['--sweep', 'gain=1..2']);
  assert.ok(short.kind === 'error' && short.message.startsWith('--sweep "gain=1..2": cannot read "gain=1..2"'), short.kind);
});
