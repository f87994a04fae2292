import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OPTIONS, SHELLS } from '../../../src/cli/argv.ts';
import { completables, completionScript } from '../../../src/cli/completions.ts';
import { DATASETS } from '../../../src/core/datasets.ts';
import { KERNELS } from '../../../src/core/kernel-table.ts';
import { SCHEMES } from '../../../src/core/schemes.ts';

/** How each shell's script spells an option. */
const spelled = { bash: (n: string) => `--${n}`, zsh: (n: string) => `--${n}`, fish: (n: string) => `-l ${n}` } as const;

for (const shell of SHELLS) {
  test(`the ${shell} script names every option, its aliases and short forms included`, () => {
    const script = completionScript(shell);
    for (const [name, def] of Object.entries(OPTIONS)) {
      assert.ok(script.includes(spelled[shell](name)), `${name} in ${shell}`);
      if (def.short !== undefined) assert.ok(script.includes(shell === 'fish' ? `-s ${def.short}` : `-${def.short}`), `-${def.short}`);
    }
  });

  test(`the ${shell} script offers the values of every option that is a choice`, () => {
    const script = completionScript(shell);
    for (const name of [...Object.keys(DATASETS), ...Object.keys(KERNELS), ...Object.keys(SCHEMES), 'tanh', 'selu', 'leaky-relu'])
      assert.match(script, new RegExp(`[ '(]${name}[ ')]`), `${name} in ${shell}`);
    for (const word of ['auto', 'max', 'always', 'never', 'bash', 'zsh', 'fish']) assert.ok(script.includes(word), word);
  });
}

test('every value-taking option either offers its choices, files, or nothing; flags take no value', () => {
  const byName = new Map(completables().map((c) => [c.name, c]));
  assert.deepEqual(byName.get('kernel')?.values, Object.keys(KERNELS));
  assert.deepEqual(byName.get('color')?.values, ['auto', 'always', 'never']);
  assert.deepEqual(byName.get('pace')?.values, ['auto', 'max']);
  for (const file of ['data', 'test-data', 'out']) assert.equal(byName.get(file)?.values, 'file', file);
  assert.equal(byName.get('json')?.value, false);
  assert.equal(byName.get('seed')?.value, true);
  assert.equal(byName.get('seed')?.values, undefined);
  assert.equal(byName.get('lr')?.about, byName.get('learning-rate')?.about, 'an alias is described as its option');
  for (const c of completables()) assert.ok(c.about !== '' && !c.about.includes('\n') && c.about.length <= 60, c.name);
});

test('a new option in the table is completed without touching the scripts', () => {
  const table = {
    ...OPTIONS,
    'fresh-one': { type: 'string', value: 'WHICH', help: 'a new choice: it or that', choices: ['it', 'that'] },
  } as const;
  for (const shell of SHELLS) {
    const script = completionScript(shell, table);
    assert.ok(script.includes(spelled[shell]('fresh-one')), shell);
    assert.ok(script.includes('it that'), shell);
  }
});

test('a quote in a description cannot break out of its string', () => {
  const table = { odd: { type: 'boolean', help: "it's [odd]: really" } } as const;
  assert.match(completionScript('fish', table), /-d 'it'\\''s \[odd\]'/);
  assert.match(completionScript('zsh', table), /'--odd\[it'\\''s \\\[odd\\\]\]'/);
});
