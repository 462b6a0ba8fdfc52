import { useEffect, useMemo, useState } from 'react';
import type { CompletionResult, MatchMode } from '../../completion/index.js';
import type { CompletionEngine } from '../completion-engine.js';
import type { LineState } from '../line-edit.js';

/**
 * The completion of the line at the cursor, recomputed as the line changes and when
 * resource names the menu was waiting for arrive.
 */
export function useCompletion(
  engine: CompletionEngine | undefined,
  line: LineState,
  options: { mode: MatchMode; cluster?: string; active: boolean },
): CompletionResult | undefined {
  const [namesVersion, setNamesVersion] = useState(0);
  useEffect(() => {
    if (!engine) return;
    const unsubscribe = engine.resources.subscribe(() => setNamesVersion((version) => version + 1));
    // Names that landed between the first completion and this subscription were not heard of.
    setNamesVersion((version) => version + 1);
    return () => {
      unsubscribe();
    };
  }, [engine]);
  const { mode, cluster, active } = options;
  return useMemo(
    () => (engine && active ? engine.complete(line.text, line.cursor, { mode, cluster }) : undefined),
    // namesVersion: the same line completes to more once the names are in.
    [engine, active, line.text, line.cursor, mode, cluster, namesVersion],
  );
}
