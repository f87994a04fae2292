import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * The parts of src/ and what each may import (arrows point down only:
 * cli → ui → engine/results → core). Packages and node:* are listed per part.
 */
const RULES: Record<string, { parts: readonly string[]; packages: 'none' | 'node-only' | 'any' }> = {
  core: { parts: ['core'], packages: 'none' },
  results: { parts: ['results', 'core'], packages: 'none' },
  engine: { parts: ['engine', 'core'], packages: 'any' },
  ui: { parts: ['ui', 'engine', 'results', 'core'], packages: 'any' },
  cli: { parts: ['cli', 'ui', 'engine', 'results', 'core'], packages: 'any' },
  // src/cli.tsx, the bin entry: nothing but the CLI.
  entry: { parts: ['cli'], packages: 'none' },
};

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));

/** Every module specifier a source file imports: static, side-effect, re-export and dynamic. */
export function importsOf(source: string): string[] {
  const found: string[] = [];
  const patterns = [/\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const p of patterns) for (const m of source.matchAll(p)) if (m[1] !== undefined) found.push(m[1]);
  return found;
}

/** The part a file of src/ belongs to (its first folder), or "entry" for a file at the top. */
function partOf(file: string): string {
  const rel = relative(SRC, file).split(sep);
  return rel.length === 1 ? 'entry' : (rel[0] ?? 'entry');
}

/** Why `specifier`, imported by `file`, breaks the rules; undefined when it is allowed. */
export function violation(file: string, specifier: string): string | undefined {
  const part = partOf(file);
  const rule = RULES[part];
  if (!rule) return `${relative(SRC, file)} is in an unknown part "${part}"`;
  if (specifier.startsWith('.')) {
    const target = partOf(resolve(dirname(file), specifier));
    return rule.parts.includes(target) ? undefined : `${part} may not import ${target} (${relative(SRC, file)} imports ${specifier})`;
  }
  if (rule.packages === 'any') return undefined;
  return `${part} may not import packages or node:* (${relative(SRC, file)} imports ${specifier})`;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

test('no file in src imports from a part it must not: core nothing outside itself, results core only, ui never cli', () => {
  const files = sources(SRC);
  assert.ok(files.length > 30, `${files.length} source files read`);
  const problems = files.flatMap((f) => importsOf(readFileSync(f, 'utf8')).flatMap((s) => violation(f, s) ?? []));
  assert.deepEqual(problems, []);
});

test('the import check catches a forbidden import of each kind', () => {
  assert.match(violation(join(SRC, 'core/rng.ts'), 'node:fs') ?? '', /core may not import packages/);
  assert.match(violation(join(SRC, 'core/rng.ts'), '../engine/race.js') ?? '', /core may not import engine/);
  assert.match(violation(join(SRC, 'results/table.ts'), '../ui/theme.js') ?? '', /results may not import ui/);
  assert.match(violation(join(SRC, 'ui/App.tsx'), '../cli/out-file.js') ?? '', /ui may not import cli/);
  assert.match(violation(join(SRC, 'engine/race.ts'), '../results/report.js') ?? '', /engine may not import results/);
  assert.equal(violation(join(SRC, 'ui/App.tsx'), '../engine/race.js'), undefined);
  assert.deepEqual(
    importsOf(`import a from 'x';\nimport './y.js';\nconst z = await import('../cli/argv.js');\nexport { b } from "./b.js";`),
    ['x', './b.js', './y.js', '../cli/argv.js'],
  );
});
