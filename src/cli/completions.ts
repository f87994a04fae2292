/**
 * `--completions bash|zsh|fish`: a shell completion script, written from the
 * same option table the parser reads (argv.ts's OPTIONS), so a new option or a
 * new scheme, data set or kernel is offered without touching this file. Pure:
 * text in, text out.
 */
import { CANONICAL, OPTIONS, type OptionDef, type Shell } from './argv.js';

/** One option as a completion knows it. */
interface Completable {
  /** Without the dashes. */
  readonly name: string;
  readonly short?: string;
  /** Whether it takes a value. */
  readonly value: boolean;
  /** Its values when it is a choice; 'file' for a file name. */
  readonly values?: readonly string[] | 'file';
  /** Its help line, cut to its first clause: a shell shows one short line. */
  readonly about: string;
}

/** The help line's first clause (up to a colon, a semicolon or a parenthesis), at most 60 characters. */
function firstClause(help: string): string {
  const cut = help.split(/[:;(]| - /)[0]!.trim();
  return cut.length > 60 ? `${cut.slice(0, 59)}…` : cut;
}

/** Every option, aliases included (an alias describes itself by its row's help). */
export function completables(options: Readonly<Record<string, OptionDef>> = OPTIONS): Completable[] {
  const entries = Object.entries(options);
  return entries.map(([name, def]) => {
    // An alias (`--lr`) has no help line of its own: it is its row's.
    const about = def.help !== '' ? def.help : (options[CANONICAL[name] ?? '']?.help ?? '');
    return {
      name,
      ...(def.short !== undefined ? { short: def.short } : {}),
      value: def.type === 'string',
      ...(def.choices ? { values: def.choices } : def.value === 'FILE' ? { values: 'file' as const } : {}),
      about: firstClause(about),
    };
  });
}

/** Single-quoted for sh, bash, zsh and fish alike ('it'\''s'). */
const sq = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

function bash(opts: readonly Completable[]): string {
  const words = opts.flatMap((o) => [`--${o.name}`, ...(o.short !== undefined ? [`-${o.short}`] : [])]);
  const spell = (o: Completable): string => [`--${o.name}`, ...(o.short !== undefined ? [`-${o.short}`] : [])].join('|');
  const cases = opts.flatMap((o) => {
    if (!o.value) return [];
    if (o.values === 'file') return [`    ${spell(o)}) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")); return ;;`];
    if (o.values === undefined) return [`    ${spell(o)}) return ;;`];
    // A comma-separated list (--schemes): complete the name after the last comma.
    if (o.name === 'schemes')
      return [
        `    ${spell(o)})`,
        '      local done=""; [[ $cur == *,* ]] && done="${cur%,*},"',
        '      compopt -o nospace 2>/dev/null',
        `      COMPREPLY=($(compgen -P "$done" -W ${sq(o.values.join(' '))} -- "\${cur##*,}")); return ;;`,
      ];
    return [`    ${spell(o)}) COMPREPLY=($(compgen -W ${sq(o.values.join(' '))} -- "$cur")); return ;;`];
  });
  return [
    '# bash completion for init-tui: init-tui --completions bash > ~/.local/share/bash-completion/completions/init-tui',
    '_init_tui() {',
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  case "$prev" in',
    ...cases,
    '  esac',
    `  COMPREPLY=($(compgen -W ${sq(words.join(' '))} -- "$cur"))`,
    '}',
    'complete -F _init_tui init-tui',
    '',
  ].join('\n');
}

/** zsh's _arguments wants [ ] : and backslashes in a description escaped. */
const zdesc = (text: string): string => text.replace(/([[\]:\\])/g, '\\$1');

function zsh(opts: readonly Completable[]): string {
  const specs = opts.map((o) => {
    const action = !o.value
      ? ''
      : o.values === 'file'
        ? ':file:_files'
        : o.values !== undefined
          ? o.name === 'schemes'
            ? `:scheme:_sequence compadd - ${o.values.join(' ')}`
            : `:value:(${o.values.join(' ')})`
          : ':value: ';
    const desc = `[${zdesc(o.about)}]`;
    if (o.short !== undefined) return `${sq(`(-${o.short} --${o.name})`)}{-${o.short},--${o.name}}${sq(desc + action)}`;
    return sq(`--${o.name}${desc}${action}`);
  });
  return [
    '#compdef init-tui',
    '# zsh completion for init-tui: init-tui --completions zsh > ~/.zfunc/_init-tui (with ~/.zfunc on $fpath)',
    '_arguments -s \\',
    ...specs.map((s, k) => `  ${s}${k < specs.length - 1 ? ' \\' : ''}`),
    '',
  ].join('\n');
}

function fish(opts: readonly Completable[]): string {
  return [
    '# fish completion for init-tui: init-tui --completions fish > ~/.config/fish/completions/init-tui.fish',
    // init-tui takes no arguments but options: no file names unless an option asks for one.
    'complete -c init-tui -f',
    ...opts.map((o) =>
      [
        'complete -c init-tui',
        ...(o.short !== undefined ? [`-s ${o.short}`] : []),
        `-l ${o.name}`,
        ...(o.value ? ['-r'] : []),
        ...(o.values === 'file' ? ['-F'] : o.values !== undefined ? [`-a ${sq(o.values.join(' '))}`] : []),
        `-d ${sq(o.about)}`,
      ].join(' '),
    ),
    '',
  ].join('\n');
}

/** The completion script for `shell`. */
export function completionScript(shell: Shell, options: Readonly<Record<string, OptionDef>> = OPTIONS): string {
  const opts = completables(options);
  return shell === 'bash' ? bash(opts) : shell === 'zsh' ? zsh(opts) : fish(opts);
}
