import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runBinary } from '../../support/binary.ts';
import { OPTIONS } from '../../../src/cli/argv.ts';

/** The built binary, as a user runs it (npm test builds first). */
const run = runBinary;

/** Whether a program is on the PATH (the shells other than bash may not be installed). */
function installed(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
}

const COLOUR = /\u001B\[(3\d|9\d|38;)/;

test('a mistyped option is one line with the option meant, exit 2, nothing on stdout', () => {
  for (const [typed, meant] of [
    ['--schems', '--schemes'],
    ['--layer', '--layers'],
    ['--jsno', '--json'],
  ]) {
    const r = run([typed!, 'x']);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `init-tui: unknown option ${typed} (did you mean ${meant}?)\n`);
  }
  const kernel = run(['--kernel', 'layr']);
  assert.equal(kernel.status, 2);
  assert.match(kernel.stderr, /^init-tui: --kernel expects one of .*, got "layr" \(did you mean layer\?\)\n$/);
});

test('plain text has no colour into a pipe, even with FORCE_COLOR; --color always colours the schemes; never and --json never do', () => {
  const args = ['--schemes', 'zeros,he', '-n', '40', '--every', '20'];
  const plain = run(args, { FORCE_COLOR: '1' });
  assert.equal(plain.status, 0, plain.stderr);
  assert.doesNotMatch(plain.stdout, /\u001B/);
  const always = run([...args, '--color', 'always'], { NO_COLOR: '1' });
  assert.equal(always.status, 0, always.stderr);
  assert.match(always.stdout, /\u001B\[32mhe {7}\u001B\[0m/, "he's row in green, its column's width kept");
  assert.match(always.stdout, /^\u001B\[31mzeros\u001B\[0m {2}Cost after iteration 0: 0\.69314/m);
  // Without its escapes, the same text (the runs' lines interleave as they come; times differ).
  const lines = (text: string) =>
    text
      .split('\n')
      .map((l) => l.replace(/\d+\.\d+ s {2}/, 'T s  '))
      .sort();
  assert.deepEqual(lines(always.stdout.replace(/\u001B\[\d+m/g, '')), lines(plain.stdout));
  const never = run([...args, '--color', 'never'], { FORCE_COLOR: '3' });
  assert.doesNotMatch(never.stdout, /\u001B/);
  const json = run([...args, '--json', '--color', 'always']);
  assert.equal(json.status, 0, json.stderr);
  assert.doesNotMatch(json.stdout, /\u001B/);
  assert.doesNotMatch(always.stdout.replace(COLOUR, ''), /\u001B\[[^m]*[^m\d;]/, 'nothing but colour escapes');
});

test('a bad --color is one line, exit 2', () => {
  const r = run(['--color', 'yes']);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'init-tui: --color expects one of auto, always, never, got "yes"\n');
});

test('the headless modes neither read nor write the remembered settings', () => {
  const home = mkdtempSync(join(tmpdir(), 'init-tui-xdg-'));
  try {
    const dir = join(home, 'init-tui');
    spawnSync('mkdir', ['-p', dir]);
    writeFileSync(join(dir, 'config.json'), '{"settings": {"iterations": "7", "dataset": "moons"}, "pace": "max"}\n');
    const doc = JSON.parse(run(['--json', '--schemes', 'he', '-n', '30'], { XDG_CONFIG_HOME: home }).stdout) as {
      config: { iterations: number; dataset: string };
    };
    assert.equal(doc.config.iterations, 30);
    assert.equal(doc.config.dataset, 'circles', 'the remembered data set is not used by --json');
    const plain = run(['--schemes', 'he'], { XDG_CONFIG_HOME: home });
    assert.match(plain.stdout, /^init-tui: circles, .* 15000 iterations/, 'nor by plain text');
    // A damaged file is no concern of theirs either.
    writeFileSync(join(dir, 'config.json'), '{oops');
    const r = run(['--json', '--schemes', 'he', '-n', '10'], { XDG_CONFIG_HOME: home });
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
    assert.equal(readFileSync(join(dir, 'config.json'), 'utf8'), '{oops', 'left as it was');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('--completions prints each script, naming every option, and exits 0', () => {
  for (const shell of ['bash', 'zsh', 'fish']) {
    const r = run(['--completions', shell]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    for (const name of Object.keys(OPTIONS))
      assert.ok(r.stdout.includes(shell === 'fish' ? `-l ${name}` : `--${name}`), `${shell}: ${name}`);
  }
});

test("bash reads the bash script (bash -n) and completes from it: options, a kernel, the schemes' list", () => {
  const script = run(['--completions', 'bash']).stdout;
  const check = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
  assert.equal(check.status, 0, check.stderr);
  const complete = (words: string[]) => {
    const r = spawnSync(
      'bash',
      [
        '-c',
        `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _init_tui; printf '%s\\n' "\${COMPREPLY[@]}"`,
      ],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim().split('\n');
  };
  assert.deepEqual(complete(['init-tui', '--sch']), ['--schemes']);
  assert.deepEqual(complete(['init-tui', '--kernel', 'l']), ['layer']);
  assert.deepEqual(complete(['init-tui', '--color', 'a']).sort(), ['always', 'auto']);
  assert.deepEqual(complete(['init-tui', '--schemes', 'zeros,x']), ['zeros,xavier']);
});

for (const [shell, args] of [
  ['zsh', ['-n']],
  ['fish', ['--no-execute']],
] as const) {
  test(
    `${shell} reads the ${shell} script without an error (skipped when ${shell} is not installed)`,
    { skip: !installed(shell) && `${shell} is not installed` },
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'init-tui-completions-'));
      try {
        const file = join(dir, `init-tui.${shell}`);
        writeFileSync(file, run(['--completions', shell]).stdout);
        const check = spawnSync(shell, [...args, file], { encoding: 'utf8' });
        assert.equal(check.status, 0, check.stderr);
        assert.equal(check.stderr, '');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
}

test(
  'the man page renders with groff without a warning (skipped when groff is not installed)',
  { skip: !installed('groff') && 'groff is not installed' },
  () => {
    const page = fileURLToPath(new URL('../../../man/init-tui.1', import.meta.url));
    const check = spawnSync('groff', ['-man', '-Tutf8', '-ww', '-z', page], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);
    assert.equal(check.stderr, '');
    const text = spawnSync('groff', ['-man', '-Tutf8', page], { encoding: 'utf8', env: { ...process.env, GROFF_NO_SGR: '1' } }).stdout;
    assert.match(text.replace(/.\u0008/g, ''), /--completions SHELL/, 'bold and italics undone, the options read as typed');
  },
);
