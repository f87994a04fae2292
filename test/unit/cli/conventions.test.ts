import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorOf } from '../../support/argv.ts';
import { helpText, HELP_WIDTH, OPTIONS, parseCommandLine, textWidth, wrap } from '../../../src/cli/argv.ts';

function invocation(argv: string[]) {
  const p = parseCommandLine(argv);
  if (p.kind !== 'run') throw new Error(`${JSON.stringify(argv)}: ${p.kind === 'error' ? p.message : p.kind}`);
  return p.invocation;
}

test('a mistyped option is refused with the option it was probably meant to be', () => {
  assert.equal(errorOf(['--schems', 'he']), 'unknown option --schems (did you mean --schemes?)');
  assert.equal(errorOf(['--layer', '2,4,1']), 'unknown option --layer (did you mean --layers?)');
  assert.equal(errorOf(['--jsno']), 'unknown option --jsno (did you mean --json?)');
  assert.equal(errorOf(['--colour', 'never']), 'unknown option --colour (did you mean --color?)');
  assert.equal(errorOf(['--iter', '5']), 'unknown option --iter (did you mean --iterations?)');
  assert.equal(errorOf(['--no-conf']), 'unknown option --no-conf (did you mean --no-config?)');
});

test('an option near none of ours, or a short one, points to --help instead', () => {
  assert.equal(errorOf(['--xyzzy']), 'unknown option --xyzzy (see --help)');
  assert.equal(errorOf(['-x']), 'unknown option -x (see --help)');
});

test('a mistyped value of an option that is a choice gets the nearest choice', () => {
  assert.match(errorOf(['--kernel', 'layr']), /^--kernel expects one of .*, got "layr" \(did you mean layer\?\)$/);
  assert.match(errorOf(['--dataset', 'moon']), /got "moon" \(did you mean moons\?\)$/);
  assert.match(errorOf(['--activation', 'tahn']), /got "tahn" \(did you mean tanh\?\)$/);
  assert.match(errorOf(['--schemes', 'zeros,zeroes']), /unknown scheme "zeroes" \(did you mean zeros\?\); expects /);
  assert.match(errorOf(['--pace', 'mx']), /got "mx" \(did you mean max\?\)$/);
  assert.equal(errorOf(['--color', 'allways']), '--color expects one of auto, always, never, got "allways" (did you mean always?)');
  assert.equal(errorOf(['--completions', 'zhs']), '--completions expects one of bash, zsh, fish, got "zhs" (did you mean zsh?)');
  assert.match(errorOf(['--kernel', 'quantum']), /got "quantum"$/, 'nothing near: no guess');
});

test('--color takes auto, always or never (auto by default), and needs one of them', () => {
  assert.equal(invocation([]).color, 'auto');
  for (const mode of ['auto', 'always', 'never'] as const) assert.equal(invocation(['--color', mode]).color, mode);
  assert.equal(invocation(['--color=never']).color, 'never');
  assert.equal(errorOf(['--color']), '--color needs a value: one of auto, always, never');
  assert.equal(errorOf(['--color', 'auto', '--color', 'never']), '--color is given more than once (as --color and --color)');
  assert.equal(invocation(['--no-color']).color, 'never', '--no-color, as many tools spell it');
  assert.equal(errorOf(['--no-color', '--color', 'always']), '--no-color and --color exclude each other: give one');
});

test('--no-config turns the remembered settings off; the options typed are kept as typed', () => {
  assert.equal(invocation([]).remember, true);
  assert.equal(invocation(['--no-config']).remember, false);
  assert.equal(errorOf(['--no-config=1']), '--no-config takes no value');
  const i = invocation(['--lr', '0.5', '-n', '300', '--json']);
  assert.deepEqual(i.given, { 'learning-rate': '0.5', iterations: '300' });
  assert.deepEqual(i.spelled, { 'learning-rate': '--lr' });
});

test('--completions names a shell and wins over the other options, as --help does', () => {
  for (const shell of ['bash', 'zsh', 'fish'] as const)
    assert.deepEqual(parseCommandLine(['--completions', shell, '-n', '5']), { kind: 'completions', shell });
  assert.equal(errorOf(['--completions']), '--completions needs a value: one of bash, zsh, fish');
});

test('every line of --help fits 80 columns, counting what a terminal shows', () => {
  assert.equal(HELP_WIDTH, 80);
  const lines = helpText('0.1.0').split('\n');
  for (const line of lines) assert.ok(textWidth(line) <= 80, `${textWidth(line)} columns: ${line}`);
  assert.ok(
    lines.every((l) => l === l.trimEnd()),
    'no trailing blanks',
  );
  // A long version string does not push the first line over either.
  for (const line of helpText('10.20.30-beta.4').split('\n')) assert.ok(textWidth(line) <= 80, line);
});

test('--help still lists every option with its placeholder, and the new ones', () => {
  const help = helpText('0.1.0');
  for (const [name, def] of Object.entries(OPTIONS)) {
    if (def.help === '') continue;
    assert.match(help, new RegExp(`--${name}${def.value !== undefined ? ` ${def.value.replace(/[.]/g, '\\.')}` : ''}(\\s|$)`, 'm'), name);
  }
  assert.match(help, /--color WHEN/);
  assert.match(help, /--no-config/);
  assert.match(help, /--completions SHELL/);
  assert.match(help, /--json and\s+plain text never read them/, 'says the headless modes never read remembered settings');
});

test('a help line too long for its column wraps under itself, and every word survives', () => {
  const help = helpText('0.1.0');
  const words = (t: string) => t.split(/\s+/).filter((w) => w !== '');
  for (const [, def] of Object.entries(OPTIONS)) {
    if (def.help === '') continue;
    assert.ok(words(help).join(' ').includes(words(def.help).join(' ')), def.help);
  }
});

test('wrap breaks at spaces within the width, and leaves a word longer than the width whole on its own line', () => {
  assert.deepEqual(wrap('aa bb cc', 5), ['aa bb', 'cc']);
  assert.deepEqual(wrap('aa bb cc', 8), ['aa bb cc']);
  assert.deepEqual(wrap('a verylongword b', 4), ['a', 'verylongword', 'b']);
  assert.deepEqual(wrap('日本語 ab', 7), ['日本語', 'ab'], 'a wide character takes two columns');
  assert.equal(textWidth('日本語'), 6);
  assert.equal(textWidth('e\u0301'), 1, 'a combining mark rides on its letter');
  assert.equal(textWidth('≤ × … ·'), 7);
});
