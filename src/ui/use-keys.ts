import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';
import { INITIAL_INPUT, parseKeys, type InputState, type Key } from './input.js';

/**
 * Every key the terminal sends, parsed by input.ts, handed over in order —
 * a whole burst at once. One subscription for the whole dashboard: the
 * handler is read through a ref, so it always sees the latest closure, and
 * Ink's own key parsing (useInput) is not used at all.
 */
export function useKeys(onKeys: (keys: readonly Key[]) => void, isActive: boolean): void {
  const { setRawMode, internal_eventEmitter: emitter } = useStdin();
  const handler = useRef(onKeys);
  handler.current = onKeys;
  const parser = useRef<InputState>(INITIAL_INPUT);
  useEffect(() => {
    if (!isActive) return;
    setRawMode(true);
    const onInput = (chunk: string): void => {
      const { keys, state } = parseKeys(chunk, parser.current);
      parser.current = state;
      if (keys.length > 0) handler.current(keys);
    };
    emitter.on('input', onInput);
    return () => {
      emitter.off('input', onInput);
      setRawMode(false);
    };
  }, [isActive, setRawMode, emitter]);
}
