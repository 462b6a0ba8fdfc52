import { Box, Text } from 'ink';
import { fit } from './render/cells.js';

export interface DetailsViewProps {
  title: string;
  lines: readonly string[];
  /** The first line shown. */
  offset: number;
  width: number;
  height: number;
}

/** The first line a details view can start at and still fill its height. */
export function maxDetailsOffset(lineCount: number, height: number): number {
  return Math.max(0, lineCount - (height - 1));
}

/** The selected row's full describe output, scrolled by the pane's keys. */
export function DetailsView({ title, lines, offset, width, height }: DetailsViewProps) {
  const body = height - 1;
  const start = Math.min(Math.max(0, offset), maxDetailsOffset(lines.length, height));
  const shown = lines.slice(start, start + body);
  const position = lines.length > body ? ` ${start + 1}-${start + shown.length}/${lines.length}` : '';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold color="cyan" wrap="truncate-end">
        {fit(`${title}${position}`, width)}
      </Text>
      {shown.map((line, i) => (
        <Text key={start + i} wrap="truncate-end">
          {line.length > width ? `${line.slice(0, width - 1)}…` : line || ' '}
        </Text>
      ))}
    </Box>
  );
}
