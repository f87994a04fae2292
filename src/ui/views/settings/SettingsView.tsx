import { Box, Text } from 'ink';
import type { ExperimentConfig } from '../../../core/config.js';
import { DATASETS } from '../../../core/datasets.js';
import { activationNames } from '../../../core/activations.js';
import { schemeNames } from '../../../core/schemes.js';
import { FORM_FIELDS, locked, visibleValue, type SettingsForm } from '../../state/settings-form.js';

export interface SettingsViewProps {
  readonly config: ExperimentConfig;
  readonly form: SettingsForm;
  /** Columns of the screen. */
  readonly width: number;
}

/** The frame, its padding, the marker and the label take this many columns of a field's line. */
const FIELD_CHROME = 4 + 2 + 15 + 1;

/**
 * The settings form, drawn: one line per field, the edited one highlighted,
 * and the refusal of the last Enter (the command line's own message). The
 * reducer edits the form (keys.ts: ↑/↓ field, typing, Backspace, Enter, Esc).
 */
export function SettingsView({ config, form, width }: SettingsViewProps) {
  return (
    <Box flexDirection="column">
      <Box borderStyle="round" flexDirection="column" paddingX={1}>
        <Text bold>Settings: change the experiment, Enter to restart the race with it</Text>
        <Text> </Text>
        {FORM_FIELDS.map((f, k) => {
          const fixed = locked(f.key, config);
          return (
            <Text key={f.key} wrap="truncate" inverse={k === form.cursor}>
              {k === form.cursor ? '❯ ' : '  '}
              {f.label.padEnd(15)}
              {fixed ? '(your --data file)' : visibleValue(form.values[f.key], width - FIELD_CHROME)}
              {k === form.cursor && !fixed ? '▏' : ''}
            </Text>
          );
        })}
        <Text> </Text>
        <Text dimColor wrap="wrap">
          Data sets: {Object.keys(DATASETS).join(', ')} (noise blank = its default). Layers: 2,…,1 (NxK: K layers of N). Activations:{' '}
          {activationNames().join(', ')}. Schemes: {schemeNames().join(', ')}. Pace: max, auto or iterations per second.
        </Text>
      </Box>
      {form.error !== undefined && (
        <Text color="red" wrap="wrap">
          {form.error}
        </Text>
      )}
    </Box>
  );
}
