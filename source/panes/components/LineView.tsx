import { Text } from 'ink';
import { memo } from 'react';
import { mergeCells, type Line } from '../render/cells.js';

export interface LineViewProps {
  line: Line;
}

/** One rendered line: a Text per styled cell, never wrapped (renders cut lines to the pane's width). */
export const LineView = memo(function LineView({ line }: LineViewProps) {
  const cells = mergeCells(line);
  return (
    <Text wrap="truncate-end">
      {cells.length === 0
        ? ' '
        : cells.map((c, i) => (
            <Text key={i} color={c.color} bold={c.bold} dimColor={c.dim} inverse={c.inverse}>
              {c.text}
            </Text>
          ))}
    </Text>
  );
});
