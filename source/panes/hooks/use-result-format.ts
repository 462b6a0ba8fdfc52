import { useEffect, useState } from 'react';
import type { FormatResult } from '../render/details-lines.js';

let loaded: FormatResult | undefined;
let loading: Promise<FormatResult> | undefined;

/**
 * The command language's output formatter, for the details view. Loaded once a pane is shown,
 * not with the shell: its first prompt does not wait for the command language.
 */
export function useResultFormat(): FormatResult | undefined {
  const [format, setFormat] = useState(() => loaded);
  useEffect(() => {
    if (loaded) return;
    let current = true;
    loading ??= import('../../commands/index.js').then((commands) => (loaded = commands.formatResult));
    loading.then((found) => current && setFormat(() => found)).catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);
  return format;
}
