// The build: esbuild bundles the program into dist/ — the CLI (dist/cli.js), the
// dashboard as a chunk it loads only when it draws (so --json never loads Ink or
// React), and the worker thread's entry (dist/worker.js). One file per part
// instead of hundreds of small modules is what makes the first frame fast:
// Node spent most of its start-up resolving, reading and lexing those files.
// Type checking is `npm run typecheck` (tsc); esbuild only strips the types.
import { chmodSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}dist`, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli.tsx', worker: 'src/engine/worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // piscina starts its threads from its own file beside it; Ink loads the React
  // devtools only with DEV=true (not a dependency): both stay outside the bundle.
  // So piscina is package.json's one `dependency`: everything else dist/ runs (ink,
  // react, ink-select-input, asciichart, bullmq, ioredis) is in the bundle, and a
  // devDependency (test/process/cli/package.test.ts installs the packed tarball alone).
  // BullMQ and ioredis are bundled, into a chunk that only --queue and --worker import:
  // loaded from node_modules (hundreds of files) they took 0.3 s of a submitter's start,
  // bundled 0.15 s.
  external: ['piscina', 'react-devtools-core'],
  // React picks its production build from NODE_ENV at run time; fixing it here drops
  // the development build from the bundle (the dashboard sets it to production anyway).
  //
  // `fetch`: yoga-layout (Ink's layout engine) asks `typeof fetch` before it decodes its
  // embedded WebAssembly, and in Node 20 that first look loads the whole fetch
  // implementation (undici), ~15 ms of the first frame. Nothing here fetches anything.
  define: { 'process.env.NODE_ENV': '"production"', fetch: 'undefined' },
  // Smaller code parses faster: the dashboard chunk goes from 0.9 MB to ~0.4 MB.
  minify: true,
  // Names stay readable in a stack trace (an internal error says where).
  keepNames: true,
  // Bundled CommonJS (React, Ink's dependencies) may call require() for Node's built-ins.
  banner: { js: "import { createRequire as __initTuiRequire } from 'node:module'; const require = __initTuiRequire(import.meta.url);" },
  chunkNames: '[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});
// What piscina loads in each thread: a tiny CommonJS file that import()s dist/worker.js
// (src/engine/worker-entry.cts says why). Not bundled: it must stay an import().
await build({
  absWorkingDir: root,
  entryPoints: ['src/engine/worker-entry.cts'],
  outfile: 'dist/worker-entry.cjs',
  bundle: false,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
chmodSync(`${root}dist/cli.js`, 0o755);
