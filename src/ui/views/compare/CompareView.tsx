import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { ExperimentConfig } from '../../../core/config.js';
import type { Dataset } from '../../../core/datasets.js';
import { populationSd } from '../../../core/diagnostics.js';
import { compareColumn, compareTable, type Mark, type Part } from './compare-layout.js';
import type { SchemeGroup } from '../../state/selectors.js';
import { paint, schemeColor, type ColorName } from '../../chrome/theme.js';
import { ViewTitle } from '../../chrome/ViewTitle.js';

export interface CompareViewProps {
  readonly groups: readonly SchemeGroup[];
  /** The highlighted column (the dashboard's selected scheme). */
  readonly selected: number;
  readonly config: ExperimentConfig;
  readonly train: Dataset;
  readonly width: number;
  /**
   * Rows for this view (header and footer excluded). The App keeps the whole
   * frame a row shorter than the terminal: the view's height changes with
   * the race, and a frame that fills the screen now and then is redrawn
   * differently by Ink (a full clear) and left a stale line on screen.
   */
  readonly height: number;
  readonly paused: boolean;
  readonly color: boolean;
}

/** Marks in the colours of the schemes that show them: zeros' red, ×10's yellow. */
const MARK_COLOR: Record<Mark, ColorName> = { broken: 'red', large: 'yellow' };

function painted(parts: readonly Part[], color: boolean): string {
  return parts.map((p) => (p.mark ? paint(p.text, color, MARK_COLOR[p.mark]) : p.text)).join('');
}

/**
 * The lesson on one screen: one column per scheme, each figure of the
 * network at iteration 0 and now, side by side — symmetry, dead units, the
 * signal's spread, weight and gradient norms per hidden layer, the sigmoid's
 * saturation, the accuracies and the verdict. Live while the race runs.
 */
export function CompareView({ groups, selected, config, train, width, height, paused, color }: CompareViewProps) {
  const inputSd = useMemo(() => populationSd(train.x, train.x.length), [train]);
  const columns = groups.map((g) => compareColumn(g, config.iterations, paused));
  const t = compareTable(columns, { width, height, selected, layers: config.layers, inputSd, marks: color });
  const seeds = config.seeds > 1 ? " · each scheme's first seed" : '';
  const scroll = t.scroll ? ` · ${t.scroll} (↑↓)` : '';
  return (
    <Box flexDirection="column">
      <ViewTitle>
        compare · each figure at iteration 0 → now{seeds}
        {scroll}
      </ViewTitle>
      <Text wrap="truncate">
        {' '.repeat(t.columns.labelWidth)}
        {t.heads.map((h) => (
          <Text key={h.index}>
            <Text bold inverse={h.index === selected}>
              {paint(h.name, color, schemeColor(h.name, h.index))}
            </Text>
            <Text dimColor>{h.rest}</Text>
            {'  '}
          </Text>
        ))}
      </Text>
      {t.lines.map((l, k) => (
        <Text key={k} wrap="truncate" bold={l.kind === 'heading'} dimColor={l.kind === 'note' || l.kind === 'formula'}>
          {l.kind === 'blank' ? ' ' : painted(l.parts, color)}
        </Text>
      ))}
      {t.legend.length > 0 && <Text> </Text>}
      {t.legend.map((l, k) => (
        <Text key={`legend ${k}`} wrap="truncate" dimColor>
          {l}
        </Text>
      ))}
    </Box>
  );
}
