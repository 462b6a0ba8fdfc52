import { Box, Text } from 'ink';
import type { Theme } from './theme.js';
import { backendText, fitToolbar, TOOLBAR_GAP, toolbarItems, toolbarStatus, type ToolbarState } from './toolbar-text.js';

export interface ToolbarProps extends ToolbarState {
  /** What drives the screen is at (`demo php-app 4/12`), shown before the backend. */
  activity?: string;
  /** The backend as the prompt names it, and its region. */
  backend: string;
  region?: string;
  starting: boolean;
  /** Columns the row has. */
  width: number;
  theme: Theme;
}

/** The bottom row: the keys and their state, and the backend in use; whole items only, as many as fit. */
export default function Toolbar({ activity, backend, region, starting, width, theme, ...state }: ToolbarProps) {
  const fitted = fitToolbar(toolbarItems(state), toolbarStatus(activity, backendText(backend, region, starting)), width);
  return (
    <Box justifyContent="space-between" width={width}>
      <Text wrap="truncate-end" {...theme.toolbar}>
        {fitted.items.map((item, i) => (
          <Text key={item.key}>
            {i > 0 ? ' '.repeat(TOOLBAR_GAP) : ''}
            <Text {...theme.key}>{item.key}</Text> {item.label}
          </Text>
        ))}
      </Text>
      {fitted.status ? (
        <Text wrap="truncate-start" {...theme.toolbar}>
          {fitted.status}
        </Text>
      ) : null}
    </Box>
  );
}
