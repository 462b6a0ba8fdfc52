import { Box, Text } from 'ink';
import type { Theme } from './theme.js';
import { backendText, toolbarKeys } from './toolbar-text.js';

export interface ToolbarProps {
  fuzzy: boolean;
  docs: boolean;
  /** The backend as the prompt names it, and its region. */
  backend: string;
  region?: string;
  starting: boolean;
  theme: Theme;
}

/** The bottom row: the function keys and their state, and the backend in use. */
export default function Toolbar({ fuzzy, docs, backend, region, starting, theme }: ToolbarProps) {
  return (
    <Box justifyContent="space-between">
      <Text wrap="truncate-end" {...theme.toolbar}>
        {toolbarKeys(fuzzy, docs).map(([key, label], i) => (
          <Text key={key}>
            {i > 0 ? '  ' : ''}
            <Text {...theme.key}>{key}</Text> {label}
          </Text>
        ))}
      </Text>
      <Text wrap="truncate-start" {...theme.toolbar}>
        {backendText(backend, region, starting)}
      </Text>
    </Box>
  );
}
