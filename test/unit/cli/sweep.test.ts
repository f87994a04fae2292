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
