#!/usr/bin/env node
// init-tui's bin: runs the built program, dist/cli.js.
//
// The build runs on `npm pack` (prepack), not on install, so that the packed
// package installs without install scripts (npm warns about every one). In a
// clone that leaves `npm install` without dist/; so that `npm install` then
// `npx init-tui` is still all a newcomer types, the bin builds the program
// first when it runs from a checkout (scripts/build.mjs is there) whose dist/
// is missing or older than a file under src/ (a `git pull` since). The packed
// package has no scripts/ and checks nothing. The build's own output goes to
// stderr: stdout stays the program's (--json). It says it is building only to
// a person at a terminal, about to see the dashboard: `--json` and output into
// a pipe or a file build in silence, so that `2>&1 | jq` reads one document.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = `${root}dist/cli.js`;

/** The newest modification time of a file under dir (ms). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs);
  }
  return latest;
}

if (existsSync(`${root}scripts/build.mjs`)) {
  const built = existsSync(cli) ? statSync(cli).mtimeMs : -1;
  if (built < newest(`${root}src`)) {
    const person = process.stdout.isTTY && process.stderr.isTTY && !process.argv.includes('--json');
    if (person) process.stderr.write(`init-tui: building the program (dist/) from this checkout first…\n`);
    for (const script of ['scripts/build-wasm.mjs', 'scripts/build.mjs']) {
      const r = spawnSync(process.execPath, [`${root}${script}`], { cwd: root, stdio: ['ignore', 2, 2] });
      if (r.status !== 0) {
        process.stderr.write(`init-tui: the build failed (${script}); run npm install, then npm run build\n`);
        process.exit(1);
      }
    }
  }
}

await import(new URL('../dist/cli.js', import.meta.url).href);
