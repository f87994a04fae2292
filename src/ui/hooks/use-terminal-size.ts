import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

function sizeOf(stdout: NodeJS.WriteStream): { columns: number; rows: number } {
  // A pipe or a test stream may report 0 or nothing: fall back to the classic 80×24.
  return { columns: stdout.columns || 80, rows: stdout.rows || 24 };
}

/** The terminal's columns × rows, updated on every resize. */
export function useTerminalSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => sizeOf(stdout));
  useEffect(() => {
    const onResize = () => setSize(sizeOf(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
