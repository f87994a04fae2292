/**
 * Every key of the dashboard, in one table (lazygit's key bindings are the
 * model: one binding, one description). The key handler (`keyIntent`), the
 * help overlay (`helpRows`) and the footer (`footerHints`) are all derived
 * from it, so a key cannot be documented in one place and missing in another.
 */
import { groupCount, type Action, type DashboardState, type Panel, type View } from './state.js';

/** A key asks the reducer for an action, or for one of the few things that are not state. */
export type Intent =
  | { readonly kind: 'action'; readonly action: Action }
  /** One iteration of every run, while paused (a command to the race, not a state). */
  | { readonly kind: 'step' }
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
  readonly backspace?: boolean;
  readonly delete?: boolean;
  readonly meta?: boolean;
}

export interface Binding {
  /** The key as the help overlay shows it. */
  readonly label: string;
  /** What it does, for the help overlay. */
  readonly help: string;
  /** Its footer hint, if it has one, and the views that show it (default: all its views). */
  readonly hint?: string;
  readonly hintIn?: readonly View[];
  /** Where the key is live. */
  readonly views: readonly View[];
  /** In the race view: only while this panel has the focus. */
  readonly panel?: Panel;
  readonly match: (input: string, key: KeyInfo) => boolean;
  /**
   * What it asks for. Absent: the view handles the key itself (the settings
   * form's typing), and the row is there for the help and the footer.
   */
  readonly intent?: (state: DashboardState, input: string) => Intent | undefined;
}

const action = (a: Action): Intent => ({ kind: 'action', action: a });
const is = (...chars: string[]) => (input: string, key: KeyInfo) => !key.ctrl && !key.meta && chars.includes(input);

/** The views of a race (the settings form and the help overlay take keys their own way). */
const RACING: readonly View[] = ['race', 'detail', 'why'];
const RUN_VIEWS: readonly View[] = ['detail', 'why'];

/** In table order: the footer lists hints in this order; a key matches the first live row. */
export const BINDINGS: readonly Binding[] = [
  {
    label: 'Esc', help: 'back', hint: 'Esc back', hintIn: RUN_VIEWS, views: RACING,
    match: (_, k) => k.escape === true, intent: () => action({ type: 'back' }),
  },
  {
    label: 'Esc  ?', help: 'close this help', hint: 'Esc or ? close', views: ['help'],
    match: (i, k) => k.escape === true || i === '?', intent: () => action({ type: 'toggleHelp' }),
  },
  {
    label: '↑ ↓  j k', help: 'move between runs', hint: '↑↓ move', views: ['race'], panel: 'runs',
    match: (i, k) => k.upArrow === true || k.downArrow === true || is('j', 'k')(i, k),
    intent: (_, i) => action({ type: 'move', by: i === 'k' || i === '' ? -1 : 1 }),
  },
  {
    label: '↑ ↓  j k', help: 'the previous / next run', hint: '↑↓ other run', views: RUN_VIEWS,
    match: (i, k) => k.upArrow === true || k.downArrow === true || is('j', 'k')(i, k),
    intent: (_, i) => action({ type: 'move', by: i === 'k' || i === '' ? -1 : 1 }),
  },
  {
    label: 'Enter', help: "open the run's detail view", hint: 'Enter open', views: ['race'], panel: 'runs',
    match: (_, k) => k.return === true, intent: () => action({ type: 'open' }),
  },
  {
    label: 'w', help: 'why it learns: norms, gradients, dead units, saturation, symmetry', hint: 'w why', hintIn: ['race', 'detail'], views: RACING,
    match: is('w'), intent: () => action({ type: 'why' }),
  },
  {
    label: 'Tab', help: 'switch panel: runs ⇄ chart (← → move the chart cursor)', views: ['race'],
    match: (_, k) => k.tab === true, intent: () => action({ type: 'nextPanel' }),
  },
  {
    label: '← →  h', help: 'move the chart cursor (chart panel)', views: ['race'], panel: 'chart',
    match: (i, k) => k.leftArrow === true || k.rightArrow === true || is('h')(i, k),
    intent: (_, i) => action({ type: 'moveCursor', by: i === 'right' ? 1 / 50 : -1 / 50 }),
  },
  {
    label: '1–9', help: 'focus run N', views: RACING,
    match: (i, k) => !k.ctrl && !k.meta && /^[1-9]$/.test(i),
    intent: (s, i) => {
      const run = Number(i) - 1;
      return run < groupCount(s) ? action({ type: 'select', run }) : undefined;
    },
  },
  {
    label: 'l', help: 'log-scale cost axis', hint: 'l log', hintIn: ['detail'], views: RACING,
    match: is('l'), intent: () => action({ type: 'toggleLog' }),
  },
  {
    label: 's', help: 'settings: data set, schemes, learning rate, iterations, layers, seed', hint: 's settings', hintIn: ['race'], views: RACING,
    match: is('s'), intent: () => action({ type: 'settings' }),
  },
  {
    label: 'space', help: 'pause / resume', hint: 'space pause', views: RACING,
    match: is(' '), intent: () => action({ type: 'togglePause' }),
  },
  {
    label: 'n', help: 'one iteration while paused', hint: 'n step', hintIn: ['why'], views: RACING,
    match: is('n'), intent: () => ({ kind: 'step' }),
  },
  {
    label: '+ -', help: 'faster / slower pace', hint: '+/- pace', hintIn: ['race'], views: RACING,
    match: is('+', '=', '-', '_'), intent: (_, i) => action({ type: 'pace', faster: i === '+' || i === '=' }),
  },
  {
    label: 'r', help: 'restart the race', hint: 'r restart', hintIn: RUN_VIEWS, views: RACING,
    match: is('r'), intent: () => action({ type: 'restart' }),
  },
  {
    label: 'e', help: 'export the results as JSON (to --out, or init-tui-DATE.json)', hint: 'e export', hintIn: ['race'], views: RACING,
    match: is('e'), intent: () => ({ kind: 'export' }),
  },
  {
    label: '?', help: 'this help', hint: '? help', views: RACING,
    match: is('?'), intent: () => action({ type: 'toggleHelp' }),
  },
  {
    label: 'q', help: 'quit', hint: 'q quit', views: [...RACING, 'help'],
    match: is('q'), intent: () => ({ kind: 'quit', status: 0 }),
  },
  // The sweep's map (or its plots): a cursor over the cells, and the race's own commands.
  {
    label: '↑ ↓  j k', help: 'the depth above / below (the map\'s rows)', hint: '←↑↓→ move', views: ['sweep'],
    match: (i, k) => k.upArrow === true || k.downArrow === true || is('j', 'k')(i, k),
    intent: (_, i) => action({ type: 'moveCell', rows: i === 'down' || i === 'j' ? 1 : -1, cols: 0 }),
  },
  {
    label: '← →  h l', help: 'the smaller / larger gain (the columns)', views: ['sweep'],
    match: (i, k) => k.leftArrow === true || k.rightArrow === true || is('h', 'l')(i, k),
    intent: (_, i) => action({ type: 'moveCell', rows: 0, cols: i === 'right' || i === 'l' ? 1 : -1 }),
  },
  {
    label: 'Enter', help: "open the cell's first model: its cost chart, printout and decision boundary (Esc back)", hint: 'Enter open', views: ['sweep'],
    match: (_, k) => k.return === true, intent: () => action({ type: 'open' }),
  },
  {
    label: 'space', help: 'pause / resume', hint: 'space pause', views: ['sweep'],
    match: is(' '), intent: () => action({ type: 'togglePause' }),
  },
  {
    label: 'r', help: 'restart the sweep', views: ['sweep'],
    match: is('r'), intent: () => action({ type: 'restart' }),
  },
  {
    label: 'e', help: 'export the sweep as JSON (to --out, or init-tui-DATE.json)', hint: 'e export', views: ['sweep'],
    match: is('e'), intent: () => ({ kind: 'export' }),
  },
  {
    label: '?', help: 'this help', hint: '? help', views: ['sweep'],
    match: is('?'), intent: () => action({ type: 'toggleHelp' }),
  },
  {
    label: 'q', help: 'quit', hint: 'q quit', views: ['sweep'],
    match: is('q'), intent: () => ({ kind: 'quit', status: 0 }),
  },
  {
    label: 'Ctrl-C', help: 'quit, from any screen', views: ['sweep'],
    match: (i, k) => k.ctrl === true && i === 'c', intent: () => ({ kind: 'quit', status: 130 }),
  },
  // The settings form types and edits itself; these rows describe it.
  { label: '↑ ↓  Tab', help: 'previous / next field', hint: '↑↓ field', views: ['settings'], match: (_, k) => k.upArrow === true || k.downArrow === true || k.tab === true },
  { label: 'a–z 0–9 …', help: 'type to edit the field (pasting works too)', hint: 'type to edit', views: ['settings'], match: () => false },
  { label: 'Backspace', help: 'delete the last character', hint: 'Backspace delete', views: ['settings'], match: (_, k) => k.backspace === true || k.delete === true },
  { label: 'Enter', help: 'apply and restart the race', hint: 'Enter apply and restart', views: ['settings'], match: (_, k) => k.return === true },
  { label: 'Esc', help: 'cancel', hint: 'Esc cancel', views: ['settings'], match: (_, k) => k.escape === true },
  {
    label: 'Ctrl-C', help: 'quit, from any screen', hint: 'Ctrl-C quit', hintIn: ['settings'], views: [...RACING, 'help', 'settings'],
    match: (i, k) => k.ctrl === true && i === 'c', intent: () => ({ kind: 'quit', status: 130 }),
  },
];

function live(b: Binding, state: DashboardState): boolean {
  if (!b.views.includes(state.view)) return false;
  return b.panel === undefined || state.view !== 'race' || b.panel === state.panel;
}

/**
 * What a key asks for in this state, or undefined (not a key here, or one the
 * view handles itself). Arrows reach `intent` as '' (up), 'down', 'left' or
 * 'right', so a row can tell them apart.
 */
export function keyIntent(input: string, key: KeyInfo, state: DashboardState): Intent | undefined {
  for (const b of BINDINGS) {
    if (!live(b, state) || !b.match(input, key)) continue;
    const arrow = key.downArrow ? 'down' : key.rightArrow ? 'right' : key.upArrow || key.leftArrow ? '' : input;
    return b.intent?.(state, arrow);
  }
  return undefined;
}

/** The footer of a view: its hints, in table order. */
export function footerHints(view: View): string {
  return BINDINGS.filter((b) => b.hint !== undefined && b.views.includes(view) && (b.hintIn ?? b.views).includes(view))
    .map((b) => b.hint)
    .join(' · ');
}

/** The help overlay's rows for the keys of a view (and those that work everywhere), each key once. */
export function helpRows(view: View): readonly (readonly [string, string])[] {
  const rows: [string, string][] = [];
  for (const b of BINDINGS) {
    if (!b.views.includes(view) || rows.some(([k, h]) => k === b.label && h === b.help)) continue;
    rows.push([b.label, b.help]);
  }
  return rows;
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
