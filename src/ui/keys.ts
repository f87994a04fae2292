/**
 * Keys → intents, as a pure function (tested without a terminal). The App
 * applies an intent: reducer actions go to the reducer, commands to the race.
 */
import { groupCount, type Action, type DashboardState } from './state.js';

export type Intent =
  | { readonly kind: 'action'; readonly action: Action }
  | { readonly kind: 'togglePause' }
  | { readonly kind: 'step' }
  | { readonly kind: 'pace'; readonly faster: boolean }
  | { readonly kind: 'restart' }
  | { readonly kind: 'focus'; readonly run: number }
  | { readonly kind: 'export' }
  | { readonly kind: 'quit'; readonly status: number };

/** The subset of Ink's `Key` this needs. */
export interface KeyInfo {
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly leftArrow?: boolean;
  readonly rightArrow?: boolean;
  readonly return?: boolean;
  readonly escape?: boolean;
  readonly tab?: boolean;
  readonly ctrl?: boolean;
}

/** One line per key, for the footer and the help overlay. */
export const KEY_HELP: readonly (readonly [string, string])[] = [
  ['↑ ↓  j k', 'move between runs'],
  ['Enter', "open the run's detail view"],
  ['w', 'why it learns: norms, gradients, dead units, saturation, symmetry'],
  ['Esc', 'back'],
  ['Tab', 'switch panel: runs ⇄ chart (← → move the chart cursor)'],
  ['1–9', 'focus run N'],
  ['space', 'pause / resume'],
  ['n', 'one iteration while paused'],
  ['+ -', 'faster / slower pace'],
  ['r', 'restart the race'],
  ['l', 'log-scale cost axis'],
  ['e', 'export the results as JSON (to --out, or init-tui-DATE.json)'],
  ['s', 'settings: data set, schemes, learning rate, iterations, layers, seed'],
  ['?', 'this help'],
  ['q  Ctrl-C', 'quit'],
];

const action = (a: Action): Intent => ({ kind: 'action', action: a });

export function keyIntent(input: string, key: KeyInfo, state: DashboardState): Intent | undefined {
  if (key.ctrl && input === 'c') return { kind: 'quit', status: 130 };
  // The settings form takes every other key as typing (its own input handler).
  if (state.view === 'settings') return undefined;
  if (input === 'q') return { kind: 'quit', status: 0 };
  if (input === '?') return action({ type: 'toggleHelp' });
  if (key.escape) return action({ type: 'back' });
  if (state.view === 'help') return undefined;
  if (input === ' ') return { kind: 'togglePause' };
  if (input === 'n') return { kind: 'step' };
  if (input === '+' || input === '=') return { kind: 'pace', faster: true };
  if (input === '-' || input === '_') return { kind: 'pace', faster: false };
  if (input === 'r') return { kind: 'restart' };
  if (input === 'l') return action({ type: 'toggleLog' });
  if (input === 'e') return { kind: 'export' };
  if (input === 'w') return action({ type: 'why' });
  if (input === 's') return action({ type: 'settings' });
  if (/^[1-9]$/.test(input)) {
    const run = Number(input) - 1;
    return run < groupCount(state) ? { kind: 'focus', run } : undefined;
  }
  if (state.view === 'detail' || state.view === 'why') {
    // In the detail view, ↑/↓ (j/k) page through the runs.
    const by = key.upArrow || input === 'k' ? -1 : key.downArrow || input === 'j' ? 1 : 0;
    if (by !== 0) return action({ type: 'move', by });
    return undefined;
  }
  if (key.tab) return action({ type: 'nextPanel' });
  if (state.panel === 'chart') {
    if (key.leftArrow || input === 'h') return action({ type: 'moveCursor', by: -1 / 50 });
    if (key.rightArrow) return action({ type: 'moveCursor', by: 1 / 50 });
  }
  if (state.panel === 'runs') {
    if (key.return) return action({ type: 'open' });
    if (key.upArrow || input === 'k') return action({ type: 'move', by: -1 });
    if (key.downArrow || input === 'j') return action({ type: 'move', by: 1 });
  }
  return undefined;
}

/**
 * Ink hands over a run of plain characters that arrive together (fast typing,
 * a script, a paste) as one string: "r\u0003" would match no key and a
 * Ctrl-C in it would be lost. Split such runs back into single keys.
 */
export function splitKeys(input: string, key: KeyInfo): [string, KeyInfo][] {
  if (input.length <= 1) return [[input, key]];
  return [...input].map((ch): [string, KeyInfo] => {
    if (ch === '\u0003') return ['c', { ctrl: true }];
    if (ch === '\r' || ch === '\n') return ['', { return: true }];
    if (ch === '\t') return ['', { tab: true }];
    if (ch === '\u001B') return ['', { escape: true }];
    return [ch, {}];
  });
}
