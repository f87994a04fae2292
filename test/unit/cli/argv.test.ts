import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorOf } from '../../support/argv.ts';
import { helpText, parseCommandLine } from '../../../src/cli/argv.ts';
import { LIMITS } from '../../../src/core/config.ts';

function options(argv: string[]) {
  const p = parseCommandLine(argv);
  assert.equal(p.kind, 'run', p.kind === 'error' ? p.message : '');
  if (p.kind !== 'run') throw new Error('unreachable');
  return p.invocation;
}

test('no arguments give the notebook defaults', () => {
  const o = options([]);
  assert.equal(o.config.threads, undefined, 'no thread count given');
  assert.deepEqual(o.config, {
    dataset: 'circles',
    layers: [2, 10, 5, 1],
    activation: 'relu',
    learningRate: 0.01,
    iterations: 15000,
    seed: 3,
    every: 1000,
    schemes: ['zeros', 'random', 'he'],
    seeds: 1,
    kernel: 'auto',
    pace: 'auto',
  });
  assert.equal(o.json, false);
  assert.equal(options(['--kernel', 'generic']).config.kernel, 'generic');
  // fused and simd train every activation (issue 19)
  assert.equal(options(['--kernel', 'fused', '--activation', 'tanh']).config.kernel, 'fused');
  assert.equal(options(['--kernel', 'simd', '--activation', 'selu']).config.kernel, 'simd');
});

test('every option of SPEC §5 is read, in both spellings', () => {
  const o = options([
    '--schemes',
    'he,zeros',
    '-n',
    '500',
    '--lr',
    '0.05',
    '--seed',
    '4294967295',
    '--every',
    '50',
    '--json',
    '--threads',
    '2',
  ]);
  assert.deepEqual(o.config, {
    dataset: 'circles',
    layers: [2, 10, 5, 1],
    activation: 'relu',
    learningRate: 0.05,
    iterations: 500,
    seed: 4294967295,
    every: 50,
    schemes: ['he', 'zeros'],
    seeds: 1,
    kernel: 'auto',
    threads: 2,
    pace: 'auto',
  });
  assert.equal(o.json, true);
  assert.equal(options(['--iterations=7', '--learning-rate=1e-3']).config.iterations, 7);
  assert.equal(options(['--learning-rate', '1e-3']).config.learningRate, 0.001);
  assert.equal(options(['--seed', '0']).config.seed, 0);
});

test('--help and --version win over other options', () => {
  assert.equal(parseCommandLine(['--help']).kind, 'help');
  assert.equal(parseCommandLine(['-h', '--json']).kind, 'help');
  assert.equal(parseCommandLine(['--version']).kind, 'version');
  assert.equal(parseCommandLine(['-V']).kind, 'version');
});

const BAD: [string[], RegExp][] = [
  // unknown options and stray arguments
  [['--bogus'], /unknown option --bogus/],
  [['-x'], /unknown option -x/],
  [['train'], /unexpected argument train/],
  // unknown or malformed schemes
  [
    ['--schemes', 'xavier2'],
    /--schemes: unknown scheme "xavier2" \(did you mean xavier\?\); expects a comma-separated list of zeros, random, he/,
  ],
  [['--schemes', ''], /--schemes expects a comma-separated list/],
  [['--schemes', 'he,,zeros'], /--schemes expects/],
  [['--schemes', 'he,he'], /--schemes lists "he" twice/],
  // missing values
  [['--seed'], /--seed needs a value: an integer from 0 to 4294967295/],
  [['-n'], /--iterations needs a value: an integer from 1 to/],
  [['--schemes'], /--schemes needs a value/],
  [['--lr'], /--lr needs a value: a finite number greater than 0/],
  // not a number
  [['--iterations', 'ten'], /--iterations expects an integer from 1 to 100000000, got "ten"/],
  [['--lr', 'fast'], /--lr expects a finite number greater than 0, got "fast"/],
  [['--learning-rate', '0x10'], /--learning-rate expects a finite number/],
  [['--seed', ''], /--seed expects an integer/],
  [['--every', ' 5'], /--every expects an integer/],
  // out of range
  [['-n', '0'], /--iterations expects an integer from 1/],
  [['-n', '-5'], /--iterations expects an integer from 1 to 100000000, got "-5"/],
  [['-n', '2.5'], /--iterations expects an integer/],
  [['-n', '1e9'], /--iterations expects an integer from 1 to 100000000/],
  [['--lr', '0'], /--lr expects a finite number greater than 0, got "0"/],
  [['--lr', '-0.1'], /--lr expects a finite number greater than 0/],
  [['--lr', '1e400'], /--lr expects a finite number/],
  [['--lr', 'Infinity'], /--lr expects a finite number/],
  [['--lr', 'NaN'], /--lr expects a finite number/],
  [['--seed', '-1'], /--seed expects an integer from 0 to 4294967295/],
  [['--seed', '4294967296'], /--seed expects an integer from 0 to 4294967295/],
  [['--every', '0'], /--every expects an integer from 1/],
  [['--threads', '0'], /--threads expects an integer from 1 to 64/],
  // options given twice, and values given to flags
  [['--seed', '1', '--seed', '2'], /--seed is given more than once/],
  [['--lr', '0.1', '--learning-rate', '0.2'], /--learning-rate is given more than once/],
  [['--json=yes'], /--json takes no value/],
  [['--kernel', 'wasm'], /--kernel expects one of auto, fused, generic, layer, simd, got "wasm"/],
];

for (const [argv, expected] of BAD) {
  test(`${JSON.stringify(argv.join(' '))} is refused with a line naming the option`, () => {
    assert.match(errorOf(argv), expected);
  });
}

test('the help text lists every option and every scheme', () => {
  const help = helpText('1.2.3');
  for (const word of [
    '--schemes',
    '--iterations',
    '-n,',
    '--learning-rate',
    '--lr',
    '--seed',
    '--every',
    '--json',
    '--threads',
    '--help',
    '--version',
    'zeros',
    'random',
    'he',
  ]) {
    assert.ok(help.includes(word), word);
  }
  assert.match(help, /1\.2\.3/);
});

test('the new options parse, and their bad values are refused with one line naming the option', () => {
  const p = parseCommandLine([
    '--dataset',
    'moons',
    '--noise',
    '0.1',
    '--layers',
    '2,20,10,5,1',
    '--seeds',
    '5',
    '--schemes',
    'he,scale:0.5,xavier',
  ]);
  assert.equal(p.kind, 'run');
  if (p.kind === 'run') {
    assert.equal(p.invocation.config.dataset, 'moons');
    assert.equal(p.invocation.config.noise, 0.1);
    assert.deepEqual(p.invocation.config.layers, [2, 20, 10, 5, 1]);
    assert.equal(p.invocation.config.seeds, 5);
    assert.deepEqual(p.invocation.config.schemes, ['he', 'scale:0.5', 'xavier']);
  }
  const bad: [string[], RegExp][] = [
    [['--dataset', 'iris'], /--dataset expects one of circles, moons, xor, gaussian, spiral, got "iris"/],
    [['--noise', '-0.1'], /--noise expects a number from 0 to 10/],
    [['--noise', 'loud'], /--noise expects/],
    [['--layers', '2,10,5,2'], /--layers must end with 1/],
    [['--layers', '3,10,1'], /--layers must start with 2/],
    [['--layers', '2,1'], /--layers needs at least one hidden layer/],
    [['--layers', '2,0,1'], /--layers expects/],
    [['--layers', '2,1000,1'], /--layers expects .* 1 to 256/],
    [['--layers', '2,a,1'], /--layers expects/],
    [
      ['--layers', ['2', ...Array<string>(LIMITS.hiddenLayers + 1).fill('1'), '1'].join(',')],
      new RegExp(`--layers has ${LIMITS.hiddenLayers + 1} hidden layers; it accepts at most ${LIMITS.hiddenLayers}`),
    ],
    [['--layers', `2,4x${LIMITS.hiddenLayers + 1},1`], new RegExp(`--layers has ${LIMITS.hiddenLayers + 1} hidden layers`)],
    [['--layers', '2,4x0,1'], /--layers expects .*NxK: K layers of N/],
    [['--activation', 'nope'], /--activation expects one of relu, leaky-relu, tanh, sigmoid, linear, selu, leaky-relu:A/],
    [['--activation', 'leaky-relu:1.5'], /--activation expects .*got "leaky-relu:1.5"/],
    [['--schemes', 'orthogonal:0'], /--schemes: unknown scheme "orthogonal:0"/],
    [
      ['--kernel', 'fused', '--layers', '2,100,100,1', '--activation', 'tanh'],
      /--kernel fused cannot train --layers 2,100,100,1 with --activation tanh: it covers networks .*4,096 weights/,
    ],
    [['--kernel', 'fused', '--layers', '2,100,100,1'], /--kernel fused cannot train --layers 2,100,100,1: it covers .*4,096 weights/],
    [['--kernel', 'fused', '--sweep', 'gain=1..2:2,depth=1..64'], /--kernel fused cannot train --layers 2,10x\d+/],
    [['--layers', '2x1,4,1'], /--layers must start with 2/],
    [['--seeds', '0'], /--seeds expects an integer from 1 to 1000/],
    [['--seeds', '2', '--seed', '4294967295'], /--seeds 2 from --seed 4294967295 would pass 4294967295/],
    [['--schemes', 'scale:0'], /--schemes: unknown scheme "scale:0"/],
    [['--test-data', 'a.csv'], /--test-data needs --data/],
    [['--data', 'a.csv', '--dataset', 'moons'], /--data and --dataset exclude each other/],
    [['--data', 'a.csv', '--noise', '0.1'], /--noise applies to generated data sets/],
    [['--data', ''], /--data expects a CSV file name/],
  ];
  for (const [argv, pattern] of bad) {
    const r = parseCommandLine(argv);
    assert.equal(r.kind, 'error', argv.join(' '));
    if (r.kind === 'error') assert.match(r.message, pattern);
  }
});
