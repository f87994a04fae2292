import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { parseCommandLine, type Options } from '../args.js';
import type { ExperimentConfig } from '../core/experiment.js';

/** The fields of the settings screen, each the value of one command-line option. */
const FIELDS = [
  { key: 'dataset', label: 'data set', option: '--dataset' },
  { key: 'noise', label: 'noise', option: '--noise' },
  { key: 'schemes', label: 'schemes', option: '--schemes' },
  { key: 'lr', label: 'learning rate', option: '--lr' },
  { key: 'iterations', label: 'iterations', option: '--iterations' },
  { key: 'layers', label: 'layers', option: '--layers' },
  { key: 'seed', label: 'seed', option: '--seed' },
] as const;

type FieldKey = (typeof FIELDS)[number]['key'];

export interface SettingsViewProps {
  readonly config: ExperimentConfig;
  readonly schemes: readonly string[];
  /** Whether the race trains on --data (then data set and noise cannot change here). */
  readonly fileData: boolean;
  readonly onApply: (options: Options) => void;
  readonly onCancel: () => void;
  readonly isActive: boolean;
}

/** The command line the fields stand for; blank fields are left out (their defaults apply). */
export function settingsArgv(values: Readonly<Record<FieldKey, string>>, fileData: boolean): string[] {
  const argv: string[] = [];
  for (const f of FIELDS) {
    if (fileData && (f.key === 'dataset' || f.key === 'noise')) continue;
    const v = values[f.key];
    if (v.trim() !== '') argv.push(`${f.option}=${v.trim()}`);
  }
  return argv;
}

/**
 * A small form: ↑/↓ move between fields, type to edit, Backspace deletes,
 * Enter applies (checked by the same parser as the command line, so a bad
 * value gets the very message the CLI gives), Esc cancels.
 */
export function SettingsView({ config, schemes, fileData, onApply, onCancel, isActive }: SettingsViewProps) {
  const [values, setValues] = useState<Record<FieldKey, string>>({
    dataset: config.dataset,
    noise: config.noise === undefined ? '' : String(config.noise),
    schemes: schemes.join(','),
    lr: String(config.learningRate),
    iterations: String(config.iterations),
    layers: config.layers.join(','),
    seed: String(config.seed),
  });
  const [cursor, setCursor] = useState(0);
  const [error, setError] = useState<string | undefined>(undefined);

  useInput(
    (input, key) => {
      const field = FIELDS[cursor]!.key;
      if (key.escape) return onCancel();
      if (key.upArrow) return setCursor((c) => (c + FIELDS.length - 1) % FIELDS.length);
      if (key.downArrow || key.tab) return setCursor((c) => (c + 1) % FIELDS.length);
      if (key.return) {
        const parsed = parseCommandLine(settingsArgv(values, fileData));
        if (parsed.kind === 'error') return setError(parsed.message);
        if (parsed.kind === 'run') return onApply(parsed.options);
        return;
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
          Data sets: circles, moons, xor, gaussian, spiral (noise blank = its default). Schemes: zeros, random, he, xavier, small, scale:K. Layers: 2,…,1.
        </Text>
      </Box>
      {error !== undefined && <Text color="red" wrap="wrap">{error}</Text>}
    </Box>
  );
}
