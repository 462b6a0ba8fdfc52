import { Box, Text } from 'ink';
import type { PollState } from '../models/poll-loop.js';

export interface TitleBarProps {
  title: string;
  scope: string;
  summary?: string;
  poll: PollState<unknown>;
  refreshMs: number;
  width: number;
}

/** What the pane shows and how fresh it is: polling, backing off, or failing (with why). */
export function TitleBar({ title, scope, summary, poll, refreshMs, width }: TitleBarProps) {
  const status = poll.throttled
    ? { text: `throttled: next poll in ${Math.round(poll.delayMs / 1000)}s`, color: 'yellow' }
    : poll.error
      ? // With nothing loaded yet the pane's body gives the error; the title says the pane keeps trying.
        { text: poll.data === undefined ? `retrying every ${refreshMs / 1000}s` : poll.error, color: 'red' }
      : poll.data === undefined
        ? { text: 'loading…', color: 'gray' }
        : { text: `every ${refreshMs / 1000}s`, color: 'gray' };
  return (
    <Box width={width}>
      {/* What the pane is keeps its room; the counts and the status give way in a narrow pane. */}
      <Box flexShrink={0}>
        <Text inverse bold>{` ${title} `}</Text>
        <Text bold>{` ${scope}`}</Text>
      </Box>
      <Box flexGrow={1} flexShrink={1} marginLeft={1}>
        <Text wrap="truncate-end" color="gray">
          {summary ?? ''}
        </Text>
      </Box>
      <Box flexShrink={2} marginLeft={1}>
        <Text wrap="truncate-end" color={status.color}>
          {status.text}
        </Text>
      </Box>
    </Box>
  );
}
