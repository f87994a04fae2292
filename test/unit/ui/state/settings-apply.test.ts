import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configFrom, configJson, headerParts, type ExperimentConfig } from '../../../../src/core/config.ts';
import { makeData } from '../../../../src/core/experiment.ts';
import { flushInput, INITIAL_INPUT, MAX_PASTE, parseKeys } from '../../../../src/ui/input/input.ts';
import { initialState, reduce, type Action, type DashboardState } from '../../../../src/ui/state/reducer.ts';
import { commandLine, FORM_FIELDS, MAX_FIELD, openForm } from '../../../../src/ui/state/settings-form.ts';

const at = (key: string): number => FORM_FIELDS.findIndex((f) => f.key === key);

/** The dashboard of `config` with its settings form open. */
function settingsOf(config: ExperimentConfig): DashboardState {
  return reduce(initialState(config, makeData(config.dataset, config.noise)), { type: 'settings' });
}

/** The form's cursor moved to `key`, the field cleared and `text` typed into it. */
function retype(s: DashboardState, key: string, text: string): DashboardState {
  const steps: Action[] = [
    { type: 'formMove', by: at(key) - (s.form?.cursor ?? 0) },
    { type: 'formEdit', edit: 'end' },
    { type: 'formEdit', edit: 'clearToStart' },
    { type: 'formType', text },
  ];
  return steps.reduce(reduce, s);
}

const apply = (s: DashboardState): DashboardState => reduce(s, { type: 'formApply' });
const noiseField = (s: DashboardState): string | undefined => s.form?.values.noise;

test('switching the data set from moons to circles takes the circles noise, and the data are drawn with it', () => {
  let s = settingsOf(configFrom({ dataset: 'moons' }));
  assert.equal(noiseField(s), '0.2', 'the form shows the noise moons is drawn with');
  s = retype(s, 'dataset', 'circles');
  assert.equal(noiseField(s), '0.05', 'the noise field follows the data set as it is typed');
  s = apply(s);
  assert.equal(s.form, undefined, 'applied');
  assert.equal(s.config.dataset, 'circles');
  assert.equal(s.config.noise, undefined, "the notebook's circles: its default noise, not moons' 0.2");
  assert.deepEqual(configJson(s.config), configJson(configFrom({})), 'the document says what `init-tui` says');
  assert.deepEqual(Array.from(s.data.train.x), Array.from(makeData('circles').train.x), 'the points are drawn at 0.05');
  assert.deepEqual(headerParts(s.config).slice(0, 2), ['circles', 'noise 0.05'], 'the header shows the noise the data have');
});

test('switching from circles to moons takes the moons noise, and the header shows it', () => {
  let s = settingsOf(configFrom({}));
  assert.equal(noiseField(s), '0.05', 'the circles default is shown, not a blank');
  s = retype(s, 'dataset', 'moons');
  assert.equal(noiseField(s), '0.2');
  s = apply(s);
  assert.equal(s.config.noise, 0.2);
  assert.ok(headerParts(s.config).includes('noise 0.2'), headerParts(s.config).join(' · '));
});

test('the picker switches the noise with the data set as typing does', () => {
  let s = settingsOf(configFrom({ dataset: 'moons' }));
  s = reduce(s, { type: 'formEdit', edit: 'right' });
  assert.notEqual(s.form?.picker, undefined, 'the picker is open');
  // Up from moons is circles (DATASETS' order).
  s = reduce(s, { type: 'formEdit', edit: 'pickerUp' });
  s = reduce(s, { type: 'formEdit', edit: 'pick' });
  assert.equal(s.form?.values.dataset, 'circles');
  assert.equal(noiseField(s), '0.05');
  assert.equal(apply(s).config.noise, undefined);
});

test('a noise the user typed stays when the data set changes, and the header shows it', () => {
  let s = settingsOf(configFrom({ dataset: 'moons' }));
  s = retype(s, 'noise', '0.1');
  s = retype(s, 'dataset', 'circles');
  assert.equal(noiseField(s), '0.1', 'typed by the user: it no longer follows');
  s = apply(s);
  assert.equal(s.config.noise, 0.1);
  assert.ok(headerParts(s.config).includes('noise 0.1'), headerParts(s.config).join(' · '));
  assert.match(commandLine(settingsOf(s.config).form!, s.config), /--noise 0\.1/);
});

test('a noise given on the command line stays when the data set changes; a blank noise is the new set default', () => {
  let s = settingsOf(configFrom({ noise: '0.3' }));
  s = apply(retype(s, 'dataset', 'moons'));
  assert.equal(s.config.dataset, 'moons');
  assert.equal(s.config.noise, 0.3, '--noise 0.3 was the user’s');
  s = apply(retype(retype(settingsOf(s.config), 'noise', ''), 'dataset', 'xor'));
  assert.equal(s.config.dataset, 'xor');
  assert.equal(s.config.noise, 0.05, 'a blank noise: the data set’s own');
});

test('the equivalent command line leaves out a noise that follows the data set', () => {
  const s = retype(settingsOf(configFrom({})), 'dataset', 'moons');
  assert.equal(commandLine(s.form!, s.config), 'init-tui --dataset moons');
  assert.equal(commandLine(openForm(configFrom({})), configFrom({})), 'init-tui');
});

test('the equivalent command line ends with the options beside the experiment, quoted as the shell needs', () => {
  const c = configFrom({ every: '250' });
  assert.equal(commandLine(openForm(c), c, ['--out', 'my race.json', '--force']), "init-tui --every 250 --out 'my race.json' --force");
});

test('every option not on the settings screen survives a settings change through the reducer', () => {
  const config = configFrom({
    dataset: 'moons',
    every: '250',
    threads: '2',
    kernel: 'generic',
    seeds: '3',
    iterations: '2000',
  });
  let s = settingsOf(config);
  s = apply(retype(retype(s, 'iterations', '3000'), 'dataset', 'circles'));
  assert.equal(s.form, undefined, s.form?.error);
  assert.equal(s.config.iterations, 3000, 'the change took');
  assert.equal(s.config.every, 250, '--every is not reset to 1000');
  assert.equal(s.config.threads, 2);
  assert.equal(s.config.kernel, 'generic');
  assert.equal(s.config.seeds, 3);
  assert.equal(s.config.pace, config.pace);
  // And again from the changed race: nothing drifts on a second change.
  s = apply(retype(settingsOf(s.config), 'learning-rate', '0.05'));
  assert.deepEqual(
    s.config,
    configFrom({ every: '250', threads: '2', kernel: 'generic', seeds: '3', iterations: '3000', 'learning-rate': '0.05' }),
  );
});

test('a paste the input parser cut says so on the form in one line', () => {
  const long = 'x'.repeat(MAX_PASTE + 904);
  const { keys } = parseKeys(`\u001B[200~${long}\u001B[201~`, INITIAL_INPUT);
  assert.equal(keys.length, 1);
  assert.equal(keys[0]?.text.length, MAX_PASTE);
  assert.equal(keys[0]?.cutFrom, MAX_PASTE + 904, 'the key says how long the paste was');
  const short = parseKeys('\u001B[200~abc\u001B[201~', INITIAL_INPUT).keys[0];
  assert.equal(short?.cutFrom, undefined, 'a paste that fits is not marked');

  let s = retype(settingsOf(configFrom({})), 'schemes', '');
  s = reduce(s, { type: 'formType', text: keys[0]!.text, pasted: keys[0]!.cutFrom! });
  assert.equal(s.form?.notice, 'the paste was cut: only its first 4,096 of 5,000 characters are read');
  assert.doesNotMatch(s.form?.notice ?? '', /\n/);
  s = reduce(s, { type: 'formDelete' });
  assert.equal(s.form?.notice, undefined, 'the next edit clears it');
});

test('a paste cut in two reads, or closed by the quiet-moment flush, still counts every character', () => {
  const half = 'y'.repeat(MAX_PASTE);
  let r = parseKeys(`\u001B[200~${half}`, INITIAL_INPUT);
  r = parseKeys(`${half}\u001B[20`, r.state);
  r = parseKeys('1~', r.state);
  assert.equal(r.keys[0]?.cutFrom, 2 * MAX_PASTE);
  const open = parseKeys(`\u001B[200~${half}${half}z`, INITIAL_INPUT);
  assert.equal(open.keys.length, 0, 'no end marker yet');
  const flushed = flushInput(open.state).keys[0];
  assert.equal(flushed?.text.length, MAX_PASTE);
  assert.equal(flushed?.cutFrom, 2 * MAX_PASTE + 1);
});

test('text that does not fit a field is left out and the form says how much', () => {
  let s = retype(settingsOf(configFrom({})), 'schemes', 'a'.repeat(MAX_FIELD - 10));
  assert.equal(s.form?.notice, undefined);
  s = reduce(s, { type: 'formType', text: 'b'.repeat(25) });
  assert.equal(s.form?.values.schemes.length, MAX_FIELD);
  assert.equal(s.form?.notice, 'a field holds at most 4,096 characters: 15 were left out');
});

test('a network the race’s --kernel cannot train is refused in place on Enter, with the command line’s message', () => {
  let s = settingsOf(configFrom({ kernel: 'fused' }));
  s = apply(retype(s, 'layers', '2,100,100,1'));
  assert.match(
    s.form?.error ?? '',
    /^--kernel fused cannot train --layers 2,100,100,1: it covers .*4,096 weights; --kernel auto picks one that does$/,
  );
  assert.equal(s.config.kernel, 'fused', 'the race is unchanged');
});
