import { Box, Text } from 'ink';
import type { LineState } from './line-edit.js';
import type { Theme } from './theme.js';

export interface PromptProps {
  /** `sandbox`, `aws:PROFILE@REGION`... */
  label: string;
  cluster?: string;
  line: LineState;
  /** ctrl-r in progress: what is searched for, and the entry found. */
  search?: { query: string; found?: LineState };
  width: number;
  theme: Theme;
  /** Dimmed while a command runs. */
  busy?: boolean;
}

/**
 * The input line: the backend and default cluster, then the text with the cursor. A line
 * wider than the terminal scrolls sideways to keep the cursor in view, so the prompt is
 * always one row.
 */
export default function Prompt({ label, cluster, line, search, width, theme, busy }: PromptProps) {
  if (search) {
    const head = `(${search.found || search.query === '' ? '' : 'failed '}reverse-i-search)'${search.query}': `;
    const shown = search.found ?? { text: '', cursor: 0 };
    return (
      <Box>
        <Text {...theme.info}>{head}</Text>
        <LineText line={shown} highlight={search.found ? search.query.length : 0} width={Math.max(8, width - head.length)} theme={theme} />
      </Box>
    );
  }
  const promptWidth = label.length + (cluster ? cluster.length + 3 : 0) + 2;
  return (
    <Box>
      <Text {...theme.prompt} dimColor={busy}>
        {label}
      </Text>
      {cluster ? (
        <Text>
          {' ['}
          <Text {...theme.cluster}>{cluster}</Text>]
        </Text>
      ) : null}
      <Text {...theme.prompt} dimColor={busy}>
        {'> '}
      </Text>
      <LineText line={line} highlight={0} width={Math.max(8, width - promptWidth)} theme={theme} />
    </Box>
  );
}

/** The text in a window of `width` columns around the cursor, the cursor drawn inverse. */
function LineText({ line, highlight, width, theme }: { line: LineState; highlight: number; width: number; theme: Theme }) {
  const room = width - 1;
  const start = line.cursor < room ? 0 : line.cursor - room + 1;
  const visible = line.text.slice(start, start + room);
  const at = line.cursor - start;
  const before = visible.slice(0, at);
  const under = visible[at] ?? ' ';
  const after = visible.slice(at + 1);
  if (highlight > 0) {
    // ctrl-r: the matched text starts at the cursor.
    return (
      <Text>
        {before}
        <Text {...theme.match} inverse>
          {under}
        </Text>
        <Text {...theme.match}>{after.slice(0, highlight - 1)}</Text>
        {after.slice(highlight - 1)}
      </Text>
    );
  }
  return (
    <Text>
      {before}
      <Text inverse>{under}</Text>
      {after}
    </Text>
  );
}
