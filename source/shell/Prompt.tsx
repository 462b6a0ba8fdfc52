import { Box, Text } from 'ink';
import type { PromptSegment } from './prompt-text.js';
import type { Theme } from './theme.js';

export interface PromptProps {
  /** The prompt laid out in rows (promptRows): the backend and cluster, the line, the cursor. */
  rows: readonly (readonly PromptSegment[])[];
  theme: Theme;
}

/**
 * The input line: the backend and default cluster, then the text with the cursor. A line
 * wider than the terminal wraps onto more rows, so the whole command stays in view.
 */
export default function Prompt({ rows, theme }: PromptProps) {
  return (
    <Box flexDirection="column">
      {rows.map((row, i) => (
        <Text key={i} wrap="truncate-end">
          {row.map((segment, j) => (
            <Text key={j} {...(segment.role ? theme[segment.role] : {})} {...(segment.dim ? { dimColor: true } : {})} {...(segment.cursor ? { inverse: true } : {})}>
              {segment.text}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
