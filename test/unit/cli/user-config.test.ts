import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCommandLine } from '../../../src/cli/argv.ts';
import {
  configPath,
  formatRemembered,
  parseRemembered,
  rememberedAfter,
  settingsOf,
  startFrom,
  type Remembered,
  type Snapshot,
} from '../../../src/cli/user-config.ts';
import { DEFAULT_CONFIG, configFrom } from '../../../src/core/config.ts';
import { paceOf } from '../../../src/ui/state/reducer.ts';

/** The command line's options as typed, as main.ts hands them over. */
function given(argv: string[]) {
  const p = parseCommandLine(argv);
  if (p.kind !== 'run') throw new Error(p.kind === 'error' ? p.message : p.kind);
  return p.invocation;
}

const snap = (config = DEFAULT_CONFIG, over: Partial<Snapshot> = {}): Snapshot => ({
  config,
  pace: paceOf(config),
  chart: 'overlay',
  logScale: false,
  ...over,
});

test('the file is under XDG_CONFIG_HOME when that is an absolute path, else under ~/.config', () => {
  assert.equal(configPath({ XDG_CONFIG_HOME: '/x/conf' }, '/home/u'), '/x/conf/init-tui/config.json');
  assert.equal(configPath({}, '/home/u'), '/home/u/.config/init-tui/config.json');
  assert.equal(configPath({ XDG_CONFIG_HOME: '' }, '/home/u'), '/home/u/.config/init-tui/config.json', 'empty counts as unset');
  assert.equal(configPath({ XDG_CONFIG_HOME: 'rel/conf' }, '/home/u'), '/home/u/.config/init-tui/config.json', 'relative: ignored (XDG)');
});

test('a file written is read back as the same settings', () => {
  const r: Remembered = { pace: '5000', chart: 'multiples', logScale: true, settings: { dataset: 'moons', layers: '2,16,8,1', seed: '7' } };
  assert.deepEqual(parseRemembered(formatRemembered(r)), r);
  assert.deepEqual(parseRemembered(formatRemembered({})), {});
  assert.match(formatRemembered(r), /^\{\n {2}"version": 1,\n/);
});

test('keys it does not know are passed over (a newer version may add some)', () => {
  assert.deepEqual(parseRemembered('{"version": 9, "theme": "dark", "pace": "max", "settings": {"iterations": "300", "colour": 1}}'), {
    pace: 'max',
    settings: { iterations: '300' },
  });
});

test('a damaged file is one short reason, whatever is wrong with it', () => {
  const cases: [string, RegExp][] = [
    ['', /^not valid JSON \(/],
    ['{"pace": "max",', /^not valid JSON \(/],
    ['[1, 2]', /^not a JSON object$/],
    ['null', /^not a JSON object$/],
    ['{"pace": 5000}', /^"pace" is not a string$/],
    ['{"pace": "fast"}', /^"pace": --pace expects max, auto .*, got "fast"$/],
    ['{"chart": "pie"}', /^"chart" is neither "overlay" nor "multiples"$/],
    ['{"logScale": "yes"}', /^"logScale" is not true or false$/],
    ['{"settings": []}', /^"settings" is not an object$/],
    ['{"settings": {"seed": 7}}', /^"settings"\."seed" is not a string$/],
    ['{"settings": {"layers": "2,0,1"}}', /^"settings": --layers expects /],
    ['{"settings": {"dataset": "moon"}}', /^"settings": --dataset expects .*\(did you mean moons\?\)$/],
  ];
  for (const [text, reason] of cases) {
    const r = parseRemembered(text);
    assert.equal(typeof r, 'string', text);
    assert.match(r as string, reason, text);
    assert.ok(!(r as string).includes('\n'), 'one line');
  }
  // A huge line of garbage is still a short reason.
  assert.ok((parseRemembered(`{"x": ${'9'.repeat(100_000)}x}`) as string).length < 200);
});

test('the dashboard starts from the remembered settings, the command line over them', () => {
  const r: Remembered = { pace: '200', chart: 'multiples', logScale: true, settings: { dataset: 'moons', iterations: '3000', seed: '9' } };
  const plain = startFrom(r, {});
  assert.equal(plain.conflict, undefined);
  assert.equal(plain.start.config.dataset, 'moons');
  assert.equal(plain.start.config.noise, 0.2, "the remembered data set's own noise");
  assert.equal(plain.start.config.iterations, 3000);
  assert.equal(plain.start.config.seed, 9);
  assert.equal(plain.start.config.pace, 200);
  assert.equal(plain.start.chart, 'multiples');
  assert.equal(plain.start.logScale, true);
  const cli = given(['-n', '500', '--pace', 'max']);
  const over = startFrom(r, cli.given, cli.spelled).start.config;
  assert.equal(over.iterations, 500, 'the command line wins');
  assert.equal(over.pace, 'max', 'the command line wins');
  assert.equal(over.seed, 9, 'what it leaves alone is remembered');
});

test('remembered settings step aside for options that exclude them', () => {
  const r: Remembered = { settings: { dataset: 'moons', noise: '0.3', schemes: 'he,xavier' } };
  const file = given(['--data', 'points.csv']);
  const own = startFrom(r, file.given, file.spelled);
  assert.equal(own.conflict, undefined);
  assert.equal(own.start.config.dataset, 'csv', '--data replaces the remembered data set and its noise');
  assert.equal(own.start.config.noise, undefined);
  const xor = startFrom(r, given(['--dataset', 'xor']).given).start.config;
  assert.equal(xor.noise, 0.05, "another data set on the command line comes with its own noise, not the remembered one's");
  const sweep = startFrom(r, given(['--sweep', 'gain=0.5..2:3']).given).start.config;
  assert.ok(sweep.sweep, 'a sweep on the command line is not refused because schemes are remembered');
});

test('settings that do not go with the command line are left out whole, and the reason said', () => {
  const r: Remembered = { settings: { iterations: '100000000' } };
  const cli = given(['--every', '1', '--schemes', 'he']);
  const s = startFrom(r, cli.given, cli.spelled);
  assert.match(s.conflict ?? '', /--every 1 with --iterations 100000000/);
  assert.equal(s.start.config.iterations, DEFAULT_CONFIG.iterations);
  assert.equal(s.start.config.every, 1);
});

test('a session remembers what it changed, and only that', () => {
  const before: Remembered = { chart: 'multiples', settings: { seed: '9' } };
  const start = snap();
  assert.deepEqual(rememberedAfter(before, start, start), before, 'nothing changed: what was there stays');
  // + twice: the pace the keys left.
  assert.deepEqual(rememberedAfter(before, start, { ...start, pace: 5000 }), { ...before, pace: '5000' });
  assert.deepEqual(rememberedAfter(before, start, { ...start, pace: 0 }).pace, 'max');
  assert.equal(rememberedAfter(before, start, { ...start, logScale: true }).logScale, true);
  assert.equal(rememberedAfter(before, start, { ...start, chart: 'overlay' }).chart, 'multiples', 'the chart was not toggled');
  assert.equal(rememberedAfter(before, start, { ...start, chart: 'multiples', logScale: false }).chart, 'multiples');
});

test('a pace or an option given on the command line is not written unless the session changes it', () => {
  const cli = configFrom({ pace: 'max', iterations: '100' });
  const start = snap(cli);
  assert.deepEqual(rememberedAfter({}, start, start), {});
  assert.deepEqual(rememberedAfter({}, start, { ...start, chart: 'multiples' }), { chart: 'multiples' });
});

test('settings applied on the settings screen are remembered whole, the pace apart', () => {
  const start = snap();
  const applied = configFrom({ dataset: 'moons', layers: '2,8x3,1', pace: '50' });
  const after = rememberedAfter({}, start, snap(applied));
  assert.equal(after.pace, '50');
  assert.deepEqual(after.settings, settingsOf(applied));
  assert.equal(after.settings?.layers, '2,8x3,1');
  assert.equal(after.settings?.dataset, 'moons');
  assert.ok(!('pace' in (after.settings ?? {})));
  // The same settings applied again (Enter without a change): nothing new.
  assert.deepEqual(rememberedAfter({ settings: { seed: '4' } }, start, snap(configFrom({}))), { settings: { seed: '4' } });
  // What is remembered starts the next dashboard where this one left.
  assert.deepEqual(startFrom(after, {}).start.config, applied);
});
