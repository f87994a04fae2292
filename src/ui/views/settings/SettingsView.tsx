import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import type { ExperimentConfig } from '../../../core/config.js';
import { DATASETS } from '../../../core/datasets.js';
import { activationNames } from '../../../core/activations.js';
import { schemeNames } from '../../../core/schemes.js';
import { choices, commandLine, fieldWindow, FORM_FIELDS, locked, type SettingsForm } from '../../state/settings-form.js';

export interface SettingsViewProps {
  readonly config: ExperimentConfig;
  readonly form: SettingsForm;
  /** Columns of the screen. */
  readonly width: number;
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
export function SettingsView({ config, form, width, tail = [] }: SettingsViewProps) {
  return (
    <Box flexDirection="column">
      <Box borderStyle="round" flexDirection="column" paddingX={1}>
        <Text bold>Settings: change the experiment, Enter to restart the race with it</Text>
        <Text> </Text>
        {FORM_FIELDS.map((f, k) => {
          const fixed = locked(f.key, config);
          const here = k === form.cursor;
          const shown = fieldWindow(form.values[f.key], here ? form.caret : Infinity, width - FIELD_CHROME);
          const list = here && form.picker !== undefined ? choices(f.key) : undefined;
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
                    limit={PICKER_ROWS}
                  />
                </Box>
              )}
            </Box>
          );
        })}
        <Text> </Text>
        <Text dimColor wrap="wrap">
          Data sets: {Object.keys(DATASETS).join(', ')} (noise blank = its default). Layers: 2,…,1 (NxK: K layers of N). Activations:{' '}
          {activationNames().join(', ')}. Schemes: {schemeNames().join(', ')}. Pace: max, auto or iterations per second. → at the end of the
          data set or the activation: a list to choose from.
        </Text>
        <Text> </Text>
        <Text wrap="wrap">
          <Text dimColor>As a command: </Text>
          {atMost(commandLine(form, config, tail), 3 * (width - 4) - 14)}
        </Text>
      </Box>
      {form.notice !== undefined && (
        <Text color="yellow" wrap="truncate">
          {form.notice}
        </Text>
      )}
      {form.error !== undefined && (
        <Text color="red" wrap="wrap">
          {form.error}
        </Text>
      )}
    </Box>
  );
}
