import { Text } from 'ink';
import type { Theme, ThemeRole } from './theme.js';

export interface DocLineProps {
  text: string;
  role: ThemeRole;
  theme: Theme;
}

/** One row under the menu: the highlighted item's doc, or what the shell is doing. */
export default function DocLine({ text, role, theme }: DocLineProps) {
  return (
    <Text wrap="truncate-end" {...theme[role]}>
      {text === '' ? ' ' : text}
    </Text>
  );
}
