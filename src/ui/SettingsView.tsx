import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { ConfigError, configFrom, DEFAULT_CONFIG, type ConfigText, type ExperimentConfig, type FieldName } from '../core/config.js';
import { DATASETS } from '../core/datasets.js';
import { schemeNames } from '../core/schemes.js';

/** The fields of the settings screen, each one field of the config (and its validator). */
const FIELDS = [
  { key: 'dataset', label: 'data set' },
  { key: 'noise', label: 'noise' },
  { key: 'schemes', label: 'schemes' },
  { key: 'learning-rate', label: 'learning rate' },
  { key: 'iterations', label: 'iterations' },
  { key: 'layers', label: 'layers' },
  { key: 'seed', label: 'seed' },
] as const satisfies readonly { key: FieldName; label: string }[];

type FieldKey = (typeof FIELDS)[number]['key'];

export interface SettingsViewProps {
  readonly config: ExperimentConfig;
  readonly onApply: (config: ExperimentConfig) => void;
  readonly onCancel: () => void;
  readonly isActive: boolean;
}

/**
 * The config the form stands for, or the one-line reason it is refused (the
 * very message the command line gives). Blank fields take their defaults; what
 * the form does not show (seeds, kernel, threads, your own data) stays as it is.
 */
export function settingsConfig(values: Readonly<Record<FieldKey, string>>, current: ExperimentConfig): ExperimentConfig | string {
  const fileData = current.dataset === 'csv';
  const text: Record<string, string> = {};
  for (const f of FIELDS) {
    if (fileData && (f.key === 'dataset' || f.key === 'noise')) continue;
    const v = values[f.key].trim();
    if (v !== '') text[f.key] = v;
  }
  const { threads, data } = current;
  const base: ExperimentConfig = {
    ...DEFAULT_CONFIG,
    seeds: current.seeds,
    kernel: current.kernel,
    ...(threads !== undefined ? { threads } : {}),
    ...(fileData && data ? { dataset: 'csv', data } : {}),
  };
  try {
    return configFrom(text as ConfigText, base, { 'learning-rate': '--lr' });
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
}

/**
 * A small form: ↑/↓ move between fields, type to edit, Backspace deletes,
 * Enter applies (checked by the same parser as the command line, so a bad
 * value gets the very message the CLI gives), Esc cancels.
 */
export function SettingsView({ config, onApply, onCancel, isActive }: SettingsViewProps) {
  const fileData = config.dataset === 'csv';
  const [values, setValues] = useState<Record<FieldKey, string>>({
    dataset: config.dataset,
    noise: config.noise === undefined ? '' : String(config.noise),
    schemes: config.schemes.join(','),
    'learning-rate': String(config.learningRate),
    iterations: String(config.iterations),
    layers: config.layers.join(','),
    seed: String(config.seed),
  });
  const [cursor, setCursor] = useState(0);
  const [error, setError] = useState<string | undefined>(undefined);

  useInput(
    (input, key) => {
      const field = FIELDS[cursor]?.key ?? 'dataset';
      if (key.escape) return onCancel();
      if (key.upArrow) return setCursor((c) => (c + FIELDS.length - 1) % FIELDS.length);
      if (key.downArrow || key.tab) return setCursor((c) => (c + 1) % FIELDS.length);
      if (key.return) {
        const next = settingsConfig(values, config);
        if (typeof next === 'string') return setError(next);
        return onApply(next);
      }
      if (key.backspace || key.delete) {
        setValues((v) => ({ ...v, [field]: v[field].slice(0, -1) }));
        setError(undefined);
        return;
      }
      if (key.ctrl || key.meta || input === '') return;
      setValues((v) => ({ ...v, [field]: v[field] + input }));
      setError(undefined);
    },
    { isActive },
  );

  return (
    <Box flexDirection="column">
      <Box borderStyle="round" flexDirection="column" paddingX={1}>
        <Text bold>Settings: change the experiment, Enter to restart the race with it</Text>
        <Text> </Text>
        {FIELDS.map((f, k) => {
          const locked = fileData && (f.key === 'dataset' || f.key === 'noise');
          return (
            <Text key={f.key} wrap="truncate" inverse={k === cursor}>
              {k === cursor ? '❯ ' : '  '}
              {f.label.padEnd(15)}
              {locked ? '(your --data file)' : values[f.key]}
              {k === cursor && !locked ? '▏' : ''}
            </Text>
          );
        })}
        <Text> </Text>
        <Text dimColor wrap="wrap">
          Data sets: {Object.keys(DATASETS).join(', ')} (noise blank = its default). Schemes: {schemeNames().join(', ')}. Layers: 2,…,1.
        </Text>
      </Box>
      {error !== undefined && <Text color="red" wrap="wrap">{error}</Text>}
    </Box>
  );
}
