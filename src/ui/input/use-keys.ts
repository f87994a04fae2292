import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';
import { flushInput, INITIAL_INPUT, parseKeys, pending, type InputState, type Key } from './input.js';

/** A paste or a control string still open after this long without input is closed (its end marker got lost). */
const QUIET_MS = 400;

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
    let quiet: NodeJS.Timeout | undefined;
    const deliver = (r: { keys: Key[]; state: InputState }): void => {
      parser.current = r.state;
      if (r.keys.length > 0) handler.current(r.keys);
    };
    const onInput = (chunk: string): void => {
      clearTimeout(quiet);
      deliver(parseKeys(chunk, parser.current));
      if (pending(parser.current)) quiet = setTimeout(() => deliver(flushInput(parser.current)), QUIET_MS);
    };
    emitter.on('input', onInput);
    return () => {
      clearTimeout(quiet);
      emitter.off('input', onInput);
      setRawMode(false);
    };
  }, [isActive, setRawMode, emitter]);
}
