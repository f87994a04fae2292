/**
 * A config folder of its own for each binary a test starts (XDG_CONFIG_HOME):
 * the dashboard reads and writes its remembered settings there, so no test
 * depends on the developer's ~/.config/init-tui, nor on another test's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ConfigHome {
  readonly path: string;
  /** Removes the folder and what the binary wrote in it. */
  remove(): void;
}

export function freshConfigHome(): ConfigHome {
  const path = mkdtempSync(join(tmpdir(), 'init-tui-config-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
