import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import type { ExperimentConfig } from '../../../core/config.js';
import { DATASETS } from '../../../core/datasets.js';
import { activationNames } from '../../../core/activations.js';
import { schemeNames } from '../../../core/schemes.js';
import { choices, commandLine, fieldWindow, FORM_FIELDS, locked, type SettingsForm } from '../../state/settings-form.js';
import { settingsLayout } from './settings-layout.js';

export interface SettingsViewProps {
  readonly config: ExperimentConfig;
  readonly form: SettingsForm;
  /** Columns of the screen. */
  readonly width: number;
  /** Rows for this view (the header and the footer excluded). */
  readonly height: number;
  /** The options beside the experiment that a settings change keeps (`--out FILE`), for the equivalent command line. */
  readonly tail?: readonly string[];
}

/** The frame, its padding, the marker and the label take this many columns of a field's line. */
const FIELD_CHROME = 4 + 2 + 15 + 1;
/** At most `n` characters, the end cut behind an ellipsis (a runaway paste must not push the form off the screen). */
function atMost(text: string, n: number): string {
  return text.length <= n ? text : `${text.slice(0, Math.max(0, n - 1))}…`;
}

/** The picker shows at most this many choices at once (it scrolls). */
const PICKER_ROWS = 6;

/**
 * The settings form, drawn: one line per field, the edited one marked with
 * its caret as an inverse cell, a choice field's picker under it while open,
 * and the refusal of the last Enter (the command line's own message). The
 * reducer edits the form (keys.ts). The picker is ink-select-input drawn from
 * the reducer's highlight (not focused: the key table, not the component,
 * reads the keys), re-mounted when the highlight moves.
 */
export function SettingsView({ config, form, width, height, tail = [] }: SettingsViewProps) {
  const picked = form.picker !== undefined ? choices(FORM_FIELDS[form.cursor]!.key) : undefined;
  const layout = settingsLayout({
    width,
    height,
    fieldRows: FORM_FIELDS.length,
    picker: picked ? Math.min(PICKER_ROWS, picked.length) : 0,
    help:
      `Data sets: ${Object.keys(DATASETS).join(', ')} (noise blank = its default). Layers: 2,…,1 (NxK: K layers of N). ` +
      `Activations: ${activationNames().join(', ')}. Schemes: ${schemeNames().join(', ')}. Pace: max, auto or iterations per second. ` +
      '→ at the end of the data set or the activation: a list to choose from.',
    command: atMost(commandLine(form, config, tail), 3 * (width - 4) - 14),
    notice: form.notice,
    error: form.error,
  });
  const label = 'As a command: ';
  return (
    <Box flexDirection="column">
      <Box borderStyle="round" flexDirection="column" paddingX={1}>
        <Text bold wrap="truncate">
          Settings: change the experiment, Enter to restart the race with it
        </Text>
        {layout.spaced && <Text> </Text>}
        {FORM_FIELDS.map((f, k) => {
          const fixed = locked(f.key, config);
          const here = k === form.cursor;
          const shown = fieldWindow(form.values[f.key], here ? form.caret : Infinity, width - FIELD_CHROME);
          const list = here ? picked : undefined;
          return (
            <Box key={f.key} flexDirection="column">
              <Text wrap="truncate" bold={here}>
                {here ? '❯ ' : '  '}
                {f.label.padEnd(15)}
                {fixed ? (
                  '(your --data file)'
                ) : here ? (
                  <>
                    {shown.before}
                    <Text inverse>{shown.at}</Text>
                    {shown.after}
                  </>
                ) : (
                  shown.before
                )}
              </Text>
              {list && (
                <Box marginLeft={17}>
                  <SelectInput
                    key={form.picker}
                    items={list.map((v) => ({ label: v, value: v }))}
                    initialIndex={form.picker ?? 0}
                    isFocused={false}
                    limit={layout.picker}
                  />
                </Box>
              )}
            </Box>
          );
        })}
        {layout.spaced && <Text> </Text>}
        {layout.help.map((line, k) => (
          <Text key={`h${k}`} dimColor wrap="truncate">
            {line}
          </Text>
        ))}
        {layout.spaced && <Text> </Text>}
        {layout.command.map((line, k) => (
          <Text key={`c${k}`} wrap="truncate">
            {k === 0 ? (
              <>
                <Text dimColor>{label}</Text>
                {line.slice(label.length)}
              </>
            ) : (
              line
            )}
          </Text>
        ))}
      </Box>
      {form.notice !== undefined && (
        <Text color="yellow" wrap="truncate">
          {form.notice}
        </Text>
      )}
      {layout.error.map((line, k) => (
        <Text key={`e${k}`} color="red" wrap="truncate">
          {line}
        </Text>
      ))}
    </Box>
  );
}
