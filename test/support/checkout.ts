import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A checkout as git leaves it after `npm install`: the sources, this repository's
 * node_modules, no dist/ and no generated WebAssembly. The caller removes the folder.
 */
export function freshCheckout(prefix: string): string {
  const checkout = mkdtempSync(join(tmpdir(), prefix));
  for (const part of ['bin', 'scripts', 'src', 'package.json', 'tsconfig.json']) {
    if (existsSync(join(ROOT, part))) cpSync(join(ROOT, part), join(checkout, part), { recursive: true });
  }
  rmSync(join(checkout, 'src/core/wasm/kernel-wasm.generated.ts'), { force: true });
  rmSync(join(checkout, 'src/core/wasm/layer-wasm.generated.ts'), { force: true });
  symlinkSync(join(ROOT, 'node_modules'), join(checkout, 'node_modules'));
  return checkout;
}
