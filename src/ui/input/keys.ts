/**
 * Every key of the dashboard, in one table (lazygit's key bindings are the
 * model: one binding, one description). The key handler (`keyIntent`), the
 * help overlay (`helpRows`) and the footer (`footerHints`) are all derived
 * from it, so a key cannot be documented in one place and missing in another.
 */
import type { Key } from './input.js';
import { groupCount } from '../state/selectors.js';
import type { Action, DashboardState, Panel } from '../state/reducer.js';
import { VIEW_ROWS, type View } from '../views/registry.js';

/** A key asks the reducer for an action, or for one of the few things that are not state. */
export type Intent =
  | { readonly kind: 'action'; readonly action: Action }
  /** One iteration of every run, while paused (a command to the race, not a state). */
  | { readonly kind: 'step' }
  | { readonly kind: 'export' }
  /** Ctrl-Z: give the terminal back to the shell until `fg`. */
  | { readonly kind: 'suspend' }
  | { readonly kind: 'quit'; readonly status: number };

export interface Binding {
  /** The key as the help overlay shows it. */
  readonly label: string;
  /** What it does, for the help overlay. */
  readonly help: string;
  /** Its footer hint, if it has one, and the views that show it (default: all its views). */
  readonly hint?: string;
  readonly hintIn?: Where;
  /** Where the key is live. */
  readonly views: Where;
  /** In the race view: only while this panel has the focus. */
  readonly panel?: Panel;
  /** Only in states where this holds (its hint is hidden elsewhere too). */
  readonly when?: (state: DashboardState) => boolean;
  readonly match: (key: Key) => boolean;
  readonly intent: (state: DashboardState, key: Key) => Intent | undefined;
}

const action = (a: Action): Intent => ({ kind: 'action', action: a });
const notSweep = (s: DashboardState): boolean => s.config.sweep === undefined;
/** Whether the settings form's picker (a choice field's list) is open: then ↑ ↓ Enter Esc are its keys. */
const picking = (s: DashboardState): boolean => s.form?.picker !== undefined;
const notPicking = (s: DashboardState): boolean => !picking(s);
/** A plain character key (no Ctrl). */
const is =
  (...chars: string[]) =>
  (k: Key) =>
    k.name === 'char' && !k.ctrl && chars.includes(k.text);
const named =
  (...names: Key['name'][]) =>
  (k: Key) =>
    names.includes(k.name);
const ctrl = (letter: string) => (k: Key) => k.name === 'char' && k.ctrl && k.text === letter;
/** ↑/k one way, ↓/j the other. */
const upDown = (k: Key) => named('up', 'down')(k) || is('j', 'k')(k);
const upward = (k: Key) => k.name === 'up' || k.text === 'k';

/**
 * Views, by name or by the shared keys their row in the view registry says
 * they take: `race views` (the race's keys), `run views` (those and the other
 * run), `all`. A new view's row decides which keys it gets; the table stays.
 */
type Where = readonly (View | 'race views' | 'run views' | 'all')[];

/** Whether `view` is one of `where`. The registry is read when a key is judged, never at load (it imports this file). */
export function among(where: Where, view: View): boolean {
  const takes = VIEW_ROWS[view].keys;
  return where.some((w) => w === view || w === 'all' || (w === 'race views' && takes !== 'own') || (w === 'run views' && takes === 'run'));
}

/** Keys that the race views and the sweep share word for word; each row of the table says where it is live. */
const SHARED = {
  pause: { label: 'space', help: 'pause / resume', hint: 'space pause', match: is(' '), intent: () => action({ type: 'togglePause' }) },
  help: { label: '?', help: 'this help', hint: '? help', match: is('?'), intent: () => action({ type: 'toggleHelp' }) },
  quit: { label: 'q', help: 'quit', hint: 'q quit', match: is('q'), intent: (): Intent => ({ kind: 'quit', status: 0 }) },
} satisfies Record<string, Omit<Binding, 'views'>>;

/** ↑/k and ↓/j move the selection one back or on: the same key in each place it is live, with that place's words. */
function moveRow(help: string, hint: string, views: Where, panel?: Panel): Binding {
  return {
    label: '↑ ↓  j k',
    help,
    hint,
    views,
    ...(panel === undefined ? {} : { panel }),
    match: upDown,
    intent: (_, k) => action({ type: 'move', by: upward(k) ? -1 : 1 }),
  };
}

/** In table order: the footer lists hints in this order; a key matches the first live row. */
export const BINDINGS: readonly Binding[] = [
  {
    label: 'Esc',
    help: 'back',
    hint: 'Esc back',
    hintIn: ['run views', 'compare', 'signal'],
    views: ['race views'],
    match: named('escape'),
    intent: () => action({ type: 'back' }),
  },
  {
    label: 'Esc  ?',
    help: 'close this help',
    hint: 'Esc or ? close',
    views: ['help'],
    match: (k) => k.name === 'escape' || is('?')(k),
    intent: () => action({ type: 'toggleHelp' }),
  },
  // The help overlay scrolls when its keys do not fit (80×24 and smaller): lines, pages, ends.
  {
    label: '↑ ↓  j k',
    help: 'scroll this help a line',
    hint: '↑↓ scroll',
    views: ['help'],
    match: upDown,
    intent: (_, k) => action({ type: 'scrollHelp', by: upward(k) ? -1 : 1 }),
  },
  {
    label: 'PgUp PgDn',
    help: 'scroll this help a page',
    hint: 'PgUp/PgDn page',
    views: ['help'],
    match: named('pageup', 'pagedown'),
    intent: (_, k) => action({ type: 'scrollHelp', by: k.name === 'pageup' ? -1 : 1, pages: true }),
  },
  {
    label: 'Home End',
    help: 'the top / the end of this help',
    views: ['help'],
    match: named('home', 'end'),
    intent: (_, k) => action({ type: 'scrollHelp', by: k.name === 'home' ? -Infinity : Infinity }),
  },
  moveRow('move between runs', '↑↓ move', ['race'], 'runs'),
  moveRow('highlight the previous / next scheme (the columns scroll if need be)', '↑↓ highlight', ['compare', 'signal']),
  moveRow('the previous / next run', '↑↓ other run', ['run views']),
  {
    label: 'Enter',
    help: "open the run's detail view",
    hint: 'Enter open',
    views: ['race'],
    panel: 'runs',
    match: named('return'),
    intent: () => action({ type: 'open' }),
  },
  {
    label: 'w',
    help: 'why it learns: norms, gradients, dead units, saturation, symmetry',
    hint: 'w why',
    hintIn: ['race', 'detail', 'compare'],
    views: ['race views'],
    match: is('w'),
    intent: () => action({ type: 'why' }),
  },
  {
    label: 'c',
    help: 'compare the schemes side by side, every figure at 0 → now',
    hint: 'c compare',
    hintIn: ['race', 'detail', 'why', 'signal'],
    views: ['race views'],
    // A sweep's cells are compared on its map, not scheme by scheme.
    when: notSweep,
    match: is('c'),
    intent: () => action({ type: 'compare' }),
  },
  {
    label: 'p',
    help: 'the signal through the layers against the theory, and each layer’s outputs',
    hint: 'p signal',
    hintIn: ['race', 'compare', 'why'],
    views: ['race views'],
    when: notSweep,
    match: is('p'),
    intent: () => action({ type: 'show', view: 'signal' }),
  },
  {
    label: 'Tab',
    help: 'switch panel: runs ⇄ chart (← → move the chart cursor)',
    views: ['race'],
    match: named('tab', 'backtab'),
    intent: () => action({ type: 'nextPanel' }),
  },
  {
    label: '← →  h l',
    help: 'move the chart cursor (chart panel)',
    views: ['race'],
    panel: 'chart',
    match: (k) => named('left', 'right')(k) || is('h', 'l')(k),
    intent: (_, k) => action({ type: 'moveCursor', by: k.name === 'right' || k.text === 'l' ? 1 / 50 : -1 / 50 }),
  },
  {
    label: 'click',
    help: 'select what you click: a lane, a compare column, a map cell',
    views: ['race', 'compare', 'sweep'],
    match: (k) => k.mouse?.button === 'left' && k.mouse.target !== undefined,
    intent: (_, k) => action({ type: 'select', run: k.mouse?.target ?? 0 }),
  },
  {
    label: 'wheel',
    help: 'move the chart cursor',
    views: ['race'],
    match: (k) => k.mouse?.button === 'wheelUp' || k.mouse?.button === 'wheelDown',
    intent: (_, k) => action({ type: 'moveCursor', by: k.mouse?.button === 'wheelDown' ? 1 / 50 : -1 / 50 }),
  },
  {
    label: 'Home End',
    help: 'the chart cursor to the first / last iteration (chart panel)',
    views: ['race'],
    panel: 'chart',
    match: named('home', 'end'),
    intent: (_, k) => action({ type: 'moveCursor', by: k.name === 'end' ? 1 : -1 }),
  },
  {
    label: '1–9',
    help: 'focus run N',
    views: ['race views'],
    match: (k) => k.name === 'char' && !k.ctrl && /^[1-9]$/.test(k.text),
    intent: (s, k) => {
      const run = Number(k.text) - 1;
      return run < groupCount(s) ? action({ type: 'select', run }) : undefined;
    },
  },
  {
    // y for the y axis: `l` is the sweep's "larger gain" (vim's right), so one key keeps one meaning.
    label: 'y',
    help: 'log-scale cost axis (y axis)',
    hint: 'y log',
    hintIn: ['detail'],
    views: ['race views'],
    match: is('y'),
    intent: () => action({ type: 'toggleLog' }),
  },
  {
    // The default linear range cuts outliers (random ×10's spike) and says so under the chart.
    label: 'f',
    help: 'full range on the linear cost axis ⇄ the range that cuts outliers',
    views: ['race views'],
    match: is('f'),
    intent: () => action({ type: 'toggleRange' }),
  },
  {
    label: 'v',
    help: 'charts: all schemes overlaid ⇄ one small chart per scheme',
    hint: 'v charts',
    hintIn: ['race'],
    views: ['race'],
    match: is('v'),
    intent: () => action({ type: 'toggleChart' }),
  },
  {
    label: 's',
    help: 'settings: data set, schemes, learning rate, iterations, layers, seed, pace',
    hint: 's settings',
    hintIn: ['race'],
    views: ['race views'],
    // The settings form edits a race, not a sweep.
    when: notSweep,
    match: is('s'),
    intent: () => action({ type: 'settings' }),
  },
  { ...SHARED.pause, views: ['race views'] },
  {
    label: 'n',
    help: 'one iteration while paused',
    hint: 'n step',
    hintIn: ['why', 'compare'],
    views: ['race views'],
    match: is('n'),
    intent: () => ({ kind: 'step' }),
  },
  {
    label: '+ -',
    help: 'faster / slower pace (+ up to max)',
    hint: '+/- pace',
    hintIn: ['race'],
    views: ['race views'],
    match: is('+', '=', '-', '_'),
    intent: (_, k) => action({ type: 'pace', faster: k.text === '+' || k.text === '=' }),
  },
  {
    label: 'r',
    help: 'restart the race',
    hint: 'r restart',
    hintIn: ['run views'],
    views: ['race views'],
    match: is('r'),
    intent: () => action({ type: 'restart' }),
  },
  {
    label: 'e',
    help: 'export the results as JSON (to --out, or init-tui-DATE.json)',
    hint: 'e export',
    hintIn: ['race'],
    views: ['race views'],
    match: is('e'),
    intent: () => ({ kind: 'export' }),
  },
  { ...SHARED.help, views: ['race views'] },
  { ...SHARED.quit, views: ['race views', 'help'] },
  // The sweep's map (or its plots): a cursor over the cells, and the race's own commands.
  {
    label: '↑ ↓  j k',
    help: "the depth above / below (the map's rows)",
    hint: '←↑↓→ move',
    views: ['sweep'],
    match: upDown,
    intent: (_, k) => action({ type: 'moveCell', rows: upward(k) ? -1 : 1, cols: 0 }),
  },
  {
    label: '← →  h l',
    help: 'the smaller / larger gain (the columns)',
    views: ['sweep'],
    match: (k) => named('left', 'right')(k) || is('h', 'l')(k),
    intent: (_, k) => action({ type: 'moveCell', rows: 0, cols: k.name === 'right' || k.text === 'l' ? 1 : -1 }),
  },
  {
    label: 'Enter',
    help: "open the cell's first model: its cost chart, printout and decision boundary (Esc back)",
    hint: 'Enter open',
    views: ['sweep'],
    match: named('return'),
    intent: () => action({ type: 'open' }),
  },
  { ...SHARED.pause, views: ['sweep'] },
  {
    label: 'r',
    help: 'restart the sweep',
    views: ['sweep'],
    match: is('r'),
    intent: () => action({ type: 'restart' }),
  },
  {
    label: 'e',
    help: 'export the sweep as JSON (to --out, or init-tui-DATE.json)',
    hint: 'e export',
    views: ['sweep'],
    match: is('e'),
    intent: () => ({ kind: 'export' }),
  },
  { ...SHARED.help, views: ['sweep'] },
  { ...SHARED.quit, views: ['sweep'] },
  // The settings form; first its picker, while one is open.
  {
    label: '↑ ↓',
    help: 'the previous / next choice (the picker of a choice field)',
    hint: '↑↓ choose',
    views: ['settings'],
    when: picking,
    match: named('up', 'down'),
    intent: (_, k) => action({ type: 'formEdit', edit: k.name === 'up' ? 'pickerUp' : 'pickerDown' }),
  },
  {
    label: 'Enter',
    help: 'take the highlighted choice into the field',
    hint: 'Enter take',
    views: ['settings'],
    when: picking,
    match: named('return'),
    intent: () => action({ type: 'formEdit', edit: 'pick' }),
  },
  {
    label: 'Esc  ←',
    help: 'close the picker, the field as it was',
    hint: 'Esc close',
    views: ['settings'],
    when: picking,
    match: named('escape', 'left'),
    intent: () => action({ type: 'formEdit', edit: 'unpick' }),
  },
  {
    label: '↑ ↓  Tab',
    help: 'previous / next field',
    hint: '↑↓ field',
    views: ['settings'],
    when: notPicking,
    match: named('up', 'down', 'tab', 'backtab'),
    intent: (_, k) => action({ type: 'formMove', by: k.name === 'up' || k.name === 'backtab' ? -1 : 1 }),
  },
  {
    label: '← →',
    help: 'move the caret; → at the end of data set or activation: its picker',
    hint: '←→ caret',
    views: ['settings'],
    when: notPicking,
    match: named('left', 'right'),
    intent: (_, k) => action({ type: 'formEdit', edit: k.name === 'left' ? 'left' : 'right' }),
  },
  {
    label: 'Home End ^A ^E',
    help: 'the caret to the start / end of the field',
    views: ['settings'],
    when: notPicking,
    match: (k) => named('home', 'end')(k) || ctrl('a')(k) || ctrl('e')(k),
    intent: (_, k) => action({ type: 'formEdit', edit: k.name === 'home' || k.text === 'a' ? 'home' : 'end' }),
  },
  {
    label: 'a–z 0–9 …',
    help: 'type at the caret (a paste goes in as text)',
    views: ['settings'],
    when: notPicking,
    match: (k) => (k.name === 'char' && !k.ctrl) || k.name === 'paste',
    intent: (_, k) => action({ type: 'formType', text: k.text, ...(k.cutFrom !== undefined ? { pasted: k.cutFrom } : {}) }),
  },
  {
    label: 'Backspace',
    help: 'delete the character before the caret',
    hint: 'Backspace delete',
    views: ['settings'],
    when: notPicking,
    match: named('backspace'),
    intent: () => action({ type: 'formDelete' }),
  },
  {
    label: 'Delete',
    help: 'delete the character under the caret',
    views: ['settings'],
    when: notPicking,
    match: named('delete'),
    intent: () => action({ type: 'formEdit', edit: 'deleteForward' }),
  },
  {
    label: 'Ctrl-U',
    help: 'clear the field up to the caret',
    hint: 'Ctrl-U clear',
    views: ['settings'],
    when: notPicking,
    match: ctrl('u'),
    intent: () => action({ type: 'formEdit', edit: 'clearToStart' }),
  },
  {
    label: 'Enter',
    help: 'apply and restart the race',
    hint: 'Enter apply',
    views: ['settings'],
    when: notPicking,
    match: named('return'),
    intent: () => action({ type: 'formApply' }),
  },
  {
    label: 'Esc',
    help: 'cancel',
    hint: 'Esc cancel',
    views: ['settings'],
    when: notPicking,
    match: named('escape'),
    intent: () => action({ type: 'back' }),
  },
  {
    label: 'Ctrl-Z',
    help: 'suspend (fg resumes)',
    views: ['all'],
    match: ctrl('z'),
    intent: () => ({ kind: 'suspend' }),
  },
  {
    label: 'Ctrl-C',
    help: 'quit, from any screen',
    hint: 'Ctrl-C quit',
    hintIn: ['settings'],
    views: ['all'],
    match: ctrl('c'),
    intent: () => ({ kind: 'quit', status: 130 }),
  },
];

function live(b: Binding, state: DashboardState): boolean {
  if (!among(b.views, state.view) || (b.when && !b.when(state))) return false;
  return b.panel === undefined || state.view !== 'race' || b.panel === state.panel;
}

/** What a key asks for in this state, or undefined (not a key here). */
export function keyIntent(key: Key, state: DashboardState, bindings: readonly Binding[] = BINDINGS): Intent | undefined {
  for (const b of bindings) {
    if (live(b, state) && b.match(key)) return b.intent(state, key);
  }
  return undefined;
}

/** Every footer hint of a view, in table order (the frame lays them out on one or two lines). */
export function hintList(view: View, state?: DashboardState): string[] {
  return BINDINGS.filter(
    (b) => b.hint !== undefined && among(b.views, view) && among(b.hintIn ?? b.views, view) && (!state || !b.when || b.when(state)),
  ).map((b) => b.hint ?? '');
}

/**
 * The footer of a view on one line: its hints, in table order, as many as fit `width`
 * columns. The last two (help and quit) always stay; hints before them give
 * way from the end.
 */
export function footerHints(view: View, width = Infinity, state?: DashboardState): string {
  const hints = hintList(view, state);
  const keep = hints.slice(-2);
  const rest = hints.slice(0, -2);
  while (rest.length > 0 && [...rest, ...keep].join(' · ').length > width) rest.pop();
  return [...rest, ...keep].join(' · ');
}

/** The help overlay's rows for the keys of a view (and those that work everywhere), each key once. */
export function helpRows(view: View): readonly (readonly [string, string])[] {
  const rows: [string, string][] = [];
  for (const b of BINDINGS) {
    if (!among(b.views, view) || rows.some(([k, h]) => k === b.label && h === b.help)) continue;
    rows.push([b.label, b.help]);
  }
  return rows;
}
