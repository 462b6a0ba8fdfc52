import { Box, Text } from 'ink';
import { memo } from 'react';
import type { VisualLine } from './output-lines.js';
import type { Theme } from './theme.js';

export interface OutputLogProps {
  /** The rows to show, already cut to the space there is. */
  lines: readonly VisualLine[];
  /** Rows below the window (scrolled up with PageUp); a marker row says so. */
  below: number;
  theme: Theme;
}

/**
 * The commands run and their output, coloured, newest at the bottom. Memoized: typing at
 * the prompt redraws the prompt, not a long output above it.
 */
function OutputLog({ lines, below, theme }: OutputLogProps) {
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line.length === 0 || (line.length === 1 && line[0]!.text === '')
            ? ' '
            : line.map((segment, j) => (segment.role ? <Text key={j} {...theme[segment.role]}>{segment.text}</Text> : segment.text))}
        </Text>
      ))}
      {below > 0 ? (
        <Text wrap="truncate-end" {...theme.muted}>
          {`── ${below} more line${below === 1 ? '' : 's'} below: PageDown ──`}
        </Text>
      ) : null}
    </Box>
  );
}

export default memo(OutputLog);
