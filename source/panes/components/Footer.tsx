import { Text } from 'ink';
import { fit } from '../render/cells.js';

export interface FooterProps {
  text: string;
  color?: string;
  width: number;
}

/** The pane's last line: its keys, the filter being typed, a question to confirm, or the last outcome. */
export function Footer({ text, color = 'gray', width }: FooterProps) {
  return (
    <Text color={color} wrap="truncate-end">
      {fit(text, width)}
    </Text>
  );
}
