import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, configFrom, DEFAULT_CONFIG, FIELDS } from '../../../src/core/config.ts';
import { runsOf } from '../../../src/core/experiment.ts';
import { gainScheme, gainValues, gridCells, modelCount, sweepText } from '../../../src/core/sweep.ts';
import { resolveScheme } from '../../../src/core/schemes.ts';

test('log-spaced gains end exactly on A and B, and 0.5..4:3 puts √2 in the middle to the last bit', () => {
  assert.deepEqual(gainValues({ from: 0.5, to: 4, count: 3 }), [0.5, Math.SQRT2, 4]);
  assert.deepEqual(gainValues({ from: 0.25, to: 4, count: 5 }), [0.25, 0.5, 1, 2, 4]);
  assert.deepEqual(gainValues({ from: 1, to: 1000, count: 4 }), [1, 10, 100, 1000], 'not 9.999999999999998');
  const nine = gainValues({ from: 0.1, to: 10, count: 9 });
  assert.equal(nine.length, 9);
  assert.equal(nine[0], 0.1);
  assert.equal(nine[4], 1);
  assert.equal(nine[8], 10);
  for (let k = 1; k < 9; k++) assert.ok(Math.abs(Math.log10(nine[k]! / nine[k - 1]!) - 0.25) < 1e-12, 'a quarter decade apart');
  const odd = gainValues({ from: 0.3, to: 7.1, count: 200 });
  assert.equal(odd[0], 0.3);
  assert.equal(odd[199], 7.1);
  assert.deepEqual(gainValues({ from: 2, to: 2, count: 3 }), [2, 2, 2]);
});

test('a gain becomes a gain:G scheme that reads back as the very same number', () => {
  for (const g of [...gainValues({ from: 0.1, to: 10, count: 9 }), 1e-7, 5e-324, 1e21, Math.SQRT2]) {
    const name = gainScheme(g);
    assert.ok(resolveScheme(name), name);
    assert.equal(Number(name.slice(5)), g, name);
  }
});

test('--sweep reads gain=A..B:N and an optional depth=D1..D2, in either order', () => {
  assert.deepEqual(FIELDS.sweep.parse('gain=0.1..10:9'), { gain: { from: 0.1, to: 10, count: 9 } });
  assert.deepEqual(FIELDS.sweep.parse('gain=0.1..10:9,depth=1..6'), { gain: { from: 0.1, to: 10, count: 9 }, depth: { from: 1, to: 6 } });
  assert.deepEqual(FIELDS.sweep.parse('depth=3..3, gain=1e-2..1e2:5'), {
    gain: { from: 0.01, to: 100, count: 5 },
    depth: { from: 3, to: 3 },
  });
  assert.deepEqual(FIELDS.sweep.parse('gain=.5..4:200'), { gain: { from: 0.5, to: 4, count: 200 } });
  assert.equal(sweepText(FIELDS.sweep.parse('depth=1..6,gain=0.1..10:9')), 'gain=0.1..10:9,depth=1..6');
});

test('each bad --sweep is one line that names --sweep, says what is wrong and what it accepts', () => {
  const bad: [string, RegExp][] = [
    ['gain=0..1:3', /A must be a number above 0/],
    ['gain=-1..1:3', /A must be a number above 0/],
    ['gain=2..1:3', /B must be a number no smaller than A/],
    ['gain=0.1..10:1', /N, the number of gains, must be from 2 to 200/],
    ['gain=0.1..10:201', /N, the number of gains, must be from 2 to 200/],
    ['gain=1e-300..1e300:3', /B \/ A is too large/],
    ['gain=0.1..10:9,depth=0..3', /depths must be from 1 to 64/],
    ['gain=0.1..10:9,depth=1..65', /depths must be from 1 to 64/],
    ['gain=0.1..10:9,depth=4..2', /depths must be from 1 to 64, D1 ≤ D2/],
    ['depth=1..3', /the gain axis is missing/],
    ['gain=0.1..10', /cannot read "gain=0.1..10"/],
    ['gain=a..b:3', /cannot read/],
    ['width=1..3,gain=1..2:2', /unknown axis "width"/],
    ['gain=1..2:2,gain=1..3:2', /gain is given twice/],
    ['', /unknown axis ""/],
  ];
  for (const [raw, why] of bad) {
    assert.throws(
      () => FIELDS.sweep.parse(raw),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError, raw);
        assert.match(e.message, /^--sweep /, raw);
        assert.match(e.message, why, raw);
        assert.match(e.message, /--sweep accepts gain=A\.\.B:N .*depth=D1\.\.D2/, raw);
        assert.ok(!e.message.includes('\n'), 'one line');
        return true;
      },
    );
  }
});

test('a grid over 10,000 models counting seeds is refused, and --schemes with --sweep too', () => {
  assert.equal(configFrom({ sweep: 'gain=0.1..10:200,depth=1..8', seeds: '6' }).sweep?.gain.count, 200, '9,600 models');
  assert.throws(
    () => configFrom({ sweep: 'gain=0.1..10:200,depth=1..8', seeds: '7' }),
    /^Error: --sweep gain=0\.1\.\.10:200,depth=1\.\.8 with --seeds 7 is 11,200 models; --sweep accepts at most 10,000 models/,
  );
  assert.throws(() => configFrom({ sweep: 'gain=0.1..10:9', schemes: 'he' }), /--schemes and --sweep exclude each other/);
});

test('the grid runs depth by depth, each row gain by gain, each cell seed by seed, on its own network', () => {
  const config = configFrom({ sweep: 'gain=0.5..4:3,depth=1..2', seeds: '2', layers: '2,7,5,1' });
  assert.equal(modelCount(config.sweep!, config.seeds), 12);
  const cells = gridCells(config);
  assert.deepEqual(
    cells.map((c) => [c.row, c.col, c.depth]),
    [
      [0, 0, 1],
      [0, 1, 1],
      [0, 2, 1],
      [1, 0, 2],
      [1, 1, 2],
      [1, 2, 2],
    ],
  );
  assert.deepEqual(cells[0]!.layers, [2, 7, 1], 'as wide as the first hidden layer of --layers');
  assert.deepEqual(cells[5]!.layers, [2, 7, 7, 1]);
  const runs = runsOf(config);
  assert.equal(runs.length, 12);
  assert.deepEqual(runs.slice(0, 4), [
    { scheme: 'gain:0.5', layers: [2, 7, 1], seed: 3 },
    { scheme: 'gain:0.5', layers: [2, 7, 1], seed: 4 },
    { scheme: 'gain:1.4142135623730951', layers: [2, 7, 1], seed: 3 },
    { scheme: 'gain:1.4142135623730951', layers: [2, 7, 1], seed: 4 },
  ]);

  const oneD = configFrom({ sweep: 'gain=1..2:2' });
  assert.deepEqual(
    gridCells(oneD).map((c) => [c.depth, c.layers]),
    [
      [2, [2, 10, 5, 1]],
      [2, [2, 10, 5, 1]],
    ],
    'without a depth axis: --layers as it is',
  );
  assert.deepEqual(
    runsOf(DEFAULT_CONFIG).map((r) => r.scheme),
    ['zeros', 'random', 'he'],
    'a race is as before',
  );
});

test('a sweep trains on the auto kernel, as a race does, unless --kernel says otherwise', () => {
  assert.equal(configFrom({ sweep: 'gain=1..2:2' }).kernel, 'auto');
  assert.equal(configFrom({ sweep: 'gain=1..2:2', kernel: 'fused' }).kernel, 'fused');
  assert.equal(configFrom({}).kernel, 'auto');
});
