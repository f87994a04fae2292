import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCommandLine, helpText } from '../../../src/cli/argv.ts';
import { configJson, DEFAULT_CONFIG, FIELD_ROWS, headerParts, type ExperimentConfig } from '../../../src/core/config.ts';
import { toReport } from '../../../src/results/report.ts';
import { FORM_FIELDS, formConfig, openForm } from '../../../src/ui/state/settings-form.ts';

function configOf(argv: readonly string[]): ExperimentConfig {
  const parsed = parseCommandLine(argv);
  assert.equal(parsed.kind, 'run', `${argv.join(' ')} → ${parsed.kind === 'error' ? parsed.message : parsed.kind}`);
  return parsed.kind === 'run' ? parsed.invocation.config : DEFAULT_CONFIG;
}

for (const [name, row] of FIELD_ROWS) {
  test(`--${name} ${row.example} travels from the command line to the JSON document and back through the settings form`, () => {
    const spellings = [`--${name}`, ...(row.alias !== undefined ? [row.alias] : []), ...(row.short !== undefined ? [`-${row.short}`] : [])];
    for (const spelling of spellings) {
      const config = configOf([...(row.exampleWith ?? []), spelling, row.example]);
      // The row reads back what was typed, in its own spelling of it.
      assert.equal(row.text(config), row.example, spelling);
      assert.notEqual(row.text(DEFAULT_CONFIG), row.example, 'the example must differ from the default, or the walk proves nothing');

      // In the document: the row's part is there, and it is what the default does not say.
      const doc = JSON.parse(JSON.stringify(toReport(config, []))) as { config: Record<string, unknown> };
      if (row.json) {
        const part = row.json(config);
        assert.ok(Object.keys(part).length > 0, `${name} says nothing in the document`);
        for (const [k, v] of Object.entries(part)) assert.deepEqual(doc.config[k], JSON.parse(JSON.stringify(v)), `${name}: config.${k}`);
        assert.notDeepEqual(configJson(config), configJson(DEFAULT_CONFIG));
      } else {
        const without = configJson(configOf(row.exampleWith ?? []));
        assert.deepEqual(
          doc.config,
          JSON.parse(JSON.stringify(without)),
          `${name} never changes a number, so the document must not mention it`,
        );
      }

      // Through the settings form and back: the same config, whether or not the form shows the row.
      const form = openForm(config);
      if (row.form !== undefined) assert.equal(form.values[FORM_FIELDS.find((f) => f.key === name)!.key], row.example);
      const back = formConfig(form, config);
      if (name === 'sweep') {
        // The form's schemes replace a sweep (the settings screen races schemes).
        assert.equal(typeof back === 'string' ? back : back.sweep, undefined);
      } else assert.deepEqual(back, config, `${name} does not survive a settings change`);

      // The header shows what the row says it shows.
      const part = row.header?.(config);
      if (part !== undefined) assert.ok(headerParts(config).includes(part));
    }
  });
}

test('every option row is in --help with its value placeholder', () => {
  const help = helpText('0.0.0');
  for (const [name, row] of FIELD_ROWS) assert.match(help, new RegExp(`--${name} ${row.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s`));
});
